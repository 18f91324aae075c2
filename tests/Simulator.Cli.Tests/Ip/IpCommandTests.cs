using Simulator.Devices;
using Simulator.Devices.Links;

namespace Simulator.Cli.Tests.Ip;

/// <summary>
/// Parsing and formatting of single ip commands. Expected strings are lines iproute2 6.1 printed
/// on Linux 6.18 for the same commands (indexes and MACs as the same steps give them here).
/// </summary>
public class IpCommandTests
{
    [TestCase("ip a")]
    [TestCase("ip addr")]
    [TestCase("ip addres")]
    [TestCase("ip a sh")]
    [TestCase("ip address show")]
    [TestCase("ip -c=never a s")]
    [TestCase("ip -4 address list")]
    public void Address_abbreviations_list_the_same(string line)
    {
        var ip = new IpHarness();
        ip.Setup("ip link add v1 address 02:00:00:00:00:01 type veth peer name v2 address 02:00:00:00:00:02",
            "ip addr add 10.0.0.1/24 dev v1");
        Assert.That(ip.Out(line), Does.Contain("3: v1@v2: <BROADCAST,MULTICAST,M-DOWN> mtu 1500 qdisc noop state DOWN group default qlen 1000\n" +
                                               "    link/ether 02:00:00:00:00:01 brd ff:ff:ff:ff:ff:ff\n" +
                                               "    inet 10.0.0.1/24 scope global v1\n" +
                                               "       valid_lft forever preferred_lft forever\n"));
    }

    [TestCase("ip l")]
    [TestCase("ip li")]
    [TestCase("ip link sh")]
    [TestCase("ip link show dev v1")]
    [TestCase("ip link list v1")]
    [TestCase("ip -color=never l sh dev v1")]
    public void Link_abbreviations_list_the_same(string line)
    {
        var ip = new IpHarness();
        ip.Setup("ip link add v1 address 02:00:00:00:00:01 type veth peer name v2");
        Assert.That(ip.Out(line), Does.Contain("3: v1@v2: <BROADCAST,MULTICAST,M-DOWN> mtu 1500 qdisc noop state DOWN mode DEFAULT group default qlen 1000\n" +
                                               "    link/ether 02:00:00:00:00:01 brd ff:ff:ff:ff:ff:ff\n"));
    }

    [Test]
    public void Veth_without_names_takes_veth0_for_the_peer_first()
    {
        var ip = new IpHarness();
        ip.Setup("ip link add type veth", "ip link add veth-a type veth peer name veth-b");
        var lines = ip.Out("ip -o link").Split('\n');
        Assert.That(lines[1], Does.StartWith("2: veth0@veth1: "));
        Assert.That(lines[2], Does.StartWith("3: veth1@veth0: "));
        Assert.That(lines[3], Does.StartWith("4: veth-b@veth-a: "));
        Assert.That(lines[4], Does.StartWith("5: veth-a@veth-b: "));
    }

    [Test]
    public void Veth_options_apply_to_each_end_separately()
    {
        var ip = new IpHarness();
        ip.Setup("ip link add v7 mtu 1400 address 02:00:00:00:00:07 txqueuelen 10 type veth peer name v8 address 02:00:00:00:00:08");
        Assert.That(ip.Out("ip link show v7"), Is.EqualTo(
            "3: v7@v8: <BROADCAST,MULTICAST,M-DOWN> mtu 1400 qdisc noop state DOWN mode DEFAULT group default qlen 10\n" +
            "    link/ether 02:00:00:00:00:07 brd ff:ff:ff:ff:ff:ff\n"));
        Assert.That(ip.Out("ip link show v8"), Is.EqualTo(
            "2: v8@v7: <BROADCAST,MULTICAST,M-DOWN> mtu 1500 qdisc noop state DOWN mode DEFAULT group default qlen 1000\n" +
            "    link/ether 02:00:00:00:00:08 brd ff:ff:ff:ff:ff:ff\n"));
    }

    [Test]
    public void Deleting_one_end_of_a_veth_deletes_both()
    {
        var ip = new IpHarness();
        ip.Setup("ip link add name v5 type veth peer v6", "ip link del dev v5");
        Assert.That(ip.Out("ip -br link"), Is.EqualTo("lo               DOWN           00:00:00:00:00:00 <LOOPBACK> \n"));
    }

