using Simulator.Cli.Host;
using Simulator.Core.Addressing;
using Simulator.Core.Wire;
using Simulator.Devices.Links;
using Simulator.Devices.Links.Bridge;

namespace Simulator.Cli.Tests.Bridge;

/// <summary>A forwarding loop stops the run with an explanation instead of hanging.</summary>
public class LoopStopTests
{
    [Test]
    public void A_broadcast_storm_spends_the_event_budget_and_the_run_says_why()
    {
        var m = new BridgeMachine("event-budget 200000");
        Assert.That(m.World.Simulation.EventBudget, Is.EqualTo(200_000));
        m.Run("""
            ip netns add swB
            ip link add br0 type bridge
            ip netns exec swB ip link add br1 type bridge
            ip link add p1 type veth peer name q1 netns swB
            ip link add p2 type veth peer name q2 netns swB
            for p in p1 p2; do ip link set $p master br0; ip link set $p up; done
            for p in q1 q2; do ip netns exec swB ip link set $p master br1; ip netns exec swB ip link set $p up; done
            ip link set br0 up
            ip netns exec swB ip link set br1 up
            """);
        var br0 = (BridgeDevice)m.World.InitialNamespace.FindDevice("br0")!;
        var frame = m.World.Simulation.Packets.Rent(60);
        new EthernetRepr(MacAddress.Broadcast, MacAddress.Parse("02:00:00:00:00:01"), EtherType.Arp).Emit(frame.Data);
        br0.Transmit(frame);

        Assert.Throws<SimulationStoppedException>(() => m.Run("ip netns exec swB sleep 10\necho after"));
        Assert.That(m.Stderr, Does.Contain("netsim: t.sh:1: ip netns exec swB sleep 10: the simulation ran 200,000 events in one command without settling"));
        Assert.That(m.Stderr, Does.Contain("forwarding loop"));
        Assert.That(m.Stdout, Does.Not.Contain("after"));
    }
}
