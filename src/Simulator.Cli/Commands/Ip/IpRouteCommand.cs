using System.Globalization;
using System.Text;
using Simulator.Core.Addressing;
using Simulator.Devices;
using Simulator.Devices.Ipv4.Routing;
using Simulator.Devices.Links;

namespace Simulator.Cli.Commands.Ip;

/// <summary><c>ip route show|add|del|replace|append|change|flush|get</c> (iproute2's iproute.c over the model's Fib).</summary>
public static class IpRouteCommand
{
    public static int Run(IpContext ip, IpArguments args)
    {
        if (!args.HasMore) return List(ip, args, flush: false);
        var command = args.Next();
        if (IpArguments.Matches(command, "add")) return Modify(ip, args, "add");
        if (IpArguments.Matches(command, "change")) return Modify(ip, args, "change");
        if (IpArguments.Matches(command, "replace")) return Modify(ip, args, "replace");
        if (IpArguments.Matches(command, "prepend")) throw IpUsageError.NotModelled("ip route prepend");
        if (IpArguments.Matches(command, "append")) return Modify(ip, args, "append");
        if (IpArguments.Matches(command, "test")) throw IpUsageError.NotModelled("ip route test");
        if (IpArguments.Matches(command, "delete")) return Modify(ip, args, "delete");
        if (IpArguments.Matches(command, "list") || IpArguments.Matches(command, "show") || IpArguments.Matches(command, "lst"))
            return List(ip, args, flush: false);
        if (IpArguments.Matches(command, "get")) return Get(ip, args);
        if (IpArguments.Matches(command, "flush")) return List(ip, args, flush: true);
        if (command is "save" or "restore" or "showdump" or "help") throw IpUsageError.NotModelled($"ip route {command}");
        throw new IpUsageError($"Command \"{command}\" is unknown, try \"ip route help\".");
    }

    /// <summary>get_prefix for a route destination: "default", "all" and "any" are 0/0.</summary>
    private static Ipv4InterfaceAddress ParsePrefix(string text)
    {
        if (text is "default" or "all" or "any") return new Ipv4InterfaceAddress(Ipv4Address.Any, 0);
        return Ipv4InterfaceAddress.TryParse(text, out var prefix) ? prefix : throw IpUsageError.BadPrefix(text);
    }

    private static Ipv4Address ParseAddress(string text) =>
        Ipv4Address.TryParse(text, out var address) ? address : throw IpUsageError.BadAddress(text);

    // ----- add / change / replace / append / delete -----

