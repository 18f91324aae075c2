using System.Text.RegularExpressions;

namespace Simulator.Cli.Tests.Tcpdump;

/// <summary>
/// tcpdump as a simulated process: what it prints while packets cross the device it listens on,
/// how it ends, and what it leaves in the kernel log. Expected texts come from tcpdump 4.99.3 runs
/// in namespaces on Linux 6.18 (see the comments); times are virtual, from midnight.
/// </summary>
public class LiveCaptureTests
{
    [Test]
    public void Background_capture_prints_the_exchange_and_the_statistics_when_killed()
    {
        var h = new CaptureHarness();
        h.VethPair();
        h.Ping(null, "10.0.0.2", count: 2, delay: 500_000_000);
        h.Clear();
        Assert.That(h.Run("tcpdump -i veth-a -en icmp &\nsleep 3\nkill %1"), Is.Zero);

        string a = h.Mac(null, "veth-a").ToString(), b = h.Mac("ns1", "veth-b").ToString();
        var lines = h.Stdout.Split('\n');
        var echo = new Regex(@"^00:00:0(\d)\.(\d{6}) (\S+) > (\S+), ethertype IPv4 \(0x0800\), length 98: (\S+) > (\S+): ICMP echo (request|reply), id 60162, seq (\d), length 64$");
        Assert.That(lines.Take(4).Select(l => echo.Match(l).Success), Is.All.True, h.Stdout);
        Assert.That(lines[0], Does.Contain($"{a} > {b}, ethertype IPv4 (0x0800), length 98: 10.0.0.1 > 10.0.0.2: ICMP echo request, id 60162, seq 1, length 64"));
        Assert.That(lines[1], Does.Contain($"{b} > {a}, ethertype IPv4 (0x0800), length 98: 10.0.0.2 > 10.0.0.1: ICMP echo reply, id 60162, seq 1, length 64"));
        Assert.That(lines[2], Does.Contain("ICMP echo request, id 60162, seq 2, length 64"));
        // Killed with SIGTERM: tcpdump ends the possibly unfinished line, then reports on stderr
        // (measured: the blank line on stdout, then the three lines).
        Assert.That(h.Stdout, Does.EndWith("seq 2, length 64\n\n"));
        Assert.That(h.Stderr, Is.EqualTo(
            "tcpdump: verbose output suppressed, use -v[v]... for full protocol decode\n" +
            "listening on veth-a, link-type EN10MB (Ethernet), snapshot length 262144 bytes\n" +
            "4 packets captured\n4 packets received by filter\n0 packets dropped by kernel\n"));
    }

    [Test]
    public void Timestamps_are_virtual_time_from_midnight()
    {
        var h = new CaptureHarness();
        h.VethPair();
        long start = h.World.Simulation.Now;
        h.Ping(null, "10.0.0.2", count: 1, delay: 1_234_567_000);
        h.Clear();
        // The first frame is the ARP request the echo request waits for, sent at once.
        h.Run("tcpdump -i veth-a -n -c 1");
        long seconds = (start + 1_234_567_000) / 1_000_000_000;
        long micros = (start + 1_234_567_000) / 1000 % 1_000_000;
        Assert.That(h.Stdout, Is.EqualTo($"00:00:{seconds:D2}.{micros:D6} ARP, Request who-has 10.0.0.2 tell 10.0.0.1, length 28\n"));
    }

