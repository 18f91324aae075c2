using Simulator.Core.Wire;
using Simulator.Devices.Namespaces;
using Simulator.Devices.Tests.Support;

namespace Simulator.Devices.Tests.Ipv4;

public class EchoTests
{
    [Test]
    public void Echo_across_a_veth_pair_is_answered_after_ARP()
    {
        var world = new World();
        var host = world.InitialNamespace;
        var nstest = world.CreateNamespace("nstest");
        var (a, b) = Topology.Veth(host, "veth-a", nstest, "veth-b");
        var counter = new FrameCounter();
        a.AddTap(counter);
        Topology.Address(a, "10.0.0.1/24");
        Topology.Address(b, "10.0.0.2/24");

        var replies = Topology.Ping(host, "10.0.0.2");

        Assert.That(replies.Select(r => r.Type), Is.EqualTo(new[] { IcmpType.EchoReply }));
        Assert.That((counter.EchoRequestsOut, counter.EchoRepliesIn), Is.EqualTo((1, 1)));
        Assert.That((counter.ArpOut, counter.ArpIn), Is.EqualTo((1, 1)), "one request, one reply");
        Assert.That(world.Simulation.Packets.Outstanding, Is.Zero, "every packet was released");
    }

    [Test]
    public void Router_forwards_only_with_ip_forward_and_decrements_ttl()
    {
        var world = new World();
        var ns0 = world.CreateNamespace("ns0");
        var router = world.CreateNamespace("ns-router");
        var ns1 = world.CreateNamespace("ns1");
        var (v0, v1) = Topology.Veth(ns0, "veth0", router, "veth1");
        var (v3, v2) = Topology.Veth(router, "veth3", ns1, "veth2");
        Topology.Address(v0, "192.168.0.2/24");
        Topology.Address(v1, "192.168.0.1/24");
        Topology.Address(v2, "192.168.1.2/24");
        Topology.Address(v3, "192.168.1.1/24");
        Topology.Route(ns0, "192.168.1.0/24", "192.168.0.1");
        Topology.Route(ns1, "192.168.0.0/24", "192.168.1.1");

        Assert.That(Topology.Ping(ns0, "192.168.1.2"), Is.Empty, "ip_forward=0: silently dropped");

        router.Ipv4.SetAllForwarding(1);
        Assert.That(Topology.Ping(ns0, "192.168.1.2").Select(r => r.Type), Is.EqualTo(new[] { IcmpType.EchoReply }));

        var expired = Topology.Ping(ns0, "192.168.1.2", ttl: 1);
        Assert.That(expired.Select(r => (r.Type, r.Code)), Is.EqualTo(new[] { (IcmpType.TimeExceeded, (byte)0) }));
    }
}
