using Simulator.Core.Addressing;
using Simulator.Devices.Ipv4.Routing;

namespace Simulator.Devices.Ipv4.Addresses;

/// <summary>One IPv4 address on an interface (struct in_ifaddr).</summary>
public sealed class InterfaceAddress
{
    public required Ipv4Address Local { get; init; }
    public required int PrefixLength { get; init; }
    /// <summary>The directed broadcast ("brd"), invalid when none was given.</summary>
    public Ipv4Address Broadcast { get; init; }
    public RouteScope Scope { get; init; } = RouteScope.Universe;
    public required string Label { get; init; }
    /// <summary>An address in the same subnet as an earlier (primary) one.</summary>
    public bool IsSecondary { get; set; }

    public Ipv4Prefix Network => new(Local, PrefixLength);
    public Ipv4Address Mask => new(Ipv4Prefix.MaskBits(PrefixLength));

    /// <summary>inet_ifa_match: is <paramref name="address"/> inside this address's subnet?</summary>
    public bool Covers(Ipv4Address address) => Network.Contains(address);

    public override string ToString() => $"{Local}/{PrefixLength}";
}
