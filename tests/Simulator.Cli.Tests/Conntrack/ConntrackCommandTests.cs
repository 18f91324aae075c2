using Simulator.Cli.Host;
using Simulator.Core.Addressing;
using Simulator.Core.Engine;
using Simulator.Devices;

namespace Simulator.Cli.Tests.Conntrack;

/// <summary>
/// conntrack's output on seed 004's gateways. Expected lines are what conntrack v1.4.7 printed on
/// Linux 6.18 for the same topology, rules and traffic (ping, then nc -u -p 56303), except for the
/// ICMP identifier, which ping drew at random there and is fixed here.
/// </summary>
public class ConntrackCommandTests
{
    [Test]
    public void Gateways_show_the_original_and_reply_tuples_and_keep_port_56303()
    {
        var net = new Seed004Gateways();
        Assert.That(net.Ping(8826), Is.EqualTo(new ushort[] { 8826 }));

        var server = net.Ns("mb").Ipv4.Sockets.OpenUdp();
        Assert.That(server.Bind(Ipv4Address.Any, 443), Is.Null);
        var client = net.Ns("ma").Ipv4.Sockets.OpenUdp();
        Assert.That(client.Bind(Ipv4Address.Any, 56303), Is.Null);
        Assert.That(client.SendTo(Ipv4Address.Parse("200.200.200.1"), 443, "hello\n"u8), Is.Null);
        // The listings below come 2.95 s after the datagram and a command start (1 ms) apart: the
        // whole seconds left are the same in both, as they were for the real commands.
        net.Harness.World.Simulation.RunFor(2950 * Simulation.Millisecond);

        var received = server.Received.Single();
        Assert.That((received.Source, received.SourcePort), Is.EqualTo((Ipv4Address.Parse("100.100.100.1"), (ushort)56303)),
            "machine B sees gateway A's address and the original port");

        var harness = net.Harness;
        Assert.That(harness.Run("ip netns exec ga conntrack -L"), Is.Zero);
        Assert.That(harness.Stdout, Is.EqualTo(
            "icmp     1 26 src=192.168.1.2 dst=200.200.200.1 type=8 code=0 id=8826 src=200.200.200.1 dst=100.100.100.1 type=0 code=0 id=8826 mark=0 use=1\n" +
            "udp      17 27 src=192.168.1.2 dst=200.200.200.1 sport=56303 dport=443 [UNREPLIED] src=200.200.200.1 dst=100.100.100.1 sport=443 dport=56303 mark=0 use=1\n"));
        Assert.That(harness.Stderr, Is.EqualTo("conntrack v1.4.7 (conntrack-tools): 2 flow entries have been shown.\n"));

        Assert.That(harness.Run("ip netns exec gb conntrack -L"), Is.Zero);
        Assert.That(harness.Stdout, Is.EqualTo(
            "icmp     1 26 src=100.100.100.1 dst=200.200.200.1 type=8 code=0 id=8826 src=192.168.2.2 dst=100.100.100.1 type=0 code=0 id=8826 mark=0 use=1\n" +
            "udp      17 27 src=100.100.100.1 dst=200.200.200.1 sport=56303 dport=443 [UNREPLIED] src=192.168.2.2 dst=100.100.100.1 sport=443 dport=56303 mark=0 use=1\n"));

        // The nat rules moved once per connection: 84 + 34 bytes, as on the real gateways.
        Assert.That(harness.Run("ip netns exec ga iptables -t nat -L POSTROUTING -v -n"), Is.Zero);
        Assert.That(harness.Stdout, Does.Contain("    2   118 SNAT       0    --  *      wan0    192.168.1.0/24       0.0.0.0/0            to:100.100.100.1"));
    }

    [Test]
    public void Port_unreachable_from_behind_the_dnat_reaches_the_client_translated_back()
    {
        var net = new Seed004Gateways();
        var client = net.Ns("ma").Ipv4.Sockets.OpenUdp();
        Assert.That(client.Connect(Ipv4Address.Parse("200.200.200.1"), 443), Is.Null);
        Assert.That(client.Send("x"u8), Is.Null);
        net.Harness.World.Simulation.RunFor(Simulation.Second);
        Assert.That(client.PendingError, Is.EqualTo(Errno.ECONNREFUSED),
            "the quoted header was un-NATed on both gateways, so the socket recognises its datagram");
    }

    [Test]
    public void A_fresh_namespace_lists_nothing()
    {
        var net = new Seed004Gateways();
        Assert.That(net.Harness.Run("ip netns exec ma conntrack -L"), Is.Zero);
        Assert.That(net.Harness.Stdout, Is.Empty);
        Assert.That(net.Harness.Stderr, Is.EqualTo("conntrack v1.4.7 (conntrack-tools): 0 flow entries have been shown.\n"));
    }

