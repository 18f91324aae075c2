using Simulator.Core.Addressing;
using Simulator.Core.Engine;
using Simulator.Core.Wire;
using Simulator.Devices.Ipv4.Neighbours;
using Simulator.Devices.Namespaces;
using Simulator.Devices.Tests.Support;

namespace Simulator.Devices.Tests.Ipv4;

public class NeighbourTests
{
    private static (World, NetworkNamespace, Links.VethDevice) Lan(bool loopbackUp)
    {
        var world = new World();
        var host = world.CreateNamespace("h");
        var peer = world.CreateNamespace("p");
        var (a, b) = Topology.Veth(host, "a", peer, "b");
        Topology.Address(a, "10.0.0.1/24");
        Topology.Address(b, "10.0.0.2/24");
        if (loopbackUp) host.Loopback.SetUp();
        return (world, host, a);
    }

    [Test]
    public void Unanswered_resolution_probes_three_times_a_second_apart_then_fails()
    {
        var (world, host, a) = Lan(loopbackUp: true);
        var counter = new FrameCounter();
        a.AddTap(counter);
        var errors = Topology.Ping(host, "10.0.0.9", wait: 5 * Simulation.Second);

        Assert.That(counter.ArpRequestsOut, Is.EqualTo(3), "mcast_solicit broadcast probes");
        Assert.That(host.Ipv4.Arp.Find(a, Ipv4Address.Parse("10.0.0.9"))!.State, Is.EqualTo(NudState.Failed));
        Assert.That(errors.Select(e => (e.Type, e.Code)), Is.EqualTo(new[] { (IcmpType.DestinationUnreachable, (byte)1) }),
            "the waiting packet is reported back as host unreachable, through lo");
        Assert.That(world.Simulation.Packets.Outstanding, Is.Zero);
    }

    [Test]
    public void With_lo_down_the_local_error_cannot_be_delivered()
    {
        // Measured: in a fresh namespace (lo down) ping prints no "Destination Host Unreachable".
        var (_, host, _) = Lan(loopbackUp: false);
        Assert.That(Topology.Ping(host, "10.0.0.9", wait: 5 * Simulation.Second), Is.Empty);
    }

    [Test]
    public void Reachable_turns_stale_then_a_use_probes_by_unicast()
    {
        var (world, host, a) = Lan(loopbackUp: true);
        Assert.That(Topology.Ping(host, "10.0.0.2"), Has.Count.EqualTo(1));
        var entry = host.Ipv4.Arp.Find(a, Ipv4Address.Parse("10.0.0.2"))!;
        Assert.That(entry.State, Is.EqualTo(NudState.Reachable));

        world.Simulation.RunFor(60 * Simulation.Second);
        Assert.That(entry.State, Is.EqualTo(NudState.Stale), "reachable_time is at most 1.5 × 30 s");

        var counter = new FrameCounter();
        a.AddTap(counter);
        Assert.That(Topology.Ping(host, "10.0.0.2", wait: 10 * Simulation.Second), Has.Count.EqualTo(1), "a stale entry is still used");
        Assert.That(counter.ArpRequestsOut, Is.EqualTo(1), "DELAY, then one unicast probe in PROBE");
        Assert.That(entry.State, Is.EqualTo(NudState.Reachable));
    }
}