    [Test]
    public void Flags_in_iproute2_order_with_no_carrier_first_and_m_down_last()
    {
        var ip = new IpHarness();
        ip.Setup("ip link add v3 type veth peer name v2", "ip link set v3 mtu 9000", "ip link set v3 up",
            "ip link set v3 address 02:11:22:33:44:55", "ip link set v3 txqueuelen 500", "ip link set v3 promisc on", "ip link set v3 arp off");
        Assert.That(ip.Out("ip link show v3"), Is.EqualTo(
            "3: v3@v2: <NO-CARRIER,BROADCAST,MULTICAST,NOARP,PROMISC,UP,M-DOWN> mtu 9000 qdisc noqueue state LOWERLAYERDOWN mode DEFAULT group default qlen 500\n" +
            "    link/ether 02:11:22:33:44:55 brd ff:ff:ff:ff:ff:ff\n"));
        ip.Setup("ip link set v3 arp on promisc off", "ip link set v3 up down");
        Assert.That(ip.Out("ip link show v3"), Does.StartWith(
            "3: v3@v2: <BROADCAST,MULTICAST,M-DOWN> mtu 9000 qdisc noqueue state DOWN mode DEFAULT group default qlen 500\n"));
    }

    [Test]
    public void A_peer_elsewhere_with_the_same_index_reads_down_not_lowerlayerdown()
    {
        var ip = new IpHarness();
        ip.Setup("ip netns add b", "ip link add v1 type veth peer name v2 netns b", "ip link set v1 up");
        Assert.That(ip.Out("ip link show v1"), Does.StartWith(
            "2: v1@if2: <NO-CARRIER,BROADCAST,MULTICAST,UP> mtu 1500 qdisc noqueue state DOWN mode DEFAULT group default qlen 1000\n"));
        Assert.That(ip.Out("ip -br link show v1"), Does.StartWith("v1@if2           DOWN           "));
    }

    [Test]
    public void Rename_and_move_in_one_command()
    {
        var ip = new IpHarness();
        ip.Setup("ip netns add net0", "ip link add veth0 type veth peer name veth1",
            "ip link set dev veth0 name net0-bridge netns net0");
        Assert.That(ip.Out("ip -n net0 -o link show net0-bridge"), Does.StartWith("3: net0-bridge@if2: <BROADCAST,MULTICAST> "));
        Assert.That(ip.Out("ip -n net0 link show net0-bridge"), Does.EndWith(" link-netnsid 0\n"));
        Assert.That(ip.Run("ip link show veth0"), Is.EqualTo(1));
        Assert.That(ip.Stderr, Is.EqualTo("Device \"veth0\" does not exist.\n"));
    }

    [Test]
    public void Statistics_columns_widen_for_long_numbers()
    {
        var ip = new IpHarness();
        ip.Setup("ip link add v1 type veth peer name v2");
        var device = ip.World.InitialNamespace.FindDevice("v1")!;
        device.Stats.RxBytes = 123456789012;
        device.Stats.TxPackets = 42;
        var lines = ip.Out("ip -s link show v1").Split('\n');
        // size_columns: the bytes column grows to 12, the others keep their header widths.
        Assert.That(lines[2], Is.EqualTo("    RX:    bytes packets errors dropped  missed   mcast           "));
        Assert.That(lines[3], Is.EqualTo("    123456789012       0      0       0       0       0 "));
        Assert.That(lines[4], Is.EqualTo("    TX:    bytes packets errors dropped carrier collsns           "));
        Assert.That(lines[5], Is.EqualTo("               0      42      0       0       0       0 "));
    }

    [Test]
    public void Brief_and_oneline_addresses()
    {
        var ip = new IpHarness();
        ip.Setup("ip link add veth0 type veth peer name veth1", "ip addr add 10.0.0.1/24 dev veth0",
            "ip addr add 10.0.0.2/24 dev veth0", "ip link set veth0 up");
        Assert.That(ip.Out("ip -br -4 a"), Is.EqualTo("veth0@veth1      LOWERLAYERDOWN 10.0.0.1/24 10.0.0.2/24 \n"));
        Assert.That(ip.Out("ip -o addr"), Is.EqualTo(
            "3: veth0    inet 10.0.0.1/24 scope global veth0\\       valid_lft forever preferred_lft forever\n" +
            "3: veth0    inet 10.0.0.2/24 scope global secondary veth0\\       valid_lft forever preferred_lft forever\n"));
    }

