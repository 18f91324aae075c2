using Simulator.Core.Addressing;
using Simulator.Devices.Links;

namespace Simulator.Devices.Ipv4.Routing;

/// <summary>
/// A namespace's routing tables and the default policy rules (0: local, 32766: main,
/// 32767: default), with the kernel's checks on route changes (fib_create_info, fib_check_nh).
/// </summary>
public sealed class Fib
{
    public static readonly (int Priority, int Table)[] DefaultRules =
        [(0, RouteTables.Local), (32766, RouteTables.Main), (32767, RouteTables.Default)];

    private readonly SortedDictionary<int, RouteTable> _tables = [];

    public Fib()
    {
        Local = Table(RouteTables.Local);
        Main = Table(RouteTables.Main);
        Table(RouteTables.Default);
    }

    public RouteTable Local { get; }
    public RouteTable Main { get; }

    /// <summary>
    /// Whether the kernel would have created the main table by now: tables come into being with
    /// their first route, and the local table is created as an alias of main (fib_new_table with
    /// no custom rules), so the first route of either creates it. /proc/net/route is empty until then.
    /// </summary>
    public bool MainTableExists => Main.EverPopulated || Local.EverPopulated;

    public IEnumerable<RouteTable> Tables => _tables.Values;

    public RouteTable Table(int id)
    {
        if (!_tables.TryGetValue(id, out var table))
        {
            table = new RouteTable(id);
            _tables[id] = table;
        }
        return table;
    }

    public RouteTable? FindTable(int id) => _tables.GetValueOrDefault(id);

    /// <summary>
    /// fib_lookup: the rules in priority order; a table's match ends the lookup unless it is a
    /// "throw" route. Null when nothing matches (ENETUNREACH).
    /// </summary>
    public Route? Lookup(Ipv4Address destination, int outputIfIndex = 0)
    {
        foreach (var (_, tableId) in DefaultRules)
        {
            if (!_tables.TryGetValue(tableId, out var table) || table.Count == 0) continue;
            var route = table.Lookup(destination, outputIfIndex);
            if (route is null || route.Type == RouteType.Throw) continue;
            return route;
        }
        return null;
    }

    /// <summary>inet_addr_type: what the local table says an address is to this namespace.</summary>
    public RouteType AddressType(Ipv4Address address)
    {
        if (address.IsLimitedBroadcast || address.IsZeroNet && address.IsUnspecified) return RouteType.Broadcast;
        if (address.IsMulticast) return RouteType.Multicast;
        var route = Local.Lookup(address);
        return route?.Type ?? RouteType.Unicast;
    }

    public bool IsLocalAddress(Ipv4Address address) => AddressType(address) == RouteType.Local;

    /// <summary>RTM_NEWROUTE from user space (ip route add/replace/append).</summary>
    public NetlinkError? Add(RouteRequest request, RouteAddMode mode)
    {
        var raw = request.Destination;
        if (raw.HasHostBits) return new NetlinkError(Errno.EINVAL, "Invalid prefix for given prefix length");
        var type = request.Type ?? RouteType.Unicast;
        var device = request.Device;
        if (!type.IsReject())
        {
            if (request.Gateway.IsValid)
            {
                if (request.OnLink)
                {
                    if (device is null) return new NetlinkError(Errno.EINVAL, "Nexthop device required for onlink");
                    if (!device.IsUp) return new NetlinkError(Errno.ENETDOWN, "Nexthop device is not up");
                }
                else
                {
                    var error = CheckGateway(request.Gateway, request.Table, request.Scope ?? RouteScope.Universe, ref device);
                    if (error != null) return error;
                }
            }
            else if (device is null)
            {
                return new NetlinkError(Errno.ENODEV);
            }
            else if (!device.IsUp)
            {
                return new NetlinkError(Errno.ENETDOWN, "Device for nexthop is not up");
            }
        }
        if (request.PreferredSource.IsValid && type != RouteType.Local && !IsLocalAddress(request.PreferredSource))
            return new NetlinkError(Errno.EINVAL, "Invalid prefsrc address");

        var route = new Route
        {
            Destination = raw.Network,
            Type = type,
            Table = request.Table,
            Protocol = request.Protocol ?? RouteProtocol.Boot,
            Scope = request.Scope ?? RouteScope.Universe,
            Gateway = request.Gateway,
            Device = device,
            PreferredSource = request.PreferredSource,
            Metric = request.Metric ?? 0,
            Tos = request.Tos,
            OnLink = request.OnLink,
        };
        var table = Table(request.Table);
        var sameKey = table.RoutesTo(route.Destination).FirstOrDefault(r => r.Tos == route.Tos && r.Metric == route.Metric);
        if (sameKey != null)
        {
            switch (mode)
            {
                case RouteAddMode.Add:
                    return new NetlinkError(Errno.EEXIST);
                case RouteAddMode.Replace:
                    ReplaceInPlace(table, sameKey, route);
                    return null;
                case RouteAddMode.Prepend:
                    // fib_table_insert without NLM_F_EXCL: only a perfect match (same type and fib_info) is refused.
                    if (table.RoutesTo(route.Destination).Any(r => Identical(r, route))) return new NetlinkError(Errno.EEXIST);
                    table.Insert(route, beforeEqual: true);
                    return null;
                case RouteAddMode.Append:
                    // fib_table_insert: "Error if we find a perfect match which uses the same
                    // scope, type, and nexthop information."
                    if (table.RoutesTo(route.Destination).Any(r => Identical(r, route))) return new NetlinkError(Errno.EEXIST);
                    break;
            }
        }
        table.Insert(route);
        return null;
    }

