using System.Globalization;
using Simulator.Core.Addressing;
using Simulator.Devices.Ipv4.Routing;
using Simulator.Devices.Namespaces;

namespace Simulator.Cli.Commands.NetTools;

/// <summary>
/// The kernel IP routing table as route and netstat -r print it (lib/inet_gr.c: rprint_fib)
/// from /proc/net/route, which lists the main table only, without its broadcast and multicast
/// routes (fib_route_seq_show). Three layouts: <see cref="Layout.Metrics"/> (route, netstat -re),
/// <see cref="Layout.Window"/> (netstat -r, route -e) and <see cref="Layout.All"/> (-ee).
/// </summary>
internal static class RouteTableFormat
{
    public enum Layout
    {
        Metrics = 1,
        Window = 2,
        All = 3,
    }

    private const string Columns = "Destination     Gateway         Genmask         ";

    /// <summary>Prints the table; false when /proc/net/route is empty because the main table was never created.</summary>
    public static bool Print(TextWriter writer, NetworkNamespace ns, Layout layout, NetDb names, bool numeric)
    {
        writer.WriteLine("Kernel IP routing table");
        writer.WriteLine(Header(layout));
        var fib = ns.Ipv4.Fib;
        if (!fib.MainTableExists) return false;
        foreach (var route in fib.Main.All())
        {
            if (route.Type is RouteType.Broadcast or RouteType.Multicast) continue;
            writer.WriteLine(Line(route, layout, names, numeric));
        }
        return true;
    }

    /// <summary>route -C: the routing cache the kernel no longer has (/proc/net/rt_cache holds only its header).</summary>
    public static void PrintCache(TextWriter writer, Layout layout)
    {
        writer.WriteLine("Kernel IP routing cache");
        writer.WriteLine(layout switch
        {
            Layout.Metrics => "Source          Destination     Gateway         Flags Metric Ref    Use Iface",
            Layout.Window => "Source          Destination     Gateway         Flags   MSS Window  irtt Iface",
            _ => "Source          Destination     Gateway         Flags Metric Ref    Use Iface    MSS   Window irtt  TOS HHRef HHUptod     SpecDst",
        });
    }

    private static string Header(Layout layout) => layout switch
    {
        Layout.Metrics => Columns + "Flags Metric Ref    Use Iface",
        Layout.Window => Columns + "Flags   MSS Window  irtt Iface",
        _ => Columns + "Flags Metric Ref    Use Iface    MSS   Window irtt",
    };

    private static string Line(Route route, Layout layout, NetDb names, bool numeric)
    {
        var mask = route.Destination.Mask;
        bool host = route.Destination.Length == 32;
        bool reject = route.Type is RouteType.Unreachable or RouteType.Prohibit;
        int style = numeric ? NetDb.Numeric : 0;
        var destination = Cut(names.Name(route.Destination.Network, style | NetDb.DefaultForAny | (host ? NetDb.AsHost : 0), mask.Value));
        var gatewayAddress = route.HasGateway ? route.Gateway : Ipv4Address.Any;
        // A zero gateway prints as 0.0.0.0 even when names are resolved (measured with net-tools 2.10).
        var gateway = Cut(gatewayAddress.IsUnspecified ? "0.0.0.0" : names.Name(gatewayAddress, style | NetDb.AsHost));
        var genmask = mask.ToString();
        // fib_flag_trans: U always, G with a gateway, H for a /32; reject types show "!" alone.
        string flags = reject ? "!" : "U" + (route.HasGateway ? "G" : "");
        if (host) flags += "H";
        string iface = route.Device?.Name ?? "*";
        int metric = route.Metric;
        return layout switch
        {
            Layout.Metrics when reject => Invariant($"{destination,-15} -               {genmask,-15} {flags,-5} {metric,-6} -  {0,7} -"),
            Layout.Metrics => Invariant($"{destination,-15} {gateway,-15} {genmask,-15} {flags,-5} {metric,-6} {0,-2} {0,7} {iface}"),
            Layout.Window when reject => Invariant($"{destination,-15} -               {genmask,-15} {flags,-5}     - -          - -"),
            Layout.Window => Invariant($"{destination,-15} {gateway,-15} {genmask,-15} {flags,-5} {0,5} {0,-5} {0,6} {iface}"),
            _ when reject => Invariant($"{destination,-15} -               {genmask,-15} {flags,-5} {metric,-6} -  {0,7} -        -     -      -"),
            _ => Invariant($"{destination,-15} {gateway,-15} {genmask,-15} {flags,-5} {metric,-6} {0,-3} {0,6} {Clip(iface, 6),-6}   {0,-5} {0,-6} {0}"),
        };
    }

    /// <summary>The C code keeps 15 characters of a name ([15] = '\0').</summary>
    private static string Cut(string name) => name.Length > 15 ? name[..15] : name;

    private static string Clip(string text, int length) => text.Length > length ? text[..length] : text;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