    private static int Modify(IpContext ip, IpArguments args, string command)
    {
        bool delete = command == "delete";
        Ipv4InterfaceAddress? destination = null;
        RouteType? type = null;
        RouteProtocol? protocol = null;
        RouteScope? scope = null;
        int? table = null, metric = null;
        Ipv4Address gateway = default, source = default;
        string? device = null;
        bool onLink = false;
        while (args.HasMore)
        {
            var word = args.Next();
            switch (word)
            {
                case "src": source = ParseAddress(args.Value()); break;
                case "via":
                    var via = args.Value();
                    if (via == "inet") via = args.Value();
                    gateway = ParseAddress(via);
                    break;
                case "metric" or "priority" or "preference":
                    var value = args.Value();
                    metric = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
                        ? number
                        : throw IpUsageError.InvalidArgument("\"metric\" value is invalid\n", value);
                    break;
                case "dev" or "oif": device = args.Value(); break;
                case "onlink": onLink = true; break;
                case "table": table = RouteWords.ParseTable(args.Value()); break;
                case "proto" or "protocol": protocol = RouteWords.ParseProtocol(args.Value()); break;
                case "scope": scope = RouteWords.ParseScope(args.Value()); break;
                case "from" or "tos" or "dsfield" or "as" or "mtu" or "advmss" or "expires" or "hoplimit" or "reordering"
                    or "window" or "cwnd" or "initcwnd" or "initrwnd" or "ssthresh" or "realms" or "rtt" or "rttvar"
                    or "rto_min" or "features" or "quickack" or "congctl" or "pref" or "encap" or "nexthop" or "nhid"
                    or "vrf" or "ttl-propagate" or "pervasive" or "fastopen_no_cookie" or "mark" or "weight":
                    throw IpUsageError.NotModelled($"ip route {command} … {word}");
                default:
                    if (RouteWords.TryParseType(word, out var parsedType))
                    {
                        type = parsedType;
                        word = args.Value();
                    }
                    else if (word == "nat")
                    {
                        throw IpUsageError.NotModelled("ip route nat (a type the kernel no longer has)");
                    }
                    if (word == "to") word = args.Value();
                    if (destination != null) throw IpUsageError.Garbage("to", word);
                    destination = ParsePrefix(word);
                    break;
            }
        }
        if (destination is null) throw new IpUsageError("Usage: ip route { add | del | change | append | replace } ROUTE");
        NetDevice? outputDevice = device is null ? null : ip.Device(device);

        // iproute_modify's defaults: local, broadcast and anycast routes live in the local table;
        // local is host scope, broadcast link scope, and a unicast route without a gateway link scope.
        var effectiveType = type ?? RouteType.Unicast;
        int tableId = table ?? (effectiveType is RouteType.Local or RouteType.Broadcast or RouteType.Anycast ? RouteTables.Local : RouteTables.Main);
        if (!delete && scope is null)
        {
            scope = effectiveType switch
            {
                RouteType.Local => RouteScope.Host,
                RouteType.Broadcast or RouteType.Multicast or RouteType.Anycast => RouteScope.Link,
                RouteType.Unicast when !gateway.IsValid => RouteScope.Link,
                _ => RouteScope.Universe,
            };
        }
        var request = new RouteRequest
        {
            Destination = destination.Value,
            Type = delete ? type : effectiveType,
            Table = tableId,
            Protocol = delete ? protocol : protocol ?? RouteProtocol.Boot,
            Scope = scope,
            Gateway = gateway,
            Device = outputDevice,
            PreferredSource = source,
            Metric = metric,
            OnLink = onLink,
        };
        var fib = ip.Namespace.Ipv4.Fib;
        NetlinkError? error;
        switch (command)
        {
            case "delete":
                error = fib.Delete(request);
                break;
            case "change":
                // NLM_F_REPLACE without NLM_F_CREATE: there must be a route to replace.
                bool exists = fib.FindTable(tableId)?.RoutesTo(destination.Value.Network)
                    .Any(r => r.Metric == (metric ?? 0)) ?? false;
                error = exists ? fib.Add(request, RouteAddMode.Replace) : new NetlinkError(Errno.ENOENT);
                break;
            default:
                error = fib.Add(request, command switch
                {
                    "replace" => RouteAddMode.Replace,
                    "append" => RouteAddMode.Append,
                    _ => RouteAddMode.Add,
                });
                break;
        }
        return error is null ? 0 : ip.Fail(error);
    }

    // ----- show / flush -----

    private static int List(IpContext ip, IpArguments args, bool flush)
    {
        if (flush && !args.HasMore) throw new IpUsageError("\"ip route flush\" requires arguments.", IpUsageError.Failure);
        int table = RouteTables.Main;
        NetDevice? device = null;
        RouteProtocol? protocol = null;
        RouteType? type = null;
        RouteScope? scope = null;
        Ipv4Prefix? exact = null;
        while (args.HasMore)
        {
            var word = args.Next();
            switch (word)
            {
                case "table": table = RouteWords.ParseTable(args.Value()); break;
                case "dev" or "oif": device = ip.Device(args.Value()); break;
                case "proto" or "protocol": protocol = RouteWords.ParseProtocol(args.Value()); break;
                case "scope": scope = RouteWords.ParseScope(args.Value()); break;
                case "type":
                    var typeWord = args.Value();
                    type = RouteWords.TryParseType(typeWord, out var parsed) ? parsed : throw IpUsageError.InvalidArgument("node type value is invalid\n", typeWord);
                    break;
                case "root" or "match" or "via" or "src" or "from" or "tos" or "dsfield" or "iif" or "vrf" or "cached"
                    or "cloned" or "realm" or "realms" or "mark" or "metric":
                    throw IpUsageError.NotModelled($"ip route {(flush ? "flush" : "show")} … {word}");
                default:
                    if (word is "to" or "exact") word = args.Value();
                    if (exact != null) throw IpUsageError.Garbage("to", word);
                    exact = ParsePrefix(word).Network;
                    break;
            }
        }
        var fib = ip.Namespace.Ipv4.Fib;
        bool all = table == RouteTables.Unspec;
        var tables = all ? fib.Tables.ToList() : fib.FindTable(table) is { } one ? [one] : new List<RouteTable>();
        bool Matches(Route r) =>
            (device is null || r.Device == device) && (protocol is null || r.Protocol == protocol) &&
            (type is null || r.Type == type) && (scope is null || r.Scope == scope) &&
            (exact is null || r.Destination == exact.Value);
        foreach (var routeTable in tables)
        {
            if (flush)
            {
                routeTable.RemoveAll(Matches);
                continue;
            }
            foreach (var route in routeTable.All().Where(Matches))
                ip.Out.WriteLine(RouteFormatter.Format(route, all, device, ip.Options.Details));
        }
        return 0;
    }