    [Test]
    public void Count_ends_the_capture_without_the_extra_newline()
    {
        var h = new CaptureHarness();
        h.VethPair();
        h.Ping(null, "10.0.0.2", count: 3);
        h.Clear();
        int status = h.Run("tcpdump -i veth-a -n -c 2 icmp");

        Assert.That(status, Is.Zero);
        Assert.That(h.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries), Has.Length.EqualTo(2));
        Assert.That(h.Stdout, Does.Not.Contain("\n\n"));
        Assert.That(h.Stderr, Does.EndWith("2 packets captured\n2 packets received by filter\n0 packets dropped by kernel\n"));
    }

    [Test]
    public void One_packet_is_counted_in_the_singular()
    {
        var h = new CaptureHarness();
        h.VethPair();
        h.Ping(null, "10.0.0.2", count: 1);
        h.Clear();
        h.Run("tcpdump -i veth-a -n -c 1 icmp");
        // Measured: "1 packet captured" (PLURAL_SUFFIX).
        Assert.That(h.Stderr, Does.Contain("\n1 packet captured\n1 packet received by filter\n0 packets dropped by kernel\n"));
    }

    [Test]
    public void Timeout_stops_a_foreground_capture_with_status_124()
    {
        var h = new CaptureHarness();
        h.VethPair();
        h.Clear();
        int status = h.Run("timeout 2 tcpdump -i veth-a -n");
        Assert.That(status, Is.EqualTo(124));
        Assert.That(h.Text, Does.Contain("listening on veth-a, link-type EN10MB (Ethernet), snapshot length 262144 bytes\n\n0 packets captured\n"));
    }

    [Test]
    public void The_device_is_promiscuous_while_tcpdump_runs_unless_p()
    {
        var h = new CaptureHarness();
        h.VethPair();
        var veth = h.Namespace(null).FindDevice("veth-a")!;
        h.Run("tcpdump -i veth-a &");
        Assert.That(veth.Promiscuity, Is.EqualTo(1));
        h.Run("kill %1");
        Assert.That(veth.Promiscuity, Is.Zero);
        h.Run("tcpdump -p -i veth-a &");
        Assert.That(veth.Promiscuity, Is.Zero);
        h.Run("kill %2");
        h.Clear();
        h.Run("dmesg");
        // Linux 6.18 logs netdev_info's "veth-a: entered promiscuous mode" (measured).
        Assert.That(h.Stdout, Does.Match(@"^\[ *\d+\.\d{6}\] veth-a: entered promiscuous mode\n\[ *\d+\.\d{6}\] veth-a: left promiscuous mode\n$"));
    }

    [Test]
    public void A_filter_error_still_toggles_promiscuous_mode()
    {
        var h = new CaptureHarness();
        h.VethPair();
        h.Clear();
        Assert.That(h.Run("tcpdump -i veth-a 'icmp and'"), Is.EqualTo(1));
        Assert.That(h.Stderr, Does.StartWith("tcpdump: can't parse filter expression: syntax error\n"));
        h.Clear();
        h.Run("dmesg");
        Assert.That(h.Stdout, Does.Contain("veth-a: entered promiscuous mode").And.Contain("veth-a: left promiscuous mode"));
    }

    [Test]
    public void Verbose_and_write_modes_announce_the_capture_on_one_line()
    {
        var h = new CaptureHarness();
        h.VethPair();
        h.Clear();
        h.Run("tcpdump -v -i veth-a &\nkill %1");
        Assert.That(h.Stderr, Does.StartWith("tcpdump: listening on veth-a, link-type EN10MB (Ethernet), snapshot length 262144 bytes\n"));
        h.Clear();
        h.Run("tcpdump -s 96 -w /tmp/x.pcap -i veth-a &\nkill %2");
        // -w prints no packets and so no extra newline (measured).
        Assert.That(h.Text, Is.EqualTo("tcpdump: listening on veth-a, link-type EN10MB (Ethernet), snapshot length 96 bytes\n" +
                                       "0 packets captured\n0 packets received by filter\n0 packets dropped by kernel\n"));
    }

    [Test]
    public void Errors_opening_the_device()
    {
        var h = new CaptureHarness();
        h.VethPair();
        h.Clear();
        Assert.That(h.Run("tcpdump -i veth9"), Is.EqualTo(1));
        // Measured on tcpdump 4.99.3 / libpcap 1.10.3.
        Assert.That(h.Stderr, Does.StartWith("tcpdump: veth9: No such device exists\n(No such device exists)\n"));
        h.Clear();
        h.Run("ip link set veth-a down");
        Assert.That(h.Run("tcpdump -i veth-a"), Is.EqualTo(1));
        Assert.That(h.Stderr, Does.StartWith("tcpdump: veth-a: That device is not up\n"));
        h.Clear();
        Assert.That(h.Run("ip netns exec ns1 tcpdump -i veth-a"), Is.EqualTo(1), "veth-a is not in ns1");
    }

    [Test]
    public void Deleting_the_device_ends_the_capture()
    {
        var h = new CaptureHarness();
        h.VethPair();
        h.Clear();
        h.Run("tcpdump -i veth-a -n &\nip link del veth-a\nwait %1");
        // Measured: the error, then the statistics without a blank line.
        Assert.That(h.Text, Does.Contain("tcpdump: pcap_loop: The interface disappeared\n0 packets captured\n"));
        Assert.That(h.Machine.Jobs.FindJob("%1")!.ExitStatus, Is.EqualTo(1));
    }

    [Test]
    public void Any_device_prints_the_interface_and_direction()
    {
        var h = new CaptureHarness();
        h.VethPair();
        h.Ping(null, "10.0.0.2", count: 1, delay: 100_000_000);
        h.Clear();
        h.Run("tcpdump -i any -n -c 4 &\nsleep 2");
        Assert.That(h.Stderr, Does.StartWith("tcpdump: data link type LINUX_SLL2\n"));
        var lines = h.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l[16..]).ToList();
        // As tcpdump -i any printed the same exchange (measured): interface padded to 5, direction to 3.
        Assert.That(lines, Is.EqualTo(new[]
        {
            "veth-a Out ARP, Request who-has 10.0.0.2 tell 10.0.0.1, length 28",
            "veth-a In  ARP, Reply 10.0.0.2 is-at " + h.Mac("ns1", "veth-b") + ", length 28",
            "veth-a Out IP 10.0.0.1 > 10.0.0.2: ICMP echo request, id 60162, seq 1, length 64",
            "veth-a In  IP 10.0.0.2 > 10.0.0.1: ICMP echo reply, id 60162, seq 1, length 64",
        }));
    }

    [Test]
    public void Written_capture_reads_back_as_it_was_printed()
    {
        var h = new CaptureHarness();
        h.VethPair();
        h.Ping(null, "10.0.0.2", count: 2);
        h.Run("tcpdump -i veth-a -n icmp -w /tmp/c.pcap &\ntcpdump -i veth-a -n icmp &\nsleep 3\nkill %1 %2");
        var live = h.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        h.Clear();
        Assert.That(h.Run("tcpdump -r /tmp/c.pcap -n"), Is.Zero);
        Assert.That(h.Stderr, Is.EqualTo("reading from file /tmp/c.pcap, link-type EN10MB (Ethernet), snapshot length 262144\n"));
        Assert.That(h.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries), Is.EqualTo(live));
        h.Clear();
        h.Run("tcpdump -r /tmp/c.pcap -n -c 1 'icmp[0] = 0' ; tcpdump -r /tmp/c.pcap -n -c 1 'icmp and src 10.0.0.2'");
        Assert.That(h.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries), Is.EqualTo(new[] { live[1] }));
    }

    [Test]
    public void Savefile_errors_are_libpcaps()
    {
        var h = new CaptureHarness();
        h.Clear();
        Assert.That(h.Run("tcpdump -r /tmp/none.pcap"), Is.EqualTo(1));
        Assert.That(h.Stderr, Does.StartWith("tcpdump: /tmp/none.pcap: No such file or directory\n"));
        h.Clear();
        h.Run("echo hello > /tmp/t.txt");
        Assert.That(h.Run("tcpdump -r /tmp/t.txt"), Is.EqualTo(1));
        Assert.That(h.Stderr, Does.StartWith("tcpdump: unknown file format\n"));
        h.Clear();
        h.VethPair();
        Assert.That(h.Run("tcpdump -i veth-a -w /nonexistent/x.pcap"), Is.EqualTo(1));
        Assert.That(h.Stderr, Does.StartWith("tcpdump: /nonexistent/x.pcap: No such file or directory\n"));
    }

    [Test]
    public void Seed_003_packets_reach_veth3_but_not_eth2()
    {
        // Seed 003 before ip_forward: ns_1's pings to 114.114.114.114 reach the host on veth3,
        // which does not forward them, so tcpdump on eth2 (here another veth) sees nothing.
        var h = new CaptureHarness();
        h.Setup("""
            ip netns add ns_1
            ip link add veth3 type veth peer name veth2
            ip link set veth2 netns ns_1
            ip netns exec ns_1 ip addr add 1.1.1.2/24 dev veth2
            ip netns exec ns_1 ip link set veth2 up
            ip addr add 1.1.1.3/24 dev veth3
            ip link set veth3 up
            ip netns exec ns_1 ip route add default via 1.1.1.3
            ip netns add outside
            ip link add eth2 type veth peer name wan
            ip link set wan netns outside
            ip addr add 10.20.30.182/24 dev eth2
            ip link set eth2 up
            ip netns exec outside ip link set wan up
            """);
        h.Ping("ns_1", "114.114.114.114", count: 4, firstSequence: 15, delay: 500_000_000);
        h.Clear();
        h.Run("tcpdump -i veth3 icmp -en &\ntcpdump -i eth2 icmp -en &\nsleep 5\nkill %1 %2");
        string veth2 = h.Mac("ns_1", "veth2").ToString(), veth3 = h.Mac(null, "veth3").ToString();
        var lines = h.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Has.Length.EqualTo(4));
        for (int i = 0; i < 4; i++)
            Assert.That(lines[i], Does.Match($@"^00:00:0\d\.\d{{6}} {veth2} > {veth3}, ethertype IPv4 \(0x0800\), length 98: 1\.1\.1\.2 > 114\.114\.114\.114: ICMP echo request, id 60162, seq {15 + i}, length 64$"));
        Assert.That(h.Stderr, Does.Contain("4 packets captured\n4 packets received by filter\n").And.Contain("0 packets captured\n0 packets received by filter\n"));
    }
}