    [Test]
    public void Netns_list_shows_ids_this_namespace_has_allocated()
    {
        var ip = new IpHarness();
        ip.Setup("ip netns add a", "ip netns add b", "ip link add va type veth peer name vb netns b");
        Assert.That(ip.Out("ip netns list"), Is.EqualTo("b\na\n"));
        ip.Out("ip link");
        Assert.That(ip.Out("ip netns list"), Is.EqualTo("b (id: 0)\na\n"));
        Assert.That(ip.Out("ip netns exec b ip netns identify"), Is.EqualTo("b\n"));
        Assert.That(ip.Out("ip netns identify"), Is.Empty);
    }

    [Test]
    public void Netns_exec_returns_the_status_of_the_command()
    {
        var ip = new IpHarness();
        ip.Setup("ip netns add a");
        Assert.That(ip.Run("ip netns exec a false"), Is.EqualTo(1));
        Assert.That(ip.Run("ip netns exec a sh -c 'exit 7'"), Is.EqualTo(7));
        Assert.That(ip.Run("ip netns exec a"), Is.EqualTo(1));
        Assert.That(ip.Stderr, Is.EqualTo("No command specified\n"));
    }

    [Test]
    public void Master_and_nomaster_go_through_the_master_device()
    {
        var ip = new IpHarness();
        var master = new FakeMaster(ip.World, "br0");
        ip.World.InitialNamespace.Add(master);
        ip.Setup("ip link add v1 type veth peer name v2", "ip link set v1 master br0", "ip link set v1 nomaster");
        Assert.That(master.Calls, Is.EqualTo(new[] { "add v1" }), "nomaster releases only a device whose Master is set");
        master.Refusal = new NetlinkError(Errno.EBUSY);
        Assert.That(ip.Run("ip link set v2 master br0"), Is.EqualTo(2));
        Assert.That(ip.Stderr, Is.EqualTo("RTNETLINK answers: Device or resource busy\n"));
        Assert.That(ip.Run("ip link set v1 master v2"), Is.EqualTo(2));
        Assert.That(ip.Stderr, Is.EqualTo("RTNETLINK answers: Operation not supported\n"));
        Assert.That(ip.Run("ip link set v1 master nosuch"), Is.EqualTo(255));
        Assert.That(ip.Stderr, Is.EqualTo("Error: argument \"nosuch\" is wrong: Device does not exist\n\n"));
    }

    [Test]
    public void Neighbours_hide_noarp_and_drop_the_device_when_filtered()
    {
        var ip = new IpHarness();
        ip.Setup("ip link add v1 type veth peer name v2", "ip addr add 10.0.0.1/24 dev v1", "ip link set v1 up", "ip link set v2 up",
            "ip neigh add 10.0.0.7 lladdr 02:00:00:00:00:07 dev v1",
            "ip neigh add 10.0.0.8 dev v1 nud noarp lladdr 02:00:00:00:00:08");
        Assert.That(ip.Out("ip neigh show"), Is.EqualTo("10.0.0.7 dev v1 lladdr 02:00:00:00:00:07 PERMANENT \n"));
        Assert.That(ip.Out("ip n s dev v1"), Is.EqualTo("10.0.0.7 lladdr 02:00:00:00:00:07 PERMANENT \n"));
        Assert.That(ip.Run("ip neigh add 10.0.0.7 lladdr 02:00:00:00:00:07 dev v1"), Is.EqualTo(2));
        Assert.That(ip.Stderr, Is.EqualTo("RTNETLINK answers: File exists\n"));
        ip.Setup("ip neigh del 10.0.0.7 dev v1");
        Assert.That(ip.Run("ip neigh del 10.0.0.77 dev v1"), Is.EqualTo(2));
        Assert.That(ip.Stderr, Is.EqualTo("RTNETLINK answers: No such file or directory\n"));
        ip.Setup("ip neigh add 10.0.0.9 dev v1 lladdr 02:00:00:00:00:09 nud stale");
        Assert.That(ip.Out("ip neigh"), Is.EqualTo("10.0.0.9 dev v1 lladdr 02:00:00:00:00:09 STALE \n"));
        ip.Setup("ip neigh flush dev v1");
        Assert.That(ip.Out("ip neigh"), Is.Empty);
    }

