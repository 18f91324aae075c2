using Simulator.Core.Addressing;
using Simulator.Devices.Links;

namespace Simulator.Devices.Ipv4.Routing;

/// <summary>The result of an output route lookup (an rtable from ip_route_output_key).</summary>
public readonly record struct OutputRoute(
    RouteType Type,
    NetDevice Device,
    Ipv4Address Source,
    Ipv4Address Destination,
    Ipv4Address NextHop,
    Route? Route)
{
    public bool IsLocal => Type == RouteType.Local;
    public bool IsBroadcast => Type == RouteType.Broadcast;
}

public enum InputRouteKind
{
    /// <summary>For this host.</summary>
    Local,
    /// <summary>A broadcast this host receives.</summary>
    Broadcast,
    /// <summary>To be forwarded along <see cref="InputRoute.Route"/>.</summary>
    Forward,
    /// <summary>No way on: ip_error answers by <see cref="InputRoute.Error"/> (or drops).</summary>
    Error,
    /// <summary>Martian or otherwise invalid: dropped silently.</summary>
    Drop,
}

/// <summary>The routing decision for a received packet (ip_route_input_noref).</summary>
public readonly record struct InputRoute(InputRouteKind Kind, Route? Route, Errno Error, Core.Tracing.DropReason DropReason, bool DoRedirect)
{
    public static InputRoute Dropped(Core.Tracing.DropReason reason) => new(InputRouteKind.Drop, null, 0, reason, false);
    public static InputRoute Failed(Errno error) => new(InputRouteKind.Error, null, error, Core.Tracing.DropReason.None, false);
}
