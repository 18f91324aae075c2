using Simulator.Core.Addressing;
using Simulator.Devices.Ipv4.Routing;

namespace Simulator.Devices.Tests.Routing;

/// <summary>
/// The slow, obviously right reference for <see cref="RouteTable"/>: a list scanned whole, the
/// longest matching prefix winning, then the kernel's alias order (TOS descending, metric
/// ascending, insertion order).
/// </summary>
internal sealed class LinearRouteTable
{
    private readonly List<(Route Route, int Order)> _routes = [];
    private int _inserted;

    public void Insert(Route route) => _routes.Add((route, _inserted++));

    public bool Remove(Route route) => _routes.RemoveAll(r => r.Route == route) > 0;

    public Route? Lookup(Ipv4Address destination) =>
        _routes.Where(r => r.Route.Destination.Contains(destination))
            .OrderByDescending(r => r.Route.Destination.Length)
            .ThenByDescending(r => r.Route.Tos)
            .ThenBy(r => r.Route.Metric)
            .ThenBy(r => r.Order)
            .Select(r => r.Route)
            .FirstOrDefault();
}
