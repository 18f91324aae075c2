using Simulator.Cli.Host;
using Simulator.Devices.Links;

namespace Simulator.Cli.Commands.NetTools;

/// <summary>
/// net-tools 2.10 netstat: the routing table (-r, with -e/-ee for the other layouts, -C for the
/// empty routing cache) and the interface table (-i, -ie; -a adds the interfaces that are down).
/// Socket listings, statistics (-s) and group memberships (-g) are not modelled and fail with a
/// message saying so.
/// </summary>
public sealed class NetstatCommand : INetworkCommand
{
    public IReadOnlyList<string> Names { get; } = ["netstat"];

    private static readonly Dictionary<string, (char, bool)> LongOptions = new()
    {
        ["route"] = ('r', false), ["interfaces"] = ('i', false), ["groups"] = ('g', false), ["statistics"] = ('s', false),
        ["masquerade"] = ('M', false), ["verbose"] = ('v', false), ["wide"] = ('W', false), ["numeric"] = ('n', false),
        ["numeric-hosts"] = ('!', false), ["numeric-ports"] = ('!', false), ["numeric-users"] = ('!', false),
        ["symbolic"] = ('N', false), ["extend"] = ('e', false), ["programs"] = ('p', false), ["timers"] = ('o', false),
        ["continuous"] = ('c', false), ["listening"] = ('l', false), ["all"] = ('a', false), ["fib"] = ('F', false),
        ["cache"] = ('C', false), ["context"] = ('Z', false), ["tcp"] = ('t', false), ["udp"] = ('u', false),
        ["udplite"] = ('U', false), ["sctp"] = ('S', false), ["raw"] = ('w', false), ["unix"] = ('x', false),
        ["protocol"] = ('A', true), ["inet"] = ('4', false), ["inet6"] = ('6', false), ["version"] = ('V', false),
        ["help"] = ('h', false),
    };

    public int Run(Invocation invocation)
    {
        var options = GetOpt.Parse("netstat", invocation.Args, "A:CFMacdeghilnNoprsStuUvVWw2fx64?Z", LongOptions, invocation.Err);
        if (options.Has('?'))
        {
            NetToolsUsage.Netstat(invocation.Err, invocation.Err);
            return NetToolsUsage.UsageStatus;
        }
        if (options.Has('h'))
        {
            NetToolsUsage.Netstat(invocation.Out, invocation.Err);
            return 0;
        }
        if (options.Has('V'))
        {
            NetToolsUsage.Lines(invocation.Out, NetToolsUsage.NetstatVersion);
            return 0;
        }
        string family = "inet";
        foreach (var (option, value) in options.Options)
        {
            if (option == 'A') family = value!;
            else if (option == '6') family = "inet6";
            else if (option == '4') family = "inet";
        }
        if (options.Has('c')) return NotModelled(invocation, "continuous listing (-c)");
        if (options.Has('M'))
        {
            // What netstat says on any kernel since ip_masquerade left /proc (measured).
            invocation.Err.WriteLine("netstat: no support for `ip_masquerade' on this system.");
            return 1;
        }
        if (options.Has('r'))
        {
            if (family != "inet") return NotModelled(invocation, $"the {family} routing table");
            bool cache = options.Has('C'), fib = options.Has('F') || !cache;
            // netstat prints route's second layout by default: -e gives the first, -ee the third.
            var layout = options.Count('e') switch
            {
                0 => RouteTableFormat.Layout.Window,
                1 => RouteTableFormat.Layout.Metrics,
                _ => RouteTableFormat.Layout.All,
            };
            int status = 0;
            if (fib && !RouteTableFormat.Print(invocation.Out, invocation.Namespace, layout, new NetDb(invocation), options.Has('n')))
                status = 1;
            if (cache) RouteTableFormat.PrintCache(invocation.Out, layout);
            return status;
        }
        if (options.Has('i')) return Interfaces(invocation, all: options.Has('a'), extended: options.Has('e'));
        if (options.Has('s')) return NotModelled(invocation, "protocol statistics (-s)");
        if (options.Has('g')) return NotModelled(invocation, "multicast group memberships (-g)");
        return NotModelled(invocation, "listing sockets");
    }

    /// <summary>netstat -i: the short interface lines under netstat's own header, or with -e the long blocks.</summary>
    private static int Interfaces(Invocation invocation, bool all, bool extended)
    {
        invocation.Out.WriteLine("Kernel Interface table");
        if (!extended)
            invocation.Out.WriteLine("Iface             MTU    RX-OK RX-ERR RX-DRP RX-OVR    TX-OK TX-ERR TX-DRP TX-OVR Flg");
        var ns = invocation.Namespace;
        foreach (var entry in InterfaceTable.ReadAll(ns))
        {
            var snapshot = InterfaceTable.Fetch(ns, entry);
            if (snapshot is null || ((snapshot.Flags & (int)DeviceFlags.Up) == 0 && !all)) continue;
            if (extended) InterfaceFormat.PrintLong(invocation.Out, snapshot);
            else InterfaceFormat.PrintShort(invocation.Out, snapshot);
        }
        return 0;
    }

    private static int NotModelled(Invocation invocation, string what)
    {
        invocation.Err.WriteLine($"netsim: netstat: {what} is not modelled");
        return 1;
    }
}
