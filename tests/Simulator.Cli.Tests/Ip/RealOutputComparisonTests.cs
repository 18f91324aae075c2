namespace Simulator.Cli.Tests.Ip;

/// <summary>
/// Builds the topologies of real sessions and compares ip's output line by line with what the
/// real tools printed. How the constants were captured: on Linux 6.18 with iproute2 6.1, as
/// root, inside throwaway namespaces (`ip netns add refNNNNa`, commands through
/// `ip netns exec refNNNNa …`), output saved with `cat -A` to keep trailing spaces. The MACs of
/// that run are given here explicitly so the lines can be compared whole; IPv6 lines (inet6,
/// fe80::/64, ::1) are left out, as NetSim does not model IPv6.
/// </summary>
public class RealOutputComparisonTests
{
    private static void AssertSameLines(string actual, string expected)
    {
        var got = actual.TrimEnd('\n').Split('\n');
        var want = expected.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
        for (int i = 0; i < Math.Min(got.Length, want.Length); i++)
            Assert.That(got[i], Is.EqualTo(want[i]), $"line {i + 1}");
        Assert.That(got, Has.Length.EqualTo(want.Length), "number of lines:\n" + actual);
    }

    /// <summary>Seed 002's two namespaces: veth-a in one, veth-b moved to the other, both up with addresses.</summary>
    private static IpHarness TwoNamespaces()
    {
        var ip = new IpHarness();
        ip.Setup(
            "ip netns add ref10424a",
            "ip netns add ref10424b",
            "ip -n ref10424a link add veth-a address c2:3e:eb:5b:bd:4c type veth peer name veth-b address 76:21:9f:22:d1:24",
            "ip -n ref10424a link set veth-b netns ref10424b",
            "ip -n ref10424a addr add 10.0.0.1/24 dev veth-a",
            "ip -n ref10424a link set dev veth-a up",
            "ip -n ref10424b addr add 10.0.0.2/24 dev veth-b",
            "ip -n ref10424b link set dev veth-b up",
            "ip -n ref10424b link set dev lo up",
            "ip -n ref10424a link set lo up");
        return ip;
    }

    [Test]
    public void Addresses_of_both_namespaces()
    {
        var ip = TwoNamespaces();
        AssertSameLines(ip.Out("ip netns exec ref10424a ip addr"), """
            1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000
                link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00
                inet 127.0.0.1/8 scope host lo
                   valid_lft forever preferred_lft forever
            3: veth-a@if2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default qlen 1000
                link/ether c2:3e:eb:5b:bd:4c brd ff:ff:ff:ff:ff:ff link-netns ref10424b
                inet 10.0.0.1/24 scope global veth-a
                   valid_lft forever preferred_lft forever
            """);
        AssertSameLines(ip.Out("ip netns exec ref10424b ip addr"), """
            1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000
                link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00
                inet 127.0.0.1/8 scope host lo
                   valid_lft forever preferred_lft forever
            2: veth-b@if3: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default qlen 1000
                link/ether 76:21:9f:22:d1:24 brd ff:ff:ff:ff:ff:ff link-netns ref10424a
                inet 10.0.0.2/24 scope global veth-b
                   valid_lft forever preferred_lft forever
            """);
    }

    [Test]
    public void Details_of_lo_and_veth()
    {
        var ip = TwoNamespaces();
        AssertSameLines(ip.Out("ip netns exec ref10424b ip -d link"), """
            1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN mode DEFAULT group default qlen 1000
                link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00 promiscuity 0  allmulti 0 minmtu 0 maxmtu 0 addrgenmode eui64 numtxqueues 1 numrxqueues 1 gso_max_size 65536 gso_max_segs 65535 tso_max_size 524280 tso_max_segs 65535 gro_max_size 65536 
            2: veth-b@if3: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP mode DEFAULT group default qlen 1000
                link/ether 76:21:9f:22:d1:24 brd ff:ff:ff:ff:ff:ff link-netns ref10424a promiscuity 0  allmulti 0 minmtu 68 maxmtu 65535 
                veth addrgenmode eui64 numtxqueues 2 numrxqueues 2 gso_max_size 65536 gso_max_segs 65535 tso_max_size 524280 tso_max_segs 65535 gro_max_size 65536 
            """);
    }

