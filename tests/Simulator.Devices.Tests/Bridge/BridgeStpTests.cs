using Simulator.Core.Addressing;
using Simulator.Core.Engine;
using Simulator.Core.Wire;
using Simulator.Devices.Links;
using Simulator.Devices.Links.Bridge;
using Simulator.Devices.Namespaces;
using Simulator.Devices.Tests.Support;

namespace Simulator.Devices.Tests.Bridge;

/// <summary>
/// Two bridges joined twice (a loop), each with a station:
/// <code>
///   sta-a ── br0 ══ p1/q1 ══ br1 ── sta-b
///                ══ p2/q2 ══
/// </code>
/// Expected STP outcomes measured on a 6.18 kernel in namespaces (same addresses): br0 is root,
/// q2 blocks about a second in, the other ports listen 15 s, learn 15 s, then forward.
/// </summary>
public class BridgeStpTests
{
    private static (World World, BridgeDevice Br0, BridgeDevice Br1, NetworkNamespace A) Loop(bool stp)
    {
        var world = new World();
        var nsA = world.CreateNamespace("A");
        var nsB = world.CreateNamespace("B");
        var br0 = new BridgeDevice(world, "br0", MacAddress.Parse("02:00:00:00:00:0a"), addressSetByUser: true);
        var br1 = new BridgeDevice(world, "br1", MacAddress.Parse("02:00:00:00:00:0b"), addressSetByUser: true);
        nsA.Add(br0);
        nsB.Add(br1);
        br0.SetStpEnabled(stp);
        br1.SetStpEnabled(stp);
        for (int i = 1; i <= 2; i++)
        {
            var (p, q) = Topology.Veth(nsA, $"p{i}", nsB, $"q{i}");
            p.Address = MacAddress.Parse($"02:00:00:00:01:0{i}");
            q.Address = MacAddress.Parse($"02:00:00:00:02:0{i}");
            Assert.That(br0.AddSlave(p), Is.Null);
            Assert.That(br1.AddSlave(q), Is.Null);
        }
        br0.SetUp();
        br1.SetUp();
        foreach (var d in nsA.Devices.Concat(nsB.Devices).OfType<VethDevice>()) d.SetUp();
        var staA = world.CreateNamespace("sta-a");
        var staB = world.CreateNamespace("sta-b");
        BridgeTopology.Station(br0, staA, "pa", "10.0.0.1/24");
        BridgeTopology.Station(br1, staB, "pb", "10.0.0.2/24");
        return (world, br0, br1, staA);
    }

    private static PortState State(BridgeDevice bridge, string port) =>
        bridge.PortOf(bridge.Namespace.FindDevice(port)!)!.State;

    [Test]
    public void With_STP_off_a_broadcast_circulates_until_the_event_budget_stops_the_run()
    {
        var (world, _, _, staA) = Loop(stp: false);
        world.Simulation.EventBudget = 200_000;
        var socket = staA.Ipv4.Sockets.OpenRaw(IpProtocol.Icmp);
        var echo = IcmpRepr.EchoRequest(1, 1, 8);
        var message = new byte[echo.BufferLength];
        echo.Emit(message, new byte[8]);
        Assert.That(socket.SendTo(Core.Addressing.Ipv4Address.Parse("10.0.0.2"), message), Is.Null);
        Assert.That(world.Simulation.RunFor(10 * Simulation.Second), Is.EqualTo(RunOutcome.BudgetExhausted));
    }

