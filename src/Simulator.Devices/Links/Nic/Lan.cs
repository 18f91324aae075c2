using Simulator.Core.Addressing;
using Simulator.Devices.Ipv4.Routing;
using Simulator.Devices.Namespaces;

namespace Simulator.Devices.Links.Nic;

/// <summary>
/// An Ethernet LAN outside the simulated host (DESIGN.md "the world outside the host"): a switch,
/// the host's uplink NIC cabled to it, and other machines on it, each a hidden namespace with its
/// own NIC: <c>eth0 — switch — host2, gateway</c>. Scenarios declare it with <c># netsim:</c>
/// directives; tests build it directly:
/// <code>
/// var lan = new Lan(world, "lan0");
/// var eth0 = lan.AddUplink(world.InitialNamespace, "eth0", hostAddress, gatewayAddress.Address);
/// lan.AddGateway(gatewayAddress);            // 192.168.1.1/24, labelled "gateway"
/// lan.AddHost("host2", host2Address);        // 192.168.1.100/24, default route via the gateway
/// </code>
/// </summary>
public sealed class Lan
{
    /// <summary>QEMU/KVM's prefix: outside machines and uplinks look like the NICs of virtual machines.</summary>
    private const ulong VendorPrefix = 0x5254_0000_0000UL;

    private readonly List<OutsideHost> _hosts = [];
    private readonly List<EthernetNic> _uplinks = [];

    public Lan(World world, string name)
    {
        World = world;
        Name = name;
        Switch = new LanSwitch(world.Simulation);
    }

    public World World { get; }
    public string Name { get; }
    public LanSwitch Switch { get; }

    /// <summary>The LAN's router to the rest of the world, once <see cref="AddGateway"/> made it.</summary>
    public OutsideHost? Gateway { get; private set; }

    public IReadOnlyList<OutsideHost> Hosts => _hosts;
    public IReadOnlyList<EthernetNic> Uplinks => _uplinks;

    /// <summary>A vendor-style address (52:54:00:xx:xx:xx) from the simulation's randomness.</summary>
    public MacAddress NewNicAddress() =>
        new(VendorPrefix | (World.Simulation.Random.NextUInt64() & 0xff_ffffUL));

    /// <summary>
    /// The host's NIC on this LAN, named <paramref name="name"/> in <paramref name="ns"/>, cabled
    /// and up, with <paramref name="address"/> (and the subnet broadcast, as DHCP or ifupdown
    /// would set it) and a default route via <paramref name="gateway"/> when given.
    /// </summary>
    public EthernetNic AddUplink(NetworkNamespace ns, string name, Ipv4InterfaceAddress? address = null,
        Ipv4Address? gateway = null, MacAddress? mac = null)
    {
        var nic = new EthernetNic(World, name, mac ?? NewNicAddress());
        ns.Add(nic);
        nic.Plug(Switch.Connect(nic));
        Configure(ns, nic, address, gateway);
        _uplinks.Add(nic);
        return nic;
    }

    /// <summary>
    /// Another machine on the LAN: a hidden namespace labelled <paramref name="label"/> with lo up
    /// and one NIC, eth0, at <paramref name="address"/>; its default route goes via
    /// <paramref name="gateway"/>, or the LAN's gateway if there is one.
    /// </summary>
    public OutsideHost AddHost(string label, Ipv4InterfaceAddress address, Ipv4Address? gateway = null,
        MacAddress? mac = null)
    {
        var ns = World.CreateNamespace(null);
        ns.Label = label;
        ns.Loopback.SetUp();
        var nic = new EthernetNic(World, "eth0", mac ?? NewNicAddress());
        ns.Add(nic);
        nic.Plug(Switch.Connect(nic));
        var via = gateway ?? Gateway?.Address.Address;
        Configure(ns, nic, address, via == address.Address ? null : via);
        var host = new OutsideHost(label, ns, nic, address);
        _hosts.Add(host);
        return host;
    }

    /// <summary>The LAN's router, labelled "gateway": a host that forwards (ip_forward=1).</summary>
    public OutsideHost AddGateway(Ipv4InterfaceAddress address, MacAddress? mac = null, string label = "gateway")
    {
        var host = AddHost(label, address, null, mac);
        host.Namespace.Ipv4.SetAllForwarding(1);
        Gateway = host;
        return host;
    }

    private static void Configure(NetworkNamespace ns, EthernetNic nic, Ipv4InterfaceAddress? address, Ipv4Address? gateway)
    {
        nic.SetUp();
        if (address is not { } a) return;
        var broadcast = a.PrefixLength >= 31 ? default : new Ipv4Address(a.Address.Value | ~a.Mask.Value);
        var error = ns.Ipv4.Addresses.Add(nic, a, broadcast);
        if (error != null) throw new InvalidOperationException($"{ns.DisplayName}: {nic.Name} {a}: {error}");
        if (gateway is not { } via) return;
        error = ns.Ipv4.Fib.Add(new RouteRequest
        {
            Destination = new Ipv4InterfaceAddress(new Ipv4Address(0), 0),
            Gateway = via,
        }, RouteAddMode.Add);
        if (error != null) throw new InvalidOperationException($"{ns.DisplayName}: default via {via}: {error}");
    }
}
