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
                    var error = CheckGateway(request.Gateway, request.Table, ref device);
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
                case RouteAddMode.Append:
                    // fib_table_insert: "Error if we find a perfect match which uses the same
                    // scope, type, and nexthop information."
                    if (table.RoutesTo(route.Destination).Any(r => r.Tos == route.Tos && r.Metric == route.Metric &&
                            r.Type == route.Type && r.Scope == route.Scope && r.Gateway == route.Gateway && r.Device == route.Device))
                        return new NetlinkError(Errno.EEXIST);
                    break;
            }
        }
        table.Insert(route);
        return null;
    }

    /// <summary>
    /// fib_check_nh_v4_gw: the gateway must be reachable directly — through a route of link or
    /// host scope — and, if a device was named, through that device.
    /// </summary>
    private NetlinkError? CheckGateway(Ipv4Address gateway, int tableId, ref NetDevice? device)
    {
        Route? via = null;
        if (tableId != RouteTables.Main && _tables.TryGetValue(tableId, out var own))
            via = LookupDirect(own, gateway, device);
        via ??= LookupDirectAll(gateway, device);
        if (via is null || via.Type is not (RouteType.Unicast or RouteType.Local))
            return new NetlinkError(Errno.EINVAL, "Nexthop has invalid gateway");
        var viaDevice = via.Type == RouteType.Local ? via.Device : via.Device;
        if (device != null && viaDevice != device)
            return new NetlinkError(Errno.EINVAL, "Nexthop has invalid gateway");
        device ??= viaDevice;
        if (device is null || !device.IsUp) return new NetlinkError(Errno.ENETDOWN, "Nexthop device is not up");
        return null;
    }

    private Route? LookupDirectAll(Ipv4Address gateway, NetDevice? device)
    {
        foreach (var (_, tableId) in DefaultRules)
        {
            if (!_tables.TryGetValue(tableId, out var table)) continue;
            var route = LookupDirect(table, gateway, device);
            if (route != null) return route;
        }
        return null;
    }

    /// <summary>A lookup that skips routes through gateways (flowi4_scope = RT_SCOPE_LINK).</summary>
    private static Route? LookupDirect(RouteTable table, Ipv4Address destination, NetDevice? device)
    {
        for (int length = 32; length >= 0; length--)
        {
            foreach (var route in table.RoutesTo(new Ipv4Prefix(destination, length)))
            {
                if (route.Scope < RouteScope.Link || route.HasGateway) continue;
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
