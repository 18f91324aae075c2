using Simulator.Core.Engine;
using Simulator.Core.Wire;
using Simulator.Devices.Links;
using Simulator.Devices.Links.Bridge;
using Simulator.Devices.Namespaces;
using Simulator.Devices.Tests.Support;

namespace Simulator.Devices.Tests.Bridge;

public class BridgeForwardingTests
{
    [Test]
    public void Two_namespaces_on_a_bridge_ping_each_other_with_ttl_64()
    {
        var world = new World();
        var host = world.InitialNamespace;
        var bridge = BridgeTopology.Bridge(host, "bridge0");
        var ns0 = world.CreateNamespace("ns0");
        var ns1 = world.CreateNamespace("ns1");
        BridgeTopology.Station(bridge, ns0, "veth1", "192.168.1.2/24");
        BridgeTopology.Station(bridge, ns1, "veth3", "192.168.1.3/24");

        var replies = Topology.Ping(ns0, "192.168.1.3");

        Assert.That(replies.Select(r => r.Type), Is.EqualTo(new[] { IcmpType.EchoReply }));
        Assert.That(world.Simulation.Packets.Outstanding, Is.Zero, "every packet was released");
    }

    [Test]
    public void The_bridges_decisions_are_trace_events()
    {
        var world = new World();
        var bridge = BridgeTopology.Bridge(world.InitialNamespace, "br0");
        var ns0 = world.CreateNamespace("ns0");
        var ns1 = world.CreateNamespace("ns1");
        BridgeTopology.Station(bridge, ns0, "p0", "10.0.0.1/24");
        var (inside1, _) = BridgeTopology.Station(bridge, ns1, "p1", "10.0.0.2/24");
        world.Simulation.RunFor(Simulation.Millisecond);
        var trace = new TraceRecorder();
        world.Simulation.Trace = trace;

        Assert.That(Topology.Ping(ns0, "10.0.0.2"), Has.Count.EqualTo(1));

        var decisions = trace.Events.Where(e => e.Kind == Core.Tracing.TraceKind.RxHandler).Select(e => (e.Device, e.Detail)).ToList();
        Assert.That(decisions[0], Is.EqualTo(((string?)"p0", (string?)"bridge br0: broadcast: flood, and up to br0")));
        Assert.That(decisions, Does.Contain(((string?)"p1", (string?)$"bridge br0: {ns0.FindDevice("eth0")!.Address} is behind p0: forward")));
        Assert.That(decisions, Does.Contain(((string?)"p0", (string?)$"bridge br0: {inside1.Address} is behind p1: forward")));
    }

    [Test]
    public void Known_unicast_goes_to_its_port_only_and_broadcast_reaches_every_other_port()
    {
        var world = new World();
        var host = world.InitialNamespace;
        var bridge = BridgeTopology.Bridge(host, "br0");
        var stations = Enumerable.Range(0, 4).Select(i => world.CreateNamespace($"ns{i}")).ToList();
        var insides = stations.Select((ns, i) => BridgeTopology.Station(bridge, ns, $"p{i}", $"10.0.0.{i + 1}/24").Inside).ToList();
        var counters = insides.Select(_ => new FrameCounter()).ToList();
        for (int i = 0; i < insides.Count; i++) insides[i].AddTap(counters[i]);

        Assert.That(Topology.Ping(stations[0], "10.0.0.2"), Has.Count.EqualTo(1));

        // The ARP request was broadcast: every other station heard it, a copy each.
        Assert.That(counters.Skip(1).Select(c => c.ArpIn), Is.All.EqualTo(1));
        // The echo request and reply were unicast between ns0 and ns1 only.
        Assert.That(counters[1].EchoRequestsIn, Is.EqualTo(1));
        Assert.That(counters[2].EchoRequestsIn + counters[3].EchoRequestsIn, Is.Zero);
        Assert.That(counters[2].ArpIn + counters[3].ArpIn, Is.EqualTo(2), "the ARP reply was unicast to ns0");
    }

