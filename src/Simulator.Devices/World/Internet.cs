using Simulator.Core.Addressing;
using Simulator.Devices.Ipv4.Neighbours;
using Simulator.Devices.Ipv4.Routing;
using Simulator.Devices.Links;
using Simulator.Devices.Links.Nic;
using Simulator.Devices.Namespaces;

namespace Simulator.Devices.Outside;

/// <summary>
/// The internet behind a LAN's gateway (DESIGN.md "the world outside the host"): machines with
/// public addresses that answer ping, recursive DNS servers answering for <see cref="Zone"/>, and
/// the gateway's routes to them. The gateway forwards; it translates nothing, so a private source
/// address (a namespace behind the host that the host does not NAT) reaches a server, but the
/// answer has no way back: the gateway routes only its LAN and these machines, and drops the rest
/// (a blackhole default route, as the real internet drops private destinations). The gateway also
/// answers DNS on port 53 for its LAN, as a router that DHCP names as nameserver does.
/// <code>
///   host eth0 ── switch ── gateway ─┬─ isp0 ═══ 114.114.114.114   (TTL 128 − 10 hops, 7 ms)
///                                   ├─ isp1 ═══ 14.119.104.254    (TTL 64 − 11 hops, 9 ms)
///                                   └─ …
/// </code>
/// </summary>
public sealed class Internet
{
    /// <summary>The link networks: 100.64.0.0/10, one /30 per machine.</summary>
    private static readonly Ipv4Address LinkBase = Ipv4Address.Parse("100.64.0.0");

    private const int MaxHosts = 1 << 20;

    private readonly List<InternetHost> _hosts = [];
    private readonly Dictionary<Ipv4Address, InternetHost> _byAddress = [];

    /// <summary>Connects an internet to <paramref name="lan"/>'s gateway, which starts answering DNS.</summary>
    public Internet(Lan lan, DnsZone zone)
    {
        Lan = lan;
        Gateway = lan.Gateway ?? throw new ArgumentException($"{lan.Name} has no gateway to the internet", nameof(lan));
        Zone = zone;
        var gateway = Gateway.Namespace;
        var error = gateway.Ipv4.Fib.Add(new RouteRequest
        {
            Destination = new Ipv4InterfaceAddress(new Ipv4Address(0), 0),
            Type = RouteType.Blackhole,
        }, RouteAddMode.Add);
        if (error != null) throw new InvalidOperationException($"{gateway.DisplayName}: blackhole default: {error}");
        GatewayDns = DnsServer.Start(gateway, Ipv4Address.Any, zone);
    }

    public Lan Lan { get; }
    public OutsideHost Gateway { get; }
    public DnsZone Zone { get; }

    /// <summary>The gateway's own DNS server (on all its addresses).</summary>
    public DnsServer GatewayDns { get; }

    public IReadOnlyList<InternetHost> Hosts => _hosts;

    /// <summary>The machine at <paramref name="address"/>, if there is one.</summary>
    public InternetHost? Find(Ipv4Address address) => _byAddress.GetValueOrDefault(address);

    /// <summary>Builds the machine <paramref name="spec"/> describes and the gateway's route to it.</summary>
    public InternetHost AddHost(InternetHostSpec spec)
    {
        if (_byAddress.ContainsKey(spec.Address)) throw new ArgumentException($"{spec.Address} is already on the internet", nameof(spec));
        if (_hosts.Count >= MaxHosts) throw new InvalidOperationException("the internet's link space is full");
        var world = Lan.World;
        int index = _hosts.Count;
        var gatewayLink = new Ipv4InterfaceAddress(new Ipv4Address(LinkBase.Value + (uint)(index * 4) + 1), 30);
        var hostLink = new Ipv4InterfaceAddress(new Ipv4Address(LinkBase.Value + (uint)(index * 4) + 2), 30);

        var ns = world.CreateNamespace(null);
        ns.Label = spec.DisplayLabel;
        ns.Loopback.SetUp();
        ns.Ipv4.Settings.DefaultTtl = spec.PathTtl;
        var nic = new EthernetNic(world, "eth0", Lan.NewNicAddress());
        ns.Add(nic);
        var gatewayNic = new EthernetNic(world, $"isp{index}", Lan.NewNicAddress());
        Gateway.Namespace.Add(gatewayNic);
        var wire = new Wire(world.Simulation, gatewayNic, nic, spec.RoundTrip / 2);
        nic.Plug(wire);
        gatewayNic.Plug(wire);

        nic.SetUp();
        Check(ns, ns.Ipv4.Addresses.Add(nic, hostLink, Broadcast(hostLink)));
        Check(ns, ns.Ipv4.Addresses.Add(nic, new Ipv4InterfaceAddress(spec.Address, 32), default));
        Check(ns, ns.Ipv4.Fib.Add(new RouteRequest
        {
            Destination = new Ipv4InterfaceAddress(new Ipv4Address(0), 0),
            Gateway = gatewayLink.Address,
        }, RouteAddMode.Add));

        var gateway = Gateway.Namespace;
        gatewayNic.SetUp();
        Check(gateway, gateway.Ipv4.Addresses.Add(gatewayNic, gatewayLink, Broadcast(gatewayLink)));
        Check(gateway, gateway.Ipv4.Fib.Add(new RouteRequest
        {
            Destination = new Ipv4InterfaceAddress(spec.Address, 32),
            Gateway = hostLink.Address,
        }, RouteAddMode.Add));

        // The two ends know each other's address for good, as routers' static neighbours: the
        // path's delay is for the packets that cross it, not for ARP on a link that is really
        // many routers long.
        Check(gateway, gateway.Ipv4.Arp.Set(gatewayNic, hostLink.Address, nic.Address, NudState.Permanent, replace: true));
        Check(ns, ns.Ipv4.Arp.Set(nic, gatewayLink.Address, gatewayNic.Address, NudState.Permanent, replace: true));

        var dns = spec.ServesDns ? DnsServer.Start(ns, spec.Address, Zone) : null;
        var host = new InternetHost(spec, ns, nic, gatewayNic, hostLink, gatewayLink, dns);
        _hosts.Add(host);
        _byAddress[spec.Address] = host;
        return host;
    }

    private static Ipv4Address Broadcast(Ipv4InterfaceAddress address) =>
        new(address.Address.Value | ~address.Mask.Value);

    private static void Check(NetworkNamespace ns, object? error)
    {
        if (error != null) throw new InvalidOperationException($"{ns.DisplayName}: {error}");
    }
}
