using Simulator.Cli.Host;
using Simulator.Core.Addressing;
using Simulator.Devices;
using Simulator.Devices.Ipv4.Routing;

namespace Simulator.Cli.Commands.NetTools;

/// <summary>
/// net-tools 2.10 route: shows the main routing table (route.c with lib/inet_gr.c) and adds or
/// deletes IPv4 routes with SIOCADDRT/SIOCDELRT (lib/inet_sr.c), so the kernel's rules for
/// those ioctls apply: a dotted quad without -net is a host route, a route add never replaces,
/// and errors read "SIOCADDRT: File exists".
/// </summary>
public sealed class RouteCommand : INetworkCommand
{
    public IReadOnlyList<string> Names { get; } = ["route"];

    private const int ELookup = 6, EOptErr = 3, ESock = 7;

    private static readonly Dictionary<string, (char, bool)> LongOptions = new()
    {
        ["extend"] = ('e', false), ["verbose"] = ('v', false), ["version"] = ('V', false), ["numeric"] = ('n', false),
        ["symbolic"] = ('N', false), ["protocol"] = ('A', true), ["cache"] = ('C', false), ["fib"] = ('F', false),
        ["help"] = ('h', false), ["inet"] = ('4', false), ["inet6"] = ('6', false),
    };

    public int Run(Invocation invocation)
    {
        // route.c turns -net and -host into "#net" and "#host" before getopt sees them.
        var args = invocation.Args.Select(a => a switch { "-net" => "#net", "-host" => "#host", _ => a }).ToList();
        var options = GetOpt.Parse("route", args, "A:eCFhnN64Vv?", LongOptions, invocation.Err);
        string family = "inet";
        bool help = false;
        foreach (var (option, value) in options.Options)
        {
            switch (option)
            {
                case 'V':
                    NetToolsUsage.Lines(invocation.Out, NetToolsUsage.RouteVersion);
                    return 0;
                case 'h' or '?': help = true; break;
                case 'A': family = value!; break;
                case '6': family = "inet6"; break;
                case '4': family = "inet"; break;
            }
        }
        if (help)
        {
            NetToolsUsage.Route(invocation.Out, invocation.Err);
            return 0;
        }
        if (family != "inet")
        {
            invocation.Err.WriteLine($"netsim: route: the {family} address family is not modelled");
            return 1;
        }
        bool numeric = options.Has('n');
        bool cache = options.Has('C'), fib = options.Has('F') || !cache;
        var operands = options.Operands;
        if (operands.Count == 0)
        {
            // opt_e starts at 1 and each -e adds one; the layout is its low two bits.
            var layout = (RouteTableFormat.Layout)((1 + options.Count('e')) & 3);
            int status = 0;
            if (fib && !RouteTableFormat.Print(invocation.Out, invocation.Namespace, layout, new NetDb(invocation), numeric))
                status = 1;
            if (cache) RouteTableFormat.PrintCache(invocation.Out, layout);
            return status;
        }
        bool delete;
        switch (operands[0])
        {
            case "add": delete = false; break;
            case "del" or "delete": delete = true; break;
            case "flush":
                invocation.Err.WriteLine("Flushing `inet' routing table not supported");
                NetToolsUsage.InetRoute(invocation.Err);
                return NetToolsUsage.UsageStatus;
            default:
                NetToolsUsage.Route(invocation.Err, invocation.Err);
                return NetToolsUsage.UsageStatus;
        }
        if (cache)
        {
            invocation.Err.WriteLine("Modifying `inet' routing cache not supported");
            NetToolsUsage.InetRoute(invocation.Err);
            return NetToolsUsage.UsageStatus;
        }
        if (operands.Count == 1)
        {
            NetToolsUsage.InetRoute(invocation.Out);
            return 0;
        }
        return SetRoute(invocation, operands.Skip(1).ToList(), delete);
    }

