using Simulator.Core.Addressing;
using Simulator.Devices.Ipv4.Addresses;
using Simulator.Devices.Ipv4.Neighbours;
using Simulator.Devices.Ipv4.Routing;
using Simulator.Devices.Links;
using Simulator.Devices.Namespaces;
using Simulator.Devices.Tests.Support;

namespace Simulator.Devices.Tests.Ipv4;

/// <summary>
/// The address ioctls (devinet_ioctl) and what the kernel does when a device loses its last
/// address, as measured with ifconfig (net-tools 2.10) and iproute2 6.1 on Linux 6.18.
/// </summary>
public class AddressIoctlTests
{
    private static (NetworkNamespace Ns, VethDevice Veth) Setup()
    {
        var world = new World();
        var ns = world.CreateNamespace("t");
        var (a, _) = Topology.Veth(ns, "va", world.CreateNamespace("u"), "vb");
        return (ns, a);
    }

    private static string[] Routes(NetworkNamespace ns, int table) =>
        ns.Ipv4.Fib.Table(table).All().Select(r => r.ToString()).ToArray();

    [TestCase("10.0.100.1", 8, "10.255.255.255")]
    [TestCase("172.16.1.1", 16, "172.16.255.255")]
    [TestCase("192.168.100.1", 24, "192.168.100.255")]
    [TestCase("0.1.2.3", 8, "0.255.255.255")]
    [TestCase("240.0.0.1", 32, null)]
    public void Setting_an_address_gives_it_its_class_netmask_and_broadcast(string address, int length, string? broadcast)
    {
        var (_, va) = Setup();
        Assert.That(DevinetIoctl.SetAddress(va, "va", Ipv4Address.Parse(address)), Is.Null);
        var set = va.Ip!.Addresses.Single();
        Assert.That((set.Local.ToString(), set.PrefixLength), Is.EqualTo((address, length)));
        Assert.That(set.Broadcast.IsValid ? set.Broadcast.ToString() : null, Is.EqualTo(broadcast));
    }

    [Test]
    public void A_multicast_address_is_invalid_and_0_0_0_0_removes_the_address()
    {
        var (ns, va) = Setup();
        Assert.That(DevinetIoctl.SetAddress(va, "va", Ipv4Address.Parse("224.0.0.1")), Is.EqualTo(Errno.EINVAL));
        DevinetIoctl.SetAddress(va, "va", Ipv4Address.Parse("10.0.0.1"));
        Assert.That(DevinetIoctl.SetAddress(va, "va", Ipv4Address.Any), Is.Null);
        Assert.That(va.Ip!.Addresses, Is.Empty);
        Assert.That(ns.Ipv4.Fib.IsLocalAddress(Ipv4Address.Parse("10.0.0.1")), Is.False);
    }

    [Test]
    public void A_new_netmask_moves_a_derived_broadcast_but_keeps_a_chosen_one()
    {
        var (ns, va) = Setup();
        va.SetUp();
        DevinetIoctl.SetAddress(va, "va", Ipv4Address.Parse("10.0.0.1"));
        Assert.That(DevinetIoctl.SetNetmask(va, "va", Ipv4Address.Parse("255.255.255.0")), Is.Null);
        Assert.That(va.Ip!.Addresses.Single().Broadcast.ToString(), Is.EqualTo("10.0.0.255"));
        Assert.That(Routes(ns, RouteTables.Main), Is.EqualTo(new[] { "unicast 10.0.0.0/24 dev va table main metric 0" }));

        DevinetIoctl.SetBroadcast(va, "va", Ipv4Address.Parse("10.0.0.127"));
        DevinetIoctl.SetNetmask(va, "va", Ipv4Address.Parse("255.255.0.0"));
        Assert.That(va.Ip.Addresses.Single().Broadcast.ToString(), Is.EqualTo("10.0.0.127"));
        Assert.That(DevinetIoctl.SetNetmask(va, "va", Ipv4Address.Parse("255.0.255.0")), Is.EqualTo(Errno.EINVAL));
    }

    [Test]
    public void Netmask_and_broadcast_need_an_address_with_that_label()
    {
        var (_, va) = Setup();
        Assert.That(DevinetIoctl.SetNetmask(va, "va", Ipv4Address.Parse("255.255.255.0")), Is.EqualTo(Errno.EADDRNOTAVAIL));
        Assert.That(DevinetIoctl.SetBroadcast(va, "va", Ipv4Address.Parse("10.0.0.255")), Is.EqualTo(Errno.EADDRNOTAVAIL));
        Assert.That(DevinetIoctl.SetAliasFlags(va, "va:1", up: true), Is.EqualTo(Errno.EADDRNOTAVAIL));
    }

