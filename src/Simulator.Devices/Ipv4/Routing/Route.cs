using Simulator.Core.Addressing;
using Simulator.Devices.Links;

namespace Simulator.Devices.Ipv4.Routing;

/// <summary>
/// One route (a fib_alias with its fib_info): destination prefix, type, table, and for unicast
/// routes the next hop — a gateway and/or an output device.
/// </summary>
public sealed class Route
{
    public required Ipv4Prefix Destination { get; init; }
    public RouteType Type { get; init; } = RouteType.Unicast;
    public int Table { get; init; } = RouteTables.Main;
    public RouteProtocol Protocol { get; init; } = RouteProtocol.Boot;
    public RouteScope Scope { get; init; } = RouteScope.Universe;
    /// <summary>"src": the source address to prefer; invalid when none.</summary>
    public Ipv4Address PreferredSource { get; init; }
    /// <summary>"via": the next hop's address; invalid for directly connected destinations.</summary>
    public Ipv4Address Gateway { get; init; }
    public NetDevice? Device { get; init; }
    /// <summary>"metric": lower is preferred among routes to the same prefix.</summary>
    public int Metric { get; init; }
    public byte Tos { get; init; }
    public bool OnLink { get; init; }

    public bool HasGateway => Gateway.IsValid;

    /// <summary>The address to resolve with ARP for a destination sent along this route.</summary>
    public Ipv4Address NextHop(Ipv4Address destination) => HasGateway ? Gateway : destination;

    /// <summary>Routes that only exist while their device is up (fib_sync_down_dev removes them on down).</summary>
    public bool DiesWithDevice => Type != RouteType.Local;

    public override string ToString() =>
        $"{Type.Name()} {Destination}{(HasGateway ? $" via {Gateway}" : "")}{(Device != null ? $" dev {Device.Name}" : "")} table {RouteTables.Name(Table)} metric {Metric}";
}