    // ----- get -----

    private static int Get(IpContext ip, IpArguments args)
    {
        Ipv4Address? destination = null;
        Ipv4Address from = default;
        NetDevice? input = null, output = null;
        while (args.HasMore)
        {
            var word = args.Next();
            switch (word)
            {
                case "from": from = ParseAddress(args.Value()); break;
                case "iif": input = ip.Device(args.Value()); break;
                case "oif" or "dev": output = ip.Device(args.Value()); break;
                case "uid":
                    if (args.Value() != "0") throw IpUsageError.NotModelled("ip route get … uid (other users)");
                    break;
                case "fibmatch" or "tos" or "dsfield" or "mark" or "vrf" or "ipproto" or "sport" or "dport" or "connected"
                    or "as":
                    throw IpUsageError.NotModelled($"ip route get … {word}");
                default:
                    if (word == "to") word = args.Value();
                    if (destination != null) throw IpUsageError.Garbage("to", word);
                    destination = ParsePrefix(word).Address;
                    break;
            }
        }
        if (destination is null) throw new IpUsageError("need at least a destination address", IpUsageError.Failure);
        return input is null ? GetOutput(ip, destination.Value, from, output) : GetInput(ip, destination.Value, from, input);
    }

    /// <summary>
    /// ip_route_output_key and rt_fill_info: the type unless unicast, "from" when asked, the
    /// gateway, the device, "src" when it differs from the asked source, "uid 0", then the cache
    /// flags line.
    /// </summary>
    private static int GetOutput(IpContext ip, Ipv4Address destination, Ipv4Address from, NetDevice? output)
    {
        var error = ip.Namespace.Ipv4.Routes.ResolveOutput(destination, from, output?.IfIndex ?? 0, out var route);
        if (error != null) return ip.Fail(new NetlinkError(error.Value));
        var text = new StringBuilder();
        if (route.Type != RouteType.Unicast) text.Append(route.Type.Name()).Append(' ');
        text.Append(destination).Append(' ');
        if (from.IsValid) text.Append("from ").Append(from).Append(' ');
        if (route.NextHop != route.Destination) text.Append("via ").Append(route.NextHop).Append(' ');
        text.Append("dev ").Append(route.Device.Name).Append(' ');
        if (route.Source != from) text.Append("src ").Append(route.Source).Append(' ');
        text.Append("uid 0 ");
        ip.Out.WriteLine(text.ToString());
        ip.Out.WriteLine("    cache " + CacheFlags(route.Type));
        return 0;
    }

    /// <summary>ip_route_input: as a packet from <paramref name="from"/> arriving on <paramref name="input"/> would be routed.</summary>
    private static int GetInput(IpContext ip, Ipv4Address destination, Ipv4Address from, NetDevice input)
    {
        if (input.Ip is null || !input.IsUp) return ip.Fail(new NetlinkError(Errno.ENETDOWN));
        var decision = ip.Namespace.Ipv4.Routes.ResolveInput(input, from.IsValid ? from : Ipv4Address.Any, destination);
        var text = new StringBuilder();
        RouteType type;
        NetDevice device;
        switch (decision.Kind)
        {
            case InputRouteKind.Local:
                type = RouteType.Local;
                device = ip.Namespace.Loopback;
                break;
            case InputRouteKind.Broadcast:
                type = RouteType.Broadcast;
                device = ip.Namespace.Loopback;
                break;
            case InputRouteKind.Forward:
                type = RouteType.Unicast;
                device = decision.Route!.Device!;
                break;
            case InputRouteKind.Error:
                return ip.Fail(new NetlinkError(decision.Error));
            default:
                return ip.Fail(new NetlinkError(Errno.EINVAL));
        }
        if (type != RouteType.Unicast) text.Append(type.Name()).Append(' ');
        text.Append(destination).Append(' ');
        if (from.IsValid) text.Append("from ").Append(from).Append(' ');
        if (decision.Route is { HasGateway: true } via && type == RouteType.Unicast) text.Append("via ").Append(via.Gateway).Append(' ');
        text.Append("dev ").Append(device.Name).Append(' ');
        ip.Out.WriteLine(text.ToString());
        ip.Out.WriteLine($"    cache {CacheFlags(type)}iif {input.Name} ");
        return 0;
    }

    /// <summary>The RTCF_* flags of the cached route, as iproute2 prints them after "cache".</summary>
    private static string CacheFlags(RouteType type) => type switch
    {
        RouteType.Local => "<local> ",
        RouteType.Broadcast => "<local,brd> ",
        RouteType.Multicast => "<mc> ",
        _ => "",
    };
}