    [Test]
    public void With_STP_on_the_loop_settles_one_port_blocks_and_pings_pass()
    {
        var (world, br0, br1, staA) = Loop(stp: true);
        world.Simulation.RunFor(3 * Simulation.Second);
        Assert.That(br0.IsRootBridge, Is.True);
        Assert.That(br1.IsRootBridge, Is.False);
        Assert.That(State(br1, "q2"), Is.EqualTo(PortState.Blocking));
        Assert.That(State(br0, "p1"), Is.EqualTo(PortState.Listening));
        Assert.That(br0.IsRunning, Is.False, "no port forwards yet: NO-CARRIER");

        world.Simulation.RunFor(15 * Simulation.Second);
        Assert.That(State(br0, "p1"), Is.EqualTo(PortState.Learning));
        world.Simulation.RunFor(15 * Simulation.Second);
        Assert.That(new[] { State(br0, "p1"), State(br0, "p2"), State(br1, "q1") }, Is.All.EqualTo(PortState.Forwarding));
        Assert.That(State(br1, "q2"), Is.EqualTo(PortState.Blocking));
        Assert.That(br1.RootPort, Is.EqualTo(br1.PortOf(br1.Namespace.FindDevice("q1")!)!.PortNo));
        Assert.That(br1.RootPathCost, Is.EqualTo(2));
        Assert.That(br0.TopologyChange, Is.True, "the root announces the change");
        Assert.That(br0.AgeingTime, Is.EqualTo(30 * Simulation.Second), "fast ageing: twice the forward delay");

        var replies = Topology.Ping(staA, "10.0.0.2");
        Assert.That(replies.Select(r => r.Type), Is.EqualTo(new[] { IcmpType.EchoReply }));

        var log = world.Kernel.Lines.Select(l => l.Message).ToList();
        Assert.That(log, Does.Contain("br1: port 2(q2) entered blocking state"));
        Assert.That(log, Does.Contain("br0: topology change detected, propagating"));
    }

    [Test]
    public void When_the_root_link_fails_the_blocked_port_takes_over()
    {
        var (world, br0, br1, staA) = Loop(stp: true);
        world.Simulation.RunFor(40 * Simulation.Second);
        br0.Namespace.FindDevice("p1")!.SetDown();
        // q2 holds the root's information until max age passes, then listens and learns.
        world.Simulation.RunFor(60 * Simulation.Second);
        Assert.That(State(br1, "q2"), Is.EqualTo(PortState.Forwarding));
        Assert.That(Topology.Ping(staA, "10.0.0.2").Select(r => r.Type), Is.EqualTo(new[] { IcmpType.EchoReply }));
    }

    [Test]
    public void BPDUs_are_real_frames_that_round_trip()
    {
        var bpdu = new StpBpduRepr(BpduType.Config, true, false,
            new BridgeId(0x8000, MacAddress.Parse("02:00:00:00:00:0a")), 4,
            new BridgeId(0x8000, MacAddress.Parse("02:00:00:00:00:0b")), 0x8001,
            StpBpduRepr.ToTicks(Simulation.Second), StpBpduRepr.ToTicks(20 * Simulation.Second),
            StpBpduRepr.ToTicks(2 * Simulation.Second), StpBpduRepr.ToTicks(15 * Simulation.Second));
        var frame = new byte[bpdu.FrameLength];
        bpdu.Emit(frame, MacAddress.Parse("02:00:00:00:01:01"), BridgeDevice.GroupAddress);
        // Golden bytes; tshark decodes them as "Spanning Tree Protocol, Configuration, Topology
        // Change, Root 32768/0/02:00:00:00:00:0a, Root Path Cost 4, Port 0x8001, Message Age 1,
        // Max Age 20, Hello Time 2, Forward Delay 15".
        Assert.That(Convert.ToHexString(frame), Is.EqualTo(
            "0180C2000000" + "020000000101" + "0026" + // group address, source, 802.3 length 38
            "424203" +                                 // LLC: DSAP 0x42, SSAP 0x42, UI
            "0000" + "00" + "00" + "01" +              // protocol id, version, type config, flags TC
            "8000" + "02000000000A" + "00000004" +     // root id, root path cost
            "8000" + "02000000000B" + "8001" +         // bridge id, port id
            "0100" + "1400" + "0200" + "0F00"));       // message age, max age, hello, forward delay (1/256 s)
        Assert.That(StpBpduRepr.TryParse(frame, out var parsed), Is.EqualTo(Core.Tracing.DropReason.None));
        Assert.That(parsed, Is.EqualTo(bpdu));
        Assert.That((parsed.MaxAgeTicks, parsed.HelloTimeTicks), Is.EqualTo(((ushort)5120, (ushort)512)));
    }
}