    private static bool Identical(Route a, Route b) =>
        a.Tos == b.Tos && a.Metric == b.Metric && a.Type == b.Type && a.Gateway == b.Gateway && a.Device == b.Device &&
        a.Scope == b.Scope && a.Protocol == b.Protocol && a.PreferredSource == b.PreferredSource && a.OnLink == b.OnLink;

    /// <summary>
    /// fib_check_nh_v4_gw: the gateway must be reachable directly — through a route of link or
    /// host scope (of host scope only when the route itself is of link scope: flowi4_scope is the
    /// route's scope + 1) — and, if a device was named, through that device. No such route is
    /// ENETUNREACH, one of another type EINVAL; both carry the same extack text.
    /// </summary>
    private NetlinkError? CheckGateway(Ipv4Address gateway, int tableId, RouteScope scope, ref NetDevice? device)
    {
        var minimumScope = scope >= RouteScope.Link ? (RouteScope)((int)scope + 1) : RouteScope.Link;
        Route? via = null;
        if (tableId != RouteTables.Main && _tables.TryGetValue(tableId, out var own))
            via = LookupDirect(own, gateway, device, minimumScope);
        via ??= LookupDirectAll(gateway, device, minimumScope);
        if (via is null) return new NetlinkError(Errno.ENETUNREACH, "Nexthop has invalid gateway");
        if (via.Type is not (RouteType.Unicast or RouteType.Local))
            return new NetlinkError(Errno.EINVAL, "Nexthop has invalid gateway");
        var viaDevice = via.Type == RouteType.Local ? via.Device : via.Device;
        if (device != null && viaDevice != device)
            return new NetlinkError(Errno.EINVAL, "Nexthop has invalid gateway");
        device ??= viaDevice;
        if (device is null || !device.IsUp) return new NetlinkError(Errno.ENETDOWN, "Nexthop device is not up");
        return null;
    }

    /// <summary>
    /// A lookup of directly connected destinations only (flowi4_scope = RT_SCOPE_LINK, as
    /// RTO_ONLINK asks): routes through gateways are skipped. Null when none (ENETUNREACH).
    /// </summary>
    public Route? LookupOnLink(Ipv4Address destination, NetDevice? device = null) =>
        LookupDirectAll(destination, device, RouteScope.Link);

    private Route? LookupDirectAll(Ipv4Address gateway, NetDevice? device, RouteScope minimumScope)
    {
        foreach (var (_, tableId) in DefaultRules)
        {
            if (!_tables.TryGetValue(tableId, out var table)) continue;
            var route = LookupDirect(table, gateway, device, minimumScope);
            if (route != null) return route;
        }
        return null;
    }

    /// <summary>A lookup that skips routes narrower than <paramref name="minimumScope"/> and routes through gateways.</summary>
    private static Route? LookupDirect(RouteTable table, Ipv4Address destination, NetDevice? device, RouteScope minimumScope)
    {
        for (int length = 32; length >= 0; length--)
        {
            foreach (var route in table.RoutesTo(new Ipv4Prefix(destination, length)))
            {
                if (route.Scope < minimumScope || route.HasGateway) continue;
                if (device != null && route.Device != null && route.Device != device && route.Type != RouteType.Local) continue;
                return route;
            }
        }
        return null;
    }

    private static void ReplaceInPlace(RouteTable table, Route old, Route replacement)
    {
        var siblings = table.RoutesTo(old.Destination).ToList();
        foreach (var route in siblings) table.Remove(route);
        foreach (var route in siblings) table.Insert(route == old ? replacement : route);
    }

    /// <summary>RTM_DELROUTE: removes the first route matching every field the request sets.</summary>
    public NetlinkError? Delete(RouteRequest request)
    {
        var table = FindTable(request.Table);
        var victim = table?.RoutesTo(request.Destination.Network).FirstOrDefault(r => MatchesDelete(r, request));
        if (table is null || victim is null) return new NetlinkError(Errno.ESRCH);
        table.Remove(victim);
        return null;
    }

    private static bool MatchesDelete(Route route, RouteRequest request) =>
        (request.Tos == 0 || route.Tos == request.Tos) &&
        (request.Type is null || route.Type == request.Type) &&
        (request.Protocol is null || route.Protocol == request.Protocol) &&
        (!request.Gateway.IsValid || route.Gateway == request.Gateway) &&
        (request.Device is null || route.Device == request.Device) &&
        (request.Metric is null || route.Metric == request.Metric) &&
        (!request.PreferredSource.IsValid || route.PreferredSource == request.PreferredSource);

    /// <summary>Adds a route the kernel itself maintains (proto kernel), replacing an identical one.</summary>
    internal void AddKernelRoute(Route route)
    {
        var table = Table(route.Table);
        if (table.RoutesTo(route.Destination).Any(r => SameKernelRoute(r, route))) return;
        table.Insert(route);
    }

    internal void RemoveKernelRoute(int tableId, RouteType type, Ipv4Prefix destination, NetDevice device, Ipv4Address preferredSource)
    {
        var table = FindTable(tableId);
        var victim = table?.RoutesTo(destination).FirstOrDefault(r =>
            r.Type == type && r.Device == device && r.Protocol == RouteProtocol.Kernel && r.PreferredSource == preferredSource);
        if (victim != null) table!.Remove(victim);
    }

    private static bool SameKernelRoute(Route a, Route b) =>
        a.Type == b.Type && a.Device == b.Device && a.Metric == b.Metric && a.Protocol == b.Protocol &&
        a.PreferredSource == b.PreferredSource;

    /// <summary>Removes routes for which <paramref name="match"/> holds, in every table.</summary>
    internal int RemoveWhere(Predicate<Route> match)
    {
        int removed = 0;
        foreach (var table in _tables.Values) removed += table.RemoveAll(match);
        return removed;
    }
}