    [Test]
    public void Delete_and_flush_report_as_the_real_tool()
    {
        var net = new Seed004Gateways();
        net.Ping(10);
        var harness = net.Harness;
        Assert.That(harness.Run("ip netns exec ga conntrack -D -p udp"), Is.EqualTo(1));
        Assert.That(harness.Stderr, Is.EqualTo("conntrack v1.4.7 (conntrack-tools): 0 flow entries have been deleted.\n"));
        Assert.That(harness.Run("ip netns exec ga conntrack -D -p icmp"), Is.Zero);
        Assert.That(harness.Stdout, Does.StartWith("icmp     1 29 src=192.168.1.2 dst=200.200.200.1 type=8 code=0 id=10 "));
        Assert.That(harness.Stderr, Is.EqualTo("conntrack v1.4.7 (conntrack-tools): 1 flow entries have been deleted.\n"));
        Assert.That(harness.Run("ip netns exec ga conntrack -C"), Is.Zero);
        Assert.That(harness.Stdout, Is.EqualTo("0\n"));
        Assert.That(harness.Run("ip netns exec ga conntrack -F"), Is.Zero);
        Assert.That(harness.Stderr, Is.EqualTo("conntrack v1.4.7 (conntrack-tools): connection tracking table has been emptied.\n"));
    }

    [TestCase("-L -p foo", "conntrack v1.4.7 (conntrack-tools): `foo' unsupported protocol\n")]
    [TestCase("-L --bogus", "conntrack v1.4.7 (conntrack-tools): unknown option `--bogus'\n")]
    [TestCase("-X", "conntrack v1.4.7 (conntrack-tools): unknown option `-X'\n")]
    [TestCase("-L -s", "conntrack v1.4.7 (conntrack-tools): option `-s' requires an argument\n")]
    [TestCase("-L --sport 80", "conntrack v1.4.7 (conntrack-tools): unknown option `--sport'\n")]
    [TestCase("-S extra", "conntrack v1.4.7 (conntrack-tools): unknown type `extra'\n")]
    [TestCase("-C -p icmp", "conntrack v1.4.7 (conntrack-tools): Illegal option `--protonum' with this command\n")]
    public void Usage_errors_read_as_conntrack_1_4_7(string args, string first)
    {
        // Captured from conntrack v1.4.7; exit status 2.
        var harness = new Ip.IpHarness();
        Assert.That(harness.Run("conntrack " + args), Is.EqualTo(2));
        Assert.That(harness.Stderr, Is.EqualTo(first + "Try `conntrack -h' or 'conntrack --help' for more information.\n"));
    }

    [Test]
    public void Statistics_have_one_line_per_cpu()
    {
        var harness = new Ip.IpHarness();
        Assert.That(harness.Run("conntrack -S"), Is.Zero);
        Assert.That(harness.Stdout, Is.EqualTo(
            "cpu=0   \tfound=0 invalid=0 insert=0 insert_failed=0 drop=0 early_drop=0 error=0 search_restart=0 clash_resolve=0 chaintoolong=0 \n" +
            "cpu=1   \tfound=0 invalid=0 insert=0 insert_failed=0 drop=0 early_drop=0 error=0 search_restart=0 clash_resolve=0 chaintoolong=0 \n"));
    }

    [Test]
    public void Events_read_as_conntrack_E_prints_them()
    {
        // Lines captured from conntrack -E on Linux 6.18 for one ping through a router, the
        // entry then deleted with conntrack -D (portid differs per run) or left to time out.
        var net = new Seed004Gateways();
        var table = net.Ns("ga").Firewall.Connections;
        var simulation = net.Harness.World.Simulation;
        var lines = new List<string>();
        table.Events += ev => lines.Add(Commands.Conntrack.ConntrackFormat.Event(ev, simulation.Now, extended: false));
        net.Ping(4039);
        simulation.RunFor(31 * Simulation.Second);
        Assert.That(lines, Is.EqualTo(new[]
        {
            "    [NEW] icmp     1 30 src=192.168.1.2 dst=200.200.200.1 type=8 code=0 id=4039 [UNREPLIED] src=200.200.200.1 dst=100.100.100.1 type=0 code=0 id=4039",
            " [UPDATE] icmp     1 30 src=192.168.1.2 dst=200.200.200.1 type=8 code=0 id=4039 src=200.200.200.1 dst=100.100.100.1 type=0 code=0 id=4039",
            "[DESTROY] icmp     1 src=192.168.1.2 dst=200.200.200.1 type=8 code=0 id=4039 src=200.200.200.1 dst=100.100.100.1 type=0 code=0 id=4039",
        }));
    }
}