    [Test]
    public void Unknown_unicast_is_flooded_to_every_eligible_port_not_just_the_first()
    {
        var world = new World();
        var bridge = BridgeTopology.Bridge(world.InitialNamespace, "br0");
        var counters = new List<RawFrameCounter>();
        for (int i = 0; i < 5; i++)
        {
            var ns = world.CreateNamespace($"ns{i}");
            var (inside, _) = BridgeTopology.Station(bridge, ns, $"p{i}", $"10.0.0.{i + 1}/24");
            var counter = new RawFrameCounter();
            inside.AddTap(counter);
            counters.Add(counter);
        }
        var sender = (VethDevice)world.FindNamespace("ns0")!.FindDevice("eth0")!;
        var frame = world.Simulation.Packets.Rent(60);
        new EthernetRepr(BridgeTopology.Mac("02:00:00:00:99:99"), sender.Address, EtherType.Ipv4).Emit(frame.Data);
        sender.Transmit(frame);
        world.Simulation.RunFor(Simulation.Millisecond);

        Assert.That(counters[0].In, Is.Zero, "not back to the sender");
        Assert.That(counters.Skip(1).Select(c => c.In), Is.All.EqualTo(1), "one copy to each other port");
        Assert.That(world.Simulation.Packets.Outstanding, Is.Zero);
    }

    [Test]
    public void Hairpin_sends_a_frame_back_out_of_the_port_it_came_in_on()
    {
        var world = new World();
        var bridge = BridgeTopology.Bridge(world.InitialNamespace, "br0");
        var ns0 = world.CreateNamespace("ns0");
        var (inside, port) = BridgeTopology.Station(bridge, ns0, "p0", "10.0.0.1/24");
        var counter = new RawFrameCounter();
        inside.AddTap(counter);
        // A second station behind the same port (as macvlan in VEPA mode would be): its address is learned on p0.
        var other = BridgeTopology.Mac("02:00:00:00:00:77");
        Inject(inside, destination: inside.Address, source: other);
        world.Simulation.RunFor(Simulation.Millisecond);
        Assert.That(bridge.Fdb.Find(other)?.Port?.Device, Is.EqualTo(port));
        counter.In = 0;

        Inject(inside, destination: other, source: inside.Address);
        world.Simulation.RunFor(Simulation.Millisecond);
        Assert.That(counter.In, Is.Zero, "hairpin off: not back out of p0");

        bridge.PortOf(port)!.SetHairpin(true);
        Inject(inside, destination: other, source: inside.Address);
        world.Simulation.RunFor(Simulation.Millisecond);
        Assert.That(counter.In, Is.EqualTo(1), "hairpin on: reflected");
    }

    [Test]
    public void A_port_joins_promiscuous_and_leaves_it_with_the_kernels_log_lines()
    {
        var world = new World();
        var bridge = BridgeTopology.Bridge(world.InitialNamespace, "br0");
        var ns0 = world.CreateNamespace("ns0");
        var (_, port) = BridgeTopology.Station(bridge, ns0, "veth1", "10.0.0.1/24");
        world.Simulation.RunFor(Simulation.Millisecond);

        Assert.That(port.Promiscuity, Is.EqualTo(1));
        port.SetUserPromisc(true);
        port.SetUserPromisc(false);
        Assert.That(port.Promiscuity, Is.EqualTo(1), "the bridge's hold remains");
        Assert.That(bridge.DeleteSlave(port), Is.Null);
        Assert.That(port.Promiscuity, Is.Zero);
        var messages = world.Kernel.Lines.Select(l => l.Message).ToList();
        // As Linux 6.18 logs them in namespaces (new_nbp, br_add_if, br_stp_enable_port, del_nbp).
        Assert.That(messages, Is.EqualTo(new[]
        {
            "br0: port 1(veth1) entered blocking state",
            "br0: port 1(veth1) entered disabled state",
            "veth1: entered allmulticast mode",
            "veth1: entered promiscuous mode",
            "br0: port 1(veth1) entered blocking state",
            "br0: port 1(veth1) entered forwarding state",
            "veth1: left allmulticast mode",
            "veth1: left promiscuous mode",
            "br0: port 1(veth1) entered disabled state",
        }));
    }

    private static void Inject(NetDevice from, Core.Addressing.MacAddress destination, Core.Addressing.MacAddress source)
    {
        var frame = from.World.Simulation.Packets.Rent(60);
        new EthernetRepr(destination, source, EtherType.Ipv4).Emit(frame.Data);
        from.Transmit(frame);
    }
}

/// <summary>Counts frames a device receives, whatever they carry.</summary>
internal sealed class RawFrameCounter : IPacketTap
{
    public int In, Out;

    public void Observe(NetDevice device, Core.Packets.Packet frame, TapDirection direction)
    {
        if (direction == TapDirection.Incoming) In++;
        else Out++;
    }
}

/// <summary>Keeps every trace event.</summary>
internal sealed class TraceRecorder : Core.Tracing.ITraceSink
{
    public List<Core.Tracing.TraceEvent> Events { get; } = [];
    public void Record(Core.Tracing.TraceEvent traceEvent) => Events.Add(traceEvent);
}