    [Test]
    public void Routes_route_get_and_table_all()
    {
        var ip = TwoNamespaces();
        AssertSameLines(ip.Out("ip -n ref10424a route"), "10.0.0.0/24 dev veth-a proto kernel scope link src 10.0.0.1 \n");
        AssertSameLines(ip.Out("ip -n ref10424a route get 10.0.0.2"), "10.0.0.2 dev veth-a src 10.0.0.1 uid 0 \n    cache \n");
        AssertSameLines(ip.Out("ip -n ref10424a route get 10.0.0.1"), "local 10.0.0.1 dev lo src 10.0.0.1 uid 0 \n    cache <local> \n");
        AssertSameLines(ip.Out("ip -n ref10424a route show table all"), """
            10.0.0.0/24 dev veth-a proto kernel scope link src 10.0.0.1 
            local 10.0.0.1 dev veth-a table local proto kernel scope host src 10.0.0.1 
            broadcast 10.0.0.255 dev veth-a table local proto kernel scope link src 10.0.0.1 
            local 127.0.0.0/8 dev lo table local proto kernel scope host src 127.0.0.1 
            local 127.0.0.1 dev lo table local proto kernel scope host src 127.0.0.1 
            broadcast 127.255.255.255 dev lo table local proto kernel scope link src 127.0.0.1 
            """);
    }

    /// <summary>A second session: several addresses on one veth end, and routes of every shape.</summary>
    private static IpHarness ManyRoutes()
    {
        var ip = new IpHarness();
        ip.Setup(
            "ip link add v1 address ca:b4:6d:27:87:f4 type veth peer name v2",
            "ip link set lo up",
            "ip addr add 10.0.0.1/24 brd + dev v1",
            "ip addr add 10.0.0.5/24 dev v1 label v1:1",
            "ip addr add 10.0.1.1/255.255.255.0 dev v1 broadcast 10.0.1.255 scope link",
            "ip addr add 192.168.1.1/32 dev v1");
        return ip;
    }

    [Test]
    public void Addresses_primary_order_secondary_label_and_broadcast()
    {
        var ip = ManyRoutes();
        AssertSameLines(ip.Out("ip addr show v1"), """
            3: v1@v2: <BROADCAST,MULTICAST,M-DOWN> mtu 1500 qdisc noop state DOWN group default qlen 1000
                link/ether ca:b4:6d:27:87:f4 brd ff:ff:ff:ff:ff:ff
                inet 10.0.1.1/24 brd 10.0.1.255 scope link v1
                   valid_lft forever preferred_lft forever
                inet 10.0.0.1/24 brd 10.0.0.255 scope global v1
                   valid_lft forever preferred_lft forever
                inet 192.168.1.1/32 scope global v1
                   valid_lft forever preferred_lft forever
                inet 10.0.0.5/24 scope global secondary v1:1
                   valid_lft forever preferred_lft forever
            """);
        Assert.That(ip.Out("ip route"), Is.Empty);
        ip.Setup("ip link set v1 up");
        AssertSameLines(ip.Out("ip route"), """
            10.0.0.0/24 dev v1 proto kernel scope link src 10.0.0.1 linkdown 
            10.0.1.0/24 dev v1 proto kernel scope link src 10.0.1.1 linkdown 
            """);
    }

