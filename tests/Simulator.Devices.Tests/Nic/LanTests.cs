using Simulator.Core.Addressing;
using Simulator.Core.Engine;
using Simulator.Core.Wire;
using Simulator.Devices.Ipv4.Routing;
using Simulator.Devices.Links.Bridge;
using Simulator.Devices.Links.Nic;
using Simulator.Devices.Namespaces;
using Simulator.Devices.Tests.Bridge;
using Simulator.Devices.Tests.Support;

namespace Simulator.Devices.Tests.Nic;

/// <summary>
/// Seed 000's world: the host's eth0 cabled to a LAN with host2 and the gateway,
/// <code>
///   ns2 ── veth2/veth1 ── br1 ── eth0 ══ switch ══ host2 (192.168.1.100)
///                          (192.168.1.87)        ══ gateway (192.168.1.1)
/// </code>
/// </summary>
public class LanTests
{
    private static Ipv4InterfaceAddress Cidr(string text)
    {
        Assert.That(Ipv4InterfaceAddress.TryParse(text, out var address), Is.True);
        return address;
    }

    private static (World World, Lan Lan, EthernetNic Eth0, OutsideHost Host2) Seed000World()
    {
        var world = new World();
        var lan = new Lan(world, "lan0");
        var eth0 = lan.AddUplink(world.InitialNamespace, "eth0", Cidr("192.168.1.87/24"), Ipv4Address.Parse("192.168.1.1"));
        lan.AddGateway(Cidr("192.168.1.1/24"));
        var host2 = lan.AddHost("host2", Cidr("192.168.1.100/24"));
        return (world, lan, eth0, host2);
    }

    [Test]
    public void The_host_reaches_a_machine_on_its_LAN_through_its_uplink()
    {
        var (world, _, eth0, _) = Seed000World();
        Assert.That((eth0.IsRunning, eth0.Qdisc, eth0.IsVirtual), Is.EqualTo((true, "fq_codel", false)));
        var replies = Topology.Ping(world.InitialNamespace, "192.168.1.100");
        Assert.That(replies.Select(r => r.Type), Is.EqualTo(new[] { IcmpType.EchoReply }));
        Assert.That(world.Simulation.Packets.Outstanding, Is.Zero);
    }

    [Test]
    public void A_NIC_filters_unicast_for_other_stations_unless_promiscuous()
    {
        var (world, lan, eth0, host2) = Seed000World();
        var frame = world.Simulation.Packets.Rent(60);
        new EthernetRepr(MacAddress.Parse("02:00:00:00:00:99"), host2.Nic.Address, EtherType.Ipv4).Emit(frame.Data);
        // Flooded by the switch (unknown destination) to eth0 and the gateway.
        host2.Nic.Transmit(frame);
        long before = (long)eth0.Stats.RxPackets;
        world.Simulation.RunFor(Simulation.Millisecond);
        Assert.That((long)eth0.Stats.RxPackets, Is.EqualTo(before), "the hardware filter dropped it");
        Assert.That(lan.Switch.Ports, Has.Count.EqualTo(3));
    }

    [Test]
    public void Bridging_eth0_puts_a_namespace_on_the_LAN_after_the_host_address_moves_to_the_bridge()
    {
        var (world, _, eth0, host2) = Seed000World();
        var host = world.InitialNamespace;
        var ns2 = world.CreateNamespace("ns2");
        var br1 = BridgeTopology.Bridge(host, "br1", up: false);
        Assert.That(br1.AddSlave(eth0), Is.Null);                     // brctl addif br1 eth0
        Assert.That(eth0.Promiscuity, Is.EqualTo(1));
        host.Ipv4.Addresses.Flush(eth0);                               // ifconfig eth0 0.0.0.0
        Topology.Address(br1, "192.168.1.87/24");                      // ifconfig br1 192.168.1.87/24 up
        BridgeTopology.Station(br1, ns2, "veth1", "192.168.1.88/24", insideName: "veth2");
        Topology.Route(ns2, "0.0.0.0/0", "192.168.1.1");
        world.Simulation.RunFor(Simulation.Millisecond);

        Assert.That(Topology.Ping(ns2, "192.168.1.100").Select(r => r.Type), Is.EqualTo(new[] { IcmpType.EchoReply }));
        Assert.That(Topology.Ping(host, "192.168.1.100").Select(r => r.Type), Is.EqualTo(new[] { IcmpType.EchoReply }));
        Assert.That(Topology.Ping(ns2, "192.168.1.1").Select(r => r.Type), Is.EqualTo(new[] { IcmpType.EchoReply }));
        var learned = br1.Fdb.Entries.Where(e => !e.IsLocal).ToDictionary(e => e.Address, e => e.Port!.Device.Name);
        Assert.That(learned[host2.Nic.Address], Is.EqualTo("eth0"));
        Assert.That(learned[ns2.FindDevice("veth2")!.Address], Is.EqualTo("veth1"));
    }
}
