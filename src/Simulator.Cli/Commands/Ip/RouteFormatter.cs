using System.Text;
using Simulator.Devices.Ipv4.Routing;
using Simulator.Devices.Links;

namespace Simulator.Cli.Commands.Ip;

/// <summary>One route as iproute2 6.1's print_route prints it, every word followed by a space.</summary>
public static class RouteFormatter
{
    /// <param name="showTable">True when listing every table (<c>table all</c>): routes outside main name their table.</param>
    /// <param name="deviceFilter">The device the listing is restricted to; its name is then left out.</param>
    public static string Format(Route route, bool showTable, NetDevice? deviceFilter, bool details)
    {
        var text = new StringBuilder();
        if (route.Type != RouteType.Unicast || details) text.Append(route.Type.Name()).Append(' ');
        text.Append(Destination(route)).Append(' ');
        if (route.HasGateway) text.Append("via ").Append(route.Gateway).Append(' ');
        if (route.Device != null && deviceFilter is null) text.Append("dev ").Append(route.Device.Name).Append(' ');
        if (showTable && route.Table != RouteTables.Main) text.Append("table ").Append(RouteTables.Name(route.Table)).Append(' ');
        if (route.Protocol != RouteProtocol.Boot || details) text.Append("proto ").Append(route.Protocol.Name()).Append(' ');
        if (route.Scope != RouteScope.Universe || details) text.Append("scope ").Append(route.Scope.Name()).Append(' ');
        if (route.PreferredSource.IsValid) text.Append("src ").Append(route.PreferredSource).Append(' ');
        if (route.Metric != 0) text.Append("metric ").Append(route.Metric).Append(' ');
        if (route.OnLink) text.Append("onlink ");
        if (IsLinkDown(route)) text.Append("linkdown ");
        return text.ToString();
    }

    /// <summary>"default" for 0/0, a bare address for a host route, else the prefix.</summary>
    public static string Destination(Route route) =>
        route.Destination.Length == 0 ? "default"
        : route.Destination.Length == 32 ? route.Destination.Network.ToString()
        : route.Destination.ToString();

    /// <summary>
    /// RTNH_F_LINKDOWN: fib_check_nh marks a next hop whose device has no carrier. Host-scope
    /// routes (local addresses) skip that check and never show it (measured).
    /// </summary>
    private static bool IsLinkDown(Route route) =>
        route.Device is { } device && !device.HasCarrier && route.Scope != RouteScope.Host;
}
