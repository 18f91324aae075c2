using System.Globalization;
using Simulator.Devices.Ipv4.Routing;

namespace Simulator.Cli.Commands.Ip;

/// <summary>
/// The names iproute2 reads and prints for route scopes, protocols, types and tables
/// (lib/rt_names.c with the default /etc/iproute2 tables).
/// </summary>
public static class RouteWords
{
    public static RouteScope ParseScope(string text) => text switch
    {
        "global" or "universe" => RouteScope.Universe,
        "site" => RouteScope.Site,
        "link" => RouteScope.Link,
        "host" => RouteScope.Host,
        "nowhere" => RouteScope.Nowhere,
        _ => byte.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? (RouteScope)value
            : throw IpUsageError.InvalidArgument("invalid \"scope\" value\n", text),
    };

    public static string ScopeName(RouteScope scope) => scope.Name();

    public static RouteProtocol ParseProtocol(string text) => text switch
    {
        "unspec" => RouteProtocol.Unspec,
        "redirect" => RouteProtocol.Redirect,
        "kernel" => RouteProtocol.Kernel,
        "boot" => RouteProtocol.Boot,
        "static" => RouteProtocol.Static,
        "dhcp" => RouteProtocol.Dhcp,
        _ => byte.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? (RouteProtocol)value
            : throw IpUsageError.InvalidArgument("\"protocol\" value is invalid\n", text),
    };

    /// <summary>rtnl_rtntype_a2n: a route type word, or false when the word is not one.</summary>
    public static bool TryParseType(string text, out RouteType type)
    {
        foreach (var candidate in Enum.GetValues<RouteType>())
        {
            if (candidate.Name() != text) continue;
            type = candidate;
            return true;
        }
        type = default;
        return false;
    }

    public static int ParseTable(string text) =>
        RouteTables.TryParse(text, out int table) ? table : throw IpUsageError.InvalidArgument("\"table\" value is invalid\n", text);
}
