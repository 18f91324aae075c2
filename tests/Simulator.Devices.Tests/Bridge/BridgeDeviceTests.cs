using Simulator.Core.Addressing;
using Simulator.Core.Engine;
using Simulator.Core.Wire;
using Simulator.Devices.Links;
using Simulator.Devices.Links.Bridge;
using Simulator.Devices.Namespaces;
using Simulator.Devices.Tests.Support;

namespace Simulator.Devices.Tests.Bridge;

/// <summary>
/// The bridge device itself. Expected states come from a 6.18 kernel in throwaway namespaces
/// (ip link add br0 type bridge; ip link set br0 up; ip link show…).
/// </summary>
public class BridgeDeviceTests
{
    [Test]
    public void A_new_bridge_up_without_ports_reports_unknown_with_carrier()
    {
        var world = new World();
        var bridge = BridgeTopology.Bridge(world.InitialNamespace, "br0");
        // Measured: <BROADCAST,MULTICAST,UP,LOWER_UP> ... state UNKNOWN; bridge_id 8000.0:0:0:0:0:0.
        Assert.That((bridge.IsRunning, bridge.OperState), Is.EqualTo((true, OperState.Unknown)));
        Assert.That(bridge.BridgeId.ToString(), Is.EqualTo("8000.000000000000"));
    }

    [Test]
    public void The_bridge_takes_its_lowest_port_address_and_its_carrier_follows_the_ports()
    {
        var world = new World();
        var host = world.InitialNamespace;
        var bridge = BridgeTopology.Bridge(host, "bridge0");
        var ns0 = world.CreateNamespace("ns0");
        var (veth1, veth0) = Topology.Veth(host, "veth1", ns0, "veth0");
        veth1.Address = MacAddress.Parse("d2:db:62:51:7d:75");
        var ns1 = world.CreateNamespace("ns1");
        var (veth3, veth2) = Topology.Veth(host, "veth3", ns1, "veth2");
        veth3.Address = MacAddress.Parse("d6:59:1b:fb:e6:a6");

        Assert.That(bridge.AddSlave(veth1), Is.Null);
        // Measured: adding a port that is down turns the bridge's carrier off: NO-CARRIER, state DOWN.
        Assert.That((bridge.IsRunning, bridge.OperState), Is.EqualTo((false, OperState.Down)));
        Assert.That(bridge.AddSlave(veth3), Is.Null);
        // Seed 001: bridge0 shows veth1's address, the lower of the two.
        Assert.That(bridge.Address, Is.EqualTo(veth1.Address));
        Assert.That(bridge.BridgeId.ToString(), Is.EqualTo("8000.d2db62517d75"));

        veth1.SetUp();
        world.Simulation.RunFor(Simulation.Millisecond);
        Assert.That(bridge.OperState, Is.EqualTo(OperState.Down), "peer down: the port has no carrier");
        veth0.SetUp();
        world.Simulation.RunFor(Simulation.Millisecond);
        Assert.That((bridge.IsRunning, bridge.OperState), Is.EqualTo((true, OperState.Up)));

        Assert.That(bridge.DeleteSlave(veth1), Is.Null);
        Assert.That(bridge.Address, Is.EqualTo(veth3.Address), "the lowest of the ports left");
        Assert.That(bridge.DeleteSlave(veth3), Is.Null);
        // Measured: with no ports left the bridge id and address become zero.
        Assert.That(bridge.Address, Is.EqualTo(MacAddress.Zero));
        Assert.That(bridge.OperState, Is.EqualTo(OperState.Down));
    }

    [Test]
    public void An_address_set_by_the_user_is_kept()
    {
        var world = new World();
        var host = world.InitialNamespace;
        var bridge = BridgeTopology.Bridge(host, "br0");
        bridge.Address = MacAddress.Parse("02:00:00:00:00:01");
        var ns0 = world.CreateNamespace("ns0");
        BridgeTopology.Station(bridge, ns0, "veth1", "10.0.0.1/24");
        Assert.That(bridge.Address, Is.EqualTo(MacAddress.Parse("02:00:00:00:00:01")));
        Assert.That(bridge.BridgeId.ToString(), Is.EqualTo("8000.020000000001"));
        Assert.That(bridge.Fdb.Find(bridge.Address)!.IsLocal, Is.True);
    }

    [Test]
    public void Enslaving_is_refused_as_the_kernel_refuses_it()
    {
        var world = new World();
        var host = world.InitialNamespace;
        var br0 = BridgeTopology.Bridge(host, "br0");
        var br1 = BridgeTopology.Bridge(host, "br1");
        var ns = world.CreateNamespace("ns");
        var (veth1, _) = Topology.Veth(host, "veth1", ns, "veth2");
        Assert.That(br0.AddSlave(veth1), Is.Null);
        Assert.That(br1.AddSlave(veth1)!.Errno, Is.EqualTo(Errno.EBUSY), "already a port of br0");
        Assert.That(br0.AddSlave(br1)!.ToString(), Is.EqualTo("Error: Can not enslave a bridge to a bridge."));
        Assert.That(br0.AddSlave(host.Loopback)!.ToString(), Is.EqualTo("RTNETLINK answers: Invalid argument"));
        Assert.That(br1.DeleteSlave(veth1)!.Errno, Is.EqualTo(Errno.EINVAL), "not a port of br1");
    }

    [Test]
    public void A_bridge_with_an_address_is_the_namespaces_gateway()
    {
        // Seed 001: ns0 reaches the host's 172.16.0.157 once bridge0 has 192.168.1.1 and ns0 a default route.
        var world = new World();
        var host = world.InitialNamespace;
        var bridge = BridgeTopology.Bridge(host, "bridge0");
        var ns0 = world.CreateNamespace("ns0");
        BridgeTopology.Station(bridge, ns0, "veth1", "192.168.1.2/24", insideName: "veth0");
        var ns = world.CreateNamespace("other");
        var (eth0, _) = Topology.Veth(host, "eth0", ns, "peer");
        Topology.Address(eth0, "172.16.0.157/16");
        world.Simulation.RunFor(Simulation.Millisecond);

        Topology.Address(bridge, "192.168.1.1/24");
        Topology.Route(ns0, "0.0.0.0/0", "192.168.1.1");
        var replies = Topology.Ping(ns0, "172.16.0.157");
        Assert.That(replies.Select(r => r.Type), Is.EqualTo(new[] { IcmpType.EchoReply }));
        Assert.That(bridge.Stats.RxPackets, Is.GreaterThan(0UL));
    }

    [Test]
    public void Deleting_the_bridge_releases_its_ports()
    {
        var world = new World();
        var host = world.InitialNamespace;
        var bridge = BridgeTopology.Bridge(host, "br0");
        var ns0 = world.CreateNamespace("ns0");
        var (_, port) = BridgeTopology.Station(bridge, ns0, "veth1", "10.0.0.1/24");
        world.DeleteDevice(bridge);
        Assert.That((port.Master, port.RxHandler, port.Promiscuity), Is.EqualTo(((NetDevice?)null, (IRxHandler?)null, 0)));
    }

    [Test]
    public void A_port_moved_to_another_namespace_leaves_the_bridge()
    {
        var world = new World();
        var host = world.InitialNamespace;
        var bridge = BridgeTopology.Bridge(host, "br0");
        var ns0 = world.CreateNamespace("ns0");
        var (_, port) = BridgeTopology.Station(bridge, ns0, "veth1", "10.0.0.1/24");
        world.MoveDevice(port, world.CreateNamespace("elsewhere"));
        Assert.That(bridge.Ports, Is.Empty);
        Assert.That(port.Master, Is.Null);
    }
}