    [Test]
    public void An_alias_is_an_address_of_its_own_label_and_down_deletes_it()
    {
        var (_, va) = Setup();
        DevinetIoctl.SetAddress(va, "va", Ipv4Address.Parse("192.168.5.5"));
        DevinetIoctl.SetAddress(va, "va:1", Ipv4Address.Parse("10.6.0.1"));
        Assert.That(va.Ip!.Addresses.Select(a => (a.Label, a.ToString())),
            Is.EqualTo(new[] { ("va", "192.168.5.5/24"), ("va:1", "10.6.0.1/8") }));
        Assert.That(DevinetIoctl.SetAliasFlags(va, "va:1", up: false), Is.Null);
        Assert.That(va.Ip.Addresses.Select(a => a.Label), Is.EqualTo(new[] { "va" }));
    }

    [Test]
    public void Losing_the_last_address_takes_the_device_s_routes_and_neighbours()
    {
        var (ns, va) = Setup();
        Topology.Address(va, "10.0.0.1/24");
        Topology.Address(va, "10.1.0.1/24");
        Topology.Route(ns, "0.0.0.0/0", "10.0.0.254");
        ns.Ipv4.Arp.Set(va, Ipv4Address.Parse("10.0.0.9"), MacAddress.Parse("02:00:00:00:00:09"), NudState.Permanent, replace: false);

        ns.Ipv4.Addresses.Delete(va, new Ipv4InterfaceAddress(Ipv4Address.Parse("10.0.0.1"), 24));
        Assert.That(Routes(ns, RouteTables.Main), Is.EqualTo(new[]
        {
            "unicast 0.0.0.0/0 via 10.0.0.254 dev va table main metric 0",
            "unicast 10.1.0.0/24 dev va table main metric 0",
        }), "another address remains: the static route stays");

        ns.Ipv4.Addresses.Delete(va, new Ipv4InterfaceAddress(Ipv4Address.Parse("10.1.0.1"), 24));
        Assert.That(Routes(ns, RouteTables.Main), Is.Empty);
        Assert.That(ns.Ipv4.Arp.Entries, Is.Empty, "permanent entries go too (arp_ifdown)");
    }

    [Test]
    public void A_device_going_down_loses_its_permanent_neighbours_but_carrier_loss_does_not()
    {
        var world = new World();
        var ns = world.CreateNamespace("t");
        var (va, vb) = Topology.Veth(ns, "va", world.CreateNamespace("u"), "vb");
        Topology.Address(va, "10.0.0.1/24");
        vb.SetUp();
        var neighbour = Ipv4Address.Parse("10.0.0.9");
        ns.Ipv4.Arp.Set(va, neighbour, MacAddress.Parse("02:00:00:00:00:09"), NudState.Permanent, replace: false);

        vb.SetDown();
        Assert.That(ns.Ipv4.Arp.Find(va, neighbour), Is.Not.Null, "carrier loss keeps it (neigh_carrier_down)");
        va.SetDown();
        Assert.That(ns.Ipv4.Arp.Find(va, neighbour), Is.Null, "going down flushes it (neigh_ifdown)");
    }

    [Test]
    public void Turning_arp_off_or_changing_the_mac_flushes_the_neighbours_but_an_mtu_change_does_not()
    {
        // Measured: after "ifconfig va -arp" and "ifconfig va hw ether ..." ip neigh is empty,
        // permanent entries included; after "ip link set va mtu 1400" a stale entry is still there.
        var (ns, va) = Setup();
        Topology.Address(va, "10.0.0.1/24");
        var neighbour = Ipv4Address.Parse("10.0.0.9");
        void Learn() => ns.Ipv4.Arp.Set(va, neighbour, MacAddress.Parse("02:00:00:00:00:09"), NudState.Permanent, replace: true);

        Learn();
        va.SetArp(false);
        Assert.That(ns.Ipv4.Arp.Find(va, neighbour), Is.Null);
        Learn();
        va.SetArp(false);
        Assert.That(ns.Ipv4.Arp.Find(va, neighbour), Is.Not.Null, "no change, no flush");
        va.SetArp(true);
        Learn();
        Assert.That(va.ChangeAddress(MacAddress.Parse("02:00:00:00:00:77")), Is.Null);
        Assert.That(ns.Ipv4.Arp.Find(va, neighbour), Is.Null);
        Learn();
        Assert.That(va.ChangeMtu(1400), Is.Null);
        Assert.That(ns.Ipv4.Arp.Find(va, neighbour), Is.Not.Null);
    }
}
