using Simulator.Core.Addressing;
using Simulator.Devices.Links;

namespace Simulator.Devices.Ipv4.Routing;

/// <summary>
/// What an RTM_NEWROUTE / RTM_DELROUTE request carries. The destination keeps any host bits the
/// user typed so the kernel can refuse them ("Invalid prefix for given prefix length"). For a
/// delete, unset fields match anything.
/// </summary>
public sealed record RouteRequest
{
    public required Ipv4InterfaceAddress Destination { get; init; }
    public RouteType? Type { get; init; }
    public int Table { get; init; } = RouteTables.Main;
    public RouteProtocol? Protocol { get; init; }
    public RouteScope? Scope { get; init; }
    public Ipv4Address Gateway { get; init; }
    public NetDevice? Device { get; init; }
    public Ipv4Address PreferredSource { get; init; }
    public int? Metric { get; init; }
    public byte Tos { get; init; }
    public bool OnLink { get; init; }
}

public enum RouteAddMode
{
    /// <summary><c>ip route add</c>: fails if a route with the same key exists.</summary>
    Add,
    /// <summary><c>ip route replace</c>: replaces it, or adds.</summary>
    Replace,
    /// <summary><c>ip route append</c>: adds after any with the same key.</summary>
    Append,
    /// <summary>
    /// NLM_F_CREATE alone (<c>ip route prepend</c>, and every SIOCADDRT from <c>route add</c>):
    /// adds before any with the same key, failing only when an identical route exists.
    /// </summary>
    Prepend,
}