    /// <summary>INET_setroute: builds the rtentry from the words and hands it to the kernel.</summary>
    private static int SetRoute(Invocation invocation, List<string> args, bool delete)
    {
        var err = invocation.Err;
        var names = new NetDb(invocation);
        int i = 0;
        int kind = 0;
        if (args[0] == "#net") { kind = 1; i++; }
        else if (args[0] == "#host") { kind = 2; i++; }
        if (i >= args.Count) return Usage(invocation);

        var target = args[i++];
        string netmaskText = "default";
        Ipv4Address genmask = default;
        int slash = target.IndexOf('/');
        if (slash >= 0)
        {
            if (!InetAton.TryPrefixNetmask(target[(slash + 1)..], out genmask, out int length)) return Usage(invocation);
            netmaskText = $"/{length}";
            target = target[..slash];
        }
        int isNet = names.Resolve(target, hostFirst: kind == 2, out var destination, out var error);
        if (isNet < 0)
        {
            err.WriteLine(error);
            return ELookup;
        }
        if (kind != 0) isNet = kind == 1 ? 1 : 0;
        var flags = RtFlags.Up | (isNet != 0 ? RtFlags.None : RtFlags.Host);
        int metric = 0;
        Ipv4Address gateway = default;
        string? device = null;

        for (; i < args.Count; i++)
        {
            var word = args[i];
            string? Next() => ++i < args.Count ? args[i] : null;
            switch (word)
            {
                case "metric":
                {
                    var value = Next();
                    if (value is null || !char.IsAsciiDigit(value[0])) return Usage(invocation);
                    metric = CNumbers.Atoi(value) + 1;
                    continue;
                }
                case "netmask":
                {
                    var value = Next();
                    if (value is null || (genmask.IsValid && !genmask.IsUnspecified)) return Usage(invocation);
                    netmaskText = value;
                    if (names.Resolve(value, hostFirst: false, out genmask, out error) < 0)
                    {
                        err.WriteLine(error);
                        return ELookup;
                    }
                    continue;
                }
                case "gw" or "gateway":
                {
                    var value = Next();
                    if (value is null || (flags & RtFlags.Gateway) != 0) return Usage(invocation);
                    int gatewayIsNet = names.Resolve(value, hostFirst: true, out gateway, out error);
                    if (gatewayIsNet < 0)
                    {
                        err.WriteLine(error);
                        return ELookup;
                    }
                    if (gatewayIsNet != 0)
                    {
                        err.WriteLine($"route: {value}: cannot use a NETWORK as gateway!");
                        return OptionError(invocation);
                    }
                    flags |= RtFlags.Gateway;
                    continue;
                }
                case "mss" or "mtu" or "window" or "irtt":
                    err.WriteLine($"netsim: route: route metrics ({word}) are not modelled");
                    return 1;
                case "reject": flags |= RtFlags.Reject; continue;
                // Accepted and passed on, but rtentry_to_fib_config ignores them.
                case "mod": flags |= RtFlags.Modified; continue;
                case "dyn": flags |= RtFlags.Dynamic; continue;
                case "reinstate": flags |= RtFlags.Reinstate; continue;
                case "dev" or "device":
                {
                    var value = Next();
                    if (device != null || value is null) return Usage(invocation);
                    device = value;
                    continue;
                }
            }
            // A bare word is the device, and must be the last one.
            if (device != null || i + 1 < args.Count) return Usage(invocation);
            device = word;
        }
        if ((flags & RtFlags.Reject) != 0 && device is null) device = "lo";

        if (genmask.IsValid && !genmask.IsUnspecified)
        {
            uint inverted = ~genmask.Value;
            if ((flags & RtFlags.Host) != 0 && inverted != 0xFFFFFFFF)
            {
                err.WriteLine($"route: netmask {inverted:x8} doesn't make sense with host route");
                return OptionError(invocation);
            }
            if ((inverted & (inverted + 1)) != 0)
            {
                err.WriteLine($"route: bogus netmask {netmaskText}");
                return OptionError(invocation);
            }
            if ((destination.Value & inverted) != 0)
            {
                err.WriteLine("route: netmask doesn't match route address");
                return OptionError(invocation);
            }
        }
        if (!delete && (flags & RtFlags.Host) != 0) genmask = Ipv4Address.Broadcast;

        var entry = new RtEntry
        {
            Destination = destination,
            Genmask = genmask,
            Gateway = gateway,
            Flags = flags,
            Metric = metric,
            DeviceName = device is null ? null : InterfaceTable.Truncate(device),
        };
        var stack = invocation.Namespace.Ipv4;
        var failure = delete ? RouteIoctl.Delete(stack, entry) : RouteIoctl.Add(stack, entry);
        if (failure is null) return 0;
        err.WriteLine($"{(delete ? "SIOCDELRT" : "SIOCADDRT")}: {failure.Value.Message()}");
        return ESock;
    }

    private static int Usage(Invocation invocation)
    {
        NetToolsUsage.InetRoute(invocation.Err);
        return NetToolsUsage.UsageStatus;
    }

    private static int OptionError(Invocation invocation)
    {
        NetToolsUsage.InetRoute(invocation.Err);
        return EOptErr;
    }
}