    [Test]
    public void Routes_of_every_shape()
    {
        var ip = ManyRoutes();
        ip.Setup(
            "ip link set v1 up",
            "ip link set v2 up",
            "ip route add 10.9.0.0/16 via 10.0.0.2",
            "ip route add default via 10.0.0.254 dev v1 metric 100",
            "ip route add 10.8.0.0/16 dev v1 src 10.0.0.1 proto static",
            "ip route add 10.7.0.0/16 via 10.0.0.3 table 100",
            "ip route add blackhole 10.6.0.0/16",
            "ip route add unreachable 10.5.0.0/16 metric 5",
            "ip route add 10.4.0.1 via 10.0.0.2 onlink dev v1",
            "ip route add 10.3.0.0/16 dev v1 scope host");
        AssertSameLines(ip.Out("ip route"), """
            default via 10.0.0.254 dev v1 metric 100 
            10.0.0.0/24 dev v1 proto kernel scope link src 10.0.0.1 
            10.0.1.0/24 dev v1 proto kernel scope link src 10.0.1.1 
            10.3.0.0/16 dev v1 scope host 
            10.4.0.1 via 10.0.0.2 dev v1 onlink 
            unreachable 10.5.0.0/16 metric 5 
            blackhole 10.6.0.0/16 
            10.8.0.0/16 dev v1 proto static scope link src 10.0.0.1 
            10.9.0.0/16 via 10.0.0.2 dev v1 
            """);
        AssertSameLines(ip.Out("ip route show table 100"), "10.7.0.0/16 via 10.0.0.3 dev v1 \n");
        AssertSameLines(ip.Out("ip route list dev v1"), """
            default via 10.0.0.254 metric 100 
            10.0.0.0/24 proto kernel scope link src 10.0.0.1 
            10.0.1.0/24 proto kernel scope link src 10.0.1.1 
            10.3.0.0/16 scope host 
            10.4.0.1 via 10.0.0.2 onlink 
            10.8.0.0/16 proto static scope link src 10.0.0.1 
            10.9.0.0/16 via 10.0.0.2 
            """);
        AssertSameLines(ip.Out("ip route show table all"), """
            10.7.0.0/16 via 10.0.0.3 dev v1 table 100 
            default via 10.0.0.254 dev v1 metric 100 
            10.0.0.0/24 dev v1 proto kernel scope link src 10.0.0.1 
            10.0.1.0/24 dev v1 proto kernel scope link src 10.0.1.1 
            10.3.0.0/16 dev v1 scope host 
            10.4.0.1 via 10.0.0.2 dev v1 onlink 
            unreachable 10.5.0.0/16 metric 5 
            blackhole 10.6.0.0/16 
            10.8.0.0/16 dev v1 proto static scope link src 10.0.0.1 
            10.9.0.0/16 via 10.0.0.2 dev v1 
            local 10.0.0.1 dev v1 table local proto kernel scope host src 10.0.0.1 
            local 10.0.0.5 dev v1 table local proto kernel scope host src 10.0.0.1 
            broadcast 10.0.0.255 dev v1 table local proto kernel scope link src 10.0.0.1 
            local 10.0.1.1 dev v1 table local proto kernel scope host src 10.0.1.1 
            broadcast 10.0.1.255 dev v1 table local proto kernel scope link src 10.0.1.1 
            local 127.0.0.0/8 dev lo table local proto kernel scope host src 127.0.0.1 
            local 127.0.0.1 dev lo table local proto kernel scope host src 127.0.0.1 
            broadcast 127.255.255.255 dev lo table local proto kernel scope link src 127.0.0.1 
            local 192.168.1.1 dev v1 table local proto kernel scope host src 192.168.1.1 
            """);
        AssertSameLines(ip.Out("ip route show 10.9.0.0/16"), "10.9.0.0/16 via 10.0.0.2 dev v1 \n");
        AssertSameLines(ip.Out("ip route get 10.9.1.1"), "10.9.1.1 via 10.0.0.2 dev v1 src 10.0.0.1 uid 0 \n    cache \n");
        AssertSameLines(ip.Out("ip route get 10.9.1.1 from 10.0.0.5"), "10.9.1.1 from 10.0.0.5 via 10.0.0.2 dev v1 uid 0 \n    cache \n");
        AssertSameLines(ip.Out("ip route get 8.8.8.8"), "8.8.8.8 via 10.0.0.254 dev v1 src 10.0.0.1 uid 0 \n    cache \n");
        AssertSameLines(ip.Out("ip route get 127.0.0.1"), "local 127.0.0.1 dev lo src 127.0.0.1 uid 0 \n    cache <local> \n");
        Assert.That(ip.Run("ip route get 10.6.1.1"), Is.EqualTo(2));
        Assert.That(ip.Stderr, Is.EqualTo("RTNETLINK answers: Invalid argument\n"));
        Assert.That(ip.Run("ip route get 10.5.1.1"), Is.EqualTo(2));
        Assert.That(ip.Stderr, Is.EqualTo("RTNETLINK answers: No route to host\n"));
        Assert.That(ip.Run("ip route add 10.9.0.0/16 via 10.0.0.2"), Is.EqualTo(2));
        Assert.That(ip.Stderr, Is.EqualTo("RTNETLINK answers: File exists\n"));
        Assert.That(ip.Run("ip route add 10.2.0.0/16 via 10.99.0.2"), Is.EqualTo(2));
        Assert.That(ip.Stderr, Is.EqualTo("Error: Nexthop has invalid gateway.\n"));
    }

    [Test]
    public void Rules()
    {
        var ip = new IpHarness();
        Assert.That(ip.Out("ip rule"), Is.EqualTo("0:\tfrom all lookup local\n32766:\tfrom all lookup main\n32767:\tfrom all lookup default\n"));
    }
}
