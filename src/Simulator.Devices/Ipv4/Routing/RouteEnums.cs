namespace Simulator.Devices.Ipv4.Routing;

/// <summary>Route types (RTN_*), as <c>ip route</c> names them.</summary>
public enum RouteType : byte
{
    Unicast = 1,
    Local = 2,
    Broadcast = 3,
    Anycast = 4,
    Multicast = 5,
    Blackhole = 6,
    Unreachable = 7,
    Prohibit = 8,
    Throw = 9,
}

/// <summary>Route scopes (RT_SCOPE_*): how far the destination is.</summary>
public enum RouteScope : byte
{
    Universe = 0,
    Site = 200,
    Link = 253,
    Host = 254,
    Nowhere = 255,
}

/// <summary>Who installed a route (RTPROT_*), shown as "proto X".</summary>
public enum RouteProtocol : byte
{
    Unspec = 0,
    Redirect = 1,
    Kernel = 2,
    Boot = 3,
    Static = 4,
    Dhcp = 16,
}

public static class RouteTables
{
    public const int Unspec = 0;
    public const int Default = 253;
    public const int Main = 254;
    public const int Local = 255;

    public static string Name(int table) => table switch
    {
        Default => "default",
        Main => "main",
        Local => "local",
        _ => table.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    public static bool TryParse(string text, out int table)
    {
        switch (text)
        {
            case "default": table = Default; return true;
            case "main": table = Main; return true;
            case "local": table = Local; return true;
            case "all" or "0": table = Unspec; return true;
        }
        return int.TryParse(text, out table) && table >= 0;
    }
}

public static class RouteNames
{
    public static string Name(this RouteType type) => type switch
    {
        RouteType.Unicast => "unicast",
        RouteType.Local => "local",
        RouteType.Broadcast => "broadcast",
        RouteType.Anycast => "anycast",
        RouteType.Multicast => "multicast",
        RouteType.Blackhole => "blackhole",
        RouteType.Unreachable => "unreachable",
        RouteType.Prohibit => "prohibit",
        RouteType.Throw => "throw",
        _ => type.ToString(),
    };

    public static string Name(this RouteScope scope) => scope switch
    {
        RouteScope.Universe => "global",
        RouteScope.Site => "site",
        RouteScope.Link => "link",
        RouteScope.Host => "host",
        RouteScope.Nowhere => "nowhere",
        _ => ((int)scope).ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    public static string Name(this RouteProtocol protocol) => protocol switch
    {
        RouteProtocol.Unspec => "unspec",
        RouteProtocol.Redirect => "redirect",
        RouteProtocol.Kernel => "kernel",
        RouteProtocol.Boot => "boot",
        RouteProtocol.Static => "static",
        RouteProtocol.Dhcp => "dhcp",
        _ => ((int)protocol).ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>True for the types whose lookup ends in an error instead of a next hop.</summary>
    public static bool IsReject(this RouteType type) =>
        type is RouteType.Blackhole or RouteType.Unreachable or RouteType.Prohibit or RouteType.Throw;
}
