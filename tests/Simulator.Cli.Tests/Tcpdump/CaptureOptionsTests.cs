using Simulator.Cli.Host;
using Simulator.Core.Addressing;
using Simulator.Core.Engine;
using Simulator.Core.Wire;

namespace Simulator.Cli.Tests.Tcpdump;

/// <summary>The capture options beyond the basics: direction, numbering, dumps, names, -F, -y, the default device, SIGUSR1.</summary>
public class CaptureOptionsTests
{
    private static CaptureHarness Pinged(int count = 1)
    {
        var h = new CaptureHarness();
        h.VethPair();
        // One exchange first, so that the captures below see no ARP.
        h.Ping(null, "10.0.0.2", count: 1);
        h.Run("sleep 1");
        h.Ping(null, "10.0.0.2", count: count, firstSequence: 2);
        h.Clear();
        return h;
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    [Test]
    public void Direction_in_and_out()
    {
        var h = Pinged();
        h.Run("tcpdump -Q in -i veth-a -n -c 1 -t");
        Assert.That(h.Stdout, Is.EqualTo("IP 10.0.0.2 > 10.0.0.1: ICMP echo reply, id 60162, seq 2, length 64\n"));
        h = Pinged();
        h.Run("tcpdump -Q out -i veth-a -n -c 1 -t");
        Assert.That(h.Stdout, Is.EqualTo("IP 10.0.0.1 > 10.0.0.2: ICMP echo request, id 60162, seq 2, length 64\n"));
        h = Pinged();
        h.Run("tcpdump -i veth-a -n -c 1 -t inbound");
        Assert.That(h.Stdout, Does.Contain("echo reply"), "inbound in a live capture");
    }

    [Test]
    public void Numbers_raw_dump_and_absolute_times()
    {
        var h = Pinged();
        h.Run("tcpdump -# -tt -x -i veth-a -n -c 1");
        var lines = Lines(h.Stdout);
        // "%5u  " then the -tt stamp (measured format), then the IPv4 datagram in hex.
        Assert.That(lines[0], Does.Match(@"^    1  16999200\d\d\.\d{6} IP 10\.0\.0\.1 > 10\.0\.0\.2: ICMP echo request, id 60162, seq 2, length 64$"));
        Assert.That(lines[1], Does.Match(@"^\t0x0000:  4500 0054 [0-9a-f]{4} 4000 4001 [0-9a-f]{4} 0a00 0001$"));
        Assert.That(lines, Has.Length.EqualTo(7), "84 bytes: six lines of hex");
    }

    [Test]
    public void Without_n_MACs_get_their_OUI_and_broadcast_its_name()
    {
        var h = new CaptureHarness();
        h.VethPair();
        h.Ping(null, "10.0.0.2", count: 1);
        h.Clear();
        h.Run("tcpdump -e -i veth-a -c 1 -t");
        // The model's MACs are random and locally administered: no OUI of tcpdump's table.
        Assert.That(h.Stdout, Is.EqualTo($"{h.Mac(null, "veth-a")} (oui Unknown) > Broadcast, ethertype ARP (0x0806), length 42: Request who-has 10.0.0.2 tell 10.0.0.1, length 28\n"));
    }

    [Test]
    public void Without_n_ports_are_named_from_etc_services()
    {
        var h = new CaptureHarness();
        h.VethPair();
        h.Run("sleep 1");
        var socket = h.Namespace(null).Ipv4.Sockets.OpenUdp();
        Assert.That(socket.Bind(Ipv4Address.Any, 45678), Is.Null);
        var query = DnsRepr.Query(12345, "www.baidu.com");
        var bytes = new byte[query.BufferLength];
        query.Emit(bytes);
        h.World.Simulation.Schedule(2 * Machine.CommandStartTime, () => socket.SendTo(Ipv4Address.Parse("10.0.0.2"), 53, bytes));
        h.Clear();
        h.Run("tcpdump -i veth-a -c 4 -t");
        var lines = Lines(h.Stdout).Where(l => l.StartsWith("IP", StringComparison.Ordinal)).ToList();
        // ns1 listens on nothing: its answer is a port unreachable, named as tcpdump names it.
        Assert.That(lines, Is.EqualTo(new[]
        {
            "IP 10.0.0.1.45678 > 10.0.0.2.domain: 12345+ A? www.baidu.com. (31)",
            "IP 10.0.0.2 > 10.0.0.1: ICMP 10.0.0.2 udp port domain unreachable, length 67",
        }));
    }

    [Test]
    public void Filter_from_a_file()
    {
        var h = Pinged();
        h.Run("echo 'icmp # only echoes\n and src 10.0.0.2' > /tmp/f");
        h.Clear();
        h.Run("tcpdump -F /tmp/f -i veth-a -n -c 1 -t");
        Assert.That(h.Stdout, Does.Contain("echo reply"));
        h.Clear();
        Assert.That(h.Run("tcpdump -F /tmp/none -i veth-a"), Is.EqualTo(1));
        Assert.That(h.Stderr, Does.StartWith("tcpdump: can't open /tmp/none: No such file or directory\n"));
    }

    // Measured: tcpdump -i lo -y ... and -i any -y ... on libpcap 1.10.3.
    [TestCase("-i veth-a -y EN10MB", "tcpdump: data link type EN10MB\n", 0)]
    [TestCase("-i veth-a -y LINUX_SLL2", "tcpdump: LINUX_SLL2 is not one of the DLTs supported by this device\n", 1)]
    [TestCase("-i veth-a -y DOCSIS", "tcpdump: DOCSIS is not one of the DLTs supported by this device\n", 1)]
    [TestCase("-i veth-a -y FOO", "tcpdump: invalid data link type FOO\n", 1)]
    [TestCase("-i any -y LINUX_SLL", "tcpdump: data link type LINUX_SLL\n", 0)]
    [TestCase("-i any -y EN10MB", "tcpdump: EN10MB is not one of the DLTs supported by this device\n", 1)]
    public void Data_link_types(string arguments, string firstLine, int status)
    {
        var h = new CaptureHarness();
        h.VethPair();
        h.Clear();
        Assert.That(h.Run($"timeout 1 tcpdump {arguments}"), Is.EqualTo(status == 0 ? 124 : 1));
        Assert.That(h.Stderr, Does.StartWith(firstLine));
    }

    [Test]
    public void Without_i_tcpdump_takes_a_running_device_else_any()
    {
        var h = new CaptureHarness();
        h.VethPair();
        h.Clear();
        h.Run("timeout 1 tcpdump");
        Assert.That(h.Stderr, Does.Contain("listening on veth-a, link-type EN10MB (Ethernet)"));
        h.Clear();
        h.Run("ip netns add empty\nip netns exec empty timeout 1 tcpdump");
        // Measured in a namespace with only lo (down): libpcap ranks any first, with the v1 cooked header.
        Assert.That(h.Stderr, Does.Contain("listening on any, link-type LINUX_SLL (Linux cooked v1), snapshot length 262144 bytes"));
        Assert.That(h.Stderr, Does.Not.Contain("data link type"));
    }

    [Test]
    public void Usr1_prints_the_counts_and_the_capture_goes_on()
    {
        var h = Pinged();
        h.Run("tcpdump -i veth-a -n icmp &\nsleep 1\nkill -10 %1");
        Assert.That(h.Stderr, Does.EndWith("tcpdump: 2 packets captured, 2 packets received by filter, 0 packets dropped by kernel\n"));
        Assert.That(h.Machine.Jobs.FindJob("%1")!.HasExited, Is.False);
        h.Run("kill %1");
    }

    [Test]
    public void The_any_device_follows_devices_that_come_and_go()
    {
        var h = new CaptureHarness();
        h.Run("ip netns add ns2\nip netns add ns3\nip netns exec ns2 tcpdump -i any -n -t &");
        h.Setup("""
            ip link add veth-x type veth peer name veth-y
            ip link set veth-x netns ns2
            ip link set veth-y netns ns3
            ip netns exec ns2 ip addr add 10.9.0.1/24 dev veth-x
            ip netns exec ns3 ip addr add 10.9.0.2/24 dev veth-y
            ip netns exec ns2 ip link set veth-x up
            ip netns exec ns3 ip link set veth-y up
            """);
        h.Ping("ns2", "10.9.0.2", count: 1);
        var peer = h.Mac("ns3", "veth-y");
        h.Clear();
        h.Run("sleep 1\nip netns exec ns2 ip link del veth-x\nkill %1");
        Assert.That(Lines(h.Stdout), Is.EqualTo(new[]
        {
            "veth-x Out ARP, Request who-has 10.9.0.2 tell 10.9.0.1, length 28",
            $"veth-x In  ARP, Reply 10.9.0.2 is-at {peer}, length 28",
            "veth-x Out IP 10.9.0.1 > 10.9.0.2: ICMP echo request, id 60162, seq 1, length 64",
            "veth-x In  IP 10.9.0.2 > 10.9.0.1: ICMP echo reply, id 60162, seq 1, length 64",
        }));
        Assert.That(h.Stderr, Does.Contain("4 packets captured"), "a device leaving does not end a capture on any");
    }
}
