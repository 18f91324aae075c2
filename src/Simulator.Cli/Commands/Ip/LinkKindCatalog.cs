using Simulator.Devices.Links;

namespace Simulator.Cli.Commands.Ip;

/// <summary>The link kinds <c>ip link add … type KIND</c> can create. Add a kind here to make it known.</summary>
public static class LinkKindCatalog
{
    public static IReadOnlyList<ILinkKind> All { get; } =
    [
        new VethLinkKind(),
        new LinkKinds.BridgeKind(),
    ];

    public static ILinkKind? Find(string kind) => All.FirstOrDefault(k => k.Kind == kind);

    /// <summary>The kind that created <paramref name="device"/>, if it is registered.</summary>
    public static ILinkKind? Of(NetDevice device) => device.Kind is { } kind ? Find(kind) : null;

    /// <summary>
    /// Kinds the real kernel has (rtnl_link_ops registered by common modules) that NetSim does not
    /// create yet: asking for one is "not modelled", not "Unknown device type".
    /// </summary>
    public static readonly IReadOnlySet<string> KnownToLinux = new HashSet<string>(StringComparer.Ordinal)
    {
        "bridge", "bond", "team", "macvlan", "macvtap", "ipvlan", "ipvtap", "vlan", "vxlan", "dummy",
        "ifb", "gre", "gretap", "ipip", "sit", "ip6tnl", "ip6gre", "vti", "geneve", "wireguard", "vrf",
        "tun", "tap", "nlmon", "netdevsim", "bareudp", "xfrm", "can", "vcan", "veth",
    };
}