    [Test]
    public void Usage_errors_in_iproute2_words()
    {
        var ip = new IpHarness();
        ip.Setup("ip link add v1 type veth peer name v2");
        (string Line, int Status, string Message)[] cases =
        [
            ("ip link set v1 mtu abc", 255, "Error: argument \"abc\" is wrong: Invalid \"mtu\" value\n\n"),
            ("ip link set v1 name averyveryverylongname", 255, "Error: argument \"averyveryverylongname\" is wrong: \"name\" not a valid ifname\n"),
            ("ip link add averyveryverylongname type veth", 2, "Error: Attribute failed policy validation.\n"),
            ("ip link set", 255, "Not enough information: \"dev\" argument is required.\n"),
            ("ip link set v1 netns nosuchns", 255, "Error: argument \"nosuchns\" is wrong: Invalid \"netns\" value\n\n"),
            ("ip link set v1 address ff:ff:ff:ff:ff:ff", 2, "RTNETLINK answers: Cannot assign requested address\n"),
            ("ip addr add 10.0.0.1/24", 1, "Not enough information: \"dev\" argument is required.\n"),
            ("ip addr add 300.0.0.1/24 dev v1", 1, "Error: any valid prefix is expected rather than \"300.0.0.1/24\".\n"),
            ("ip addr flush", 1, "Flush requires arguments.\n"),
            ("ip route add 10.5.0.0/16 via 300.1.1.1", 1, "Error: inet address is expected rather than \"300.1.1.1\".\n"),
            ("ip route add 10.5.0.0/16 dev v1 metric abc", 255, "Error: argument \"abc\" is wrong: \"metric\" value is invalid\n\n"),
            ("ip route add 10.1.0.0/16 dev v1 x", 255, "Error: either \"to\" is duplicate, or \"x\" is a garbage.\n"),
            ("ip route flush", 1, "\"ip route flush\" requires arguments.\n"),
            ("ip route get", 1, "need at least a destination address\n"),
            ("ip route change 10.77.0.0/16 dev v1", 2, "RTNETLINK answers: No such file or directory\n"),
            ("ip neigh add 10.0.0.11 lladdr 02:00:00:00:00:09", 255, "Device and destination are required arguments.\n"),
            ("ip neigh add 10.0.0.11 dev v9 lladdr 02:00:00:00:00:09", 1, "Cannot find device \"v9\"\n"),
            ("ip -x link", 255, "Option \"-x\" is unknown, try \"ip -help\".\n"),
            ("ip -n nosuchns link", 255, "Cannot open network namespace \"nosuchns\": No such file or directory\n"),
            ("ip netns add", 1, "No netns name specified\n"),
            ("ip netns foo", 255, "Command \"foo\" is unknown, try \"ip netns help\".\n"),
        ];
        foreach (var (line, status, message) in cases)
        {
            Assert.That(ip.Run(line), Is.EqualTo(status), line);
            Assert.That(ip.Stderr, Is.EqualTo(message), line);
        }
    }

    [Test]
    public void Mtu_limits_come_from_the_device()
    {
        var ip = new IpHarness();
        var lo = ip.World.InitialNamespace.Loopback;
        Assert.That(lo.ChangeMtu(70000), Is.Null, "lo has no maximum (max_mtu 0)");
        ip.Setup("ip link add v1 type veth peer name v2");
        var v1 = (NetDevice)ip.World.InitialNamespace.FindDevice("v1")!;
        Assert.That(v1.ChangeMtu(65536)?.ToString(), Is.EqualTo("Error: mtu greater than device maximum."));
        Assert.That(v1.ChangeMtu(67)?.ToString(), Is.EqualTo("Error: mtu less than device minimum."));
        Assert.That(v1.ChangeMtu(68), Is.Null);
    }
}
