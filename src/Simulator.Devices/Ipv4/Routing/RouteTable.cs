using System.Numerics;
using Simulator.Core.Addressing;

namespace Simulator.Devices.Ipv4.Routing;

/// <summary>
/// One routing table with longest-prefix-match lookup: a hash map per prefix length, probed
/// from /32 down over the lengths in use only. Routes to one prefix are kept in the kernel's
/// alias order (TOS descending, then metric ascending), so the first usable one wins.
/// </summary>
public sealed class RouteTable
{
    /// <summary>Routes by prefix length, then network; a length's map exists once a route uses it
    /// (a namespace has three tables, most lengths are never used, and a LAN of a thousand
    /// namespaces should not pay for 99 empty maps each).</summary>
    private readonly Dictionary<uint, List<Route>>?[] _byLength = new Dictionary<uint, List<Route>>?[33];
    /// <summary>Bit n set when some route has prefix length n.</summary>
    private ulong _lengthsInUse;

    public RouteTable(int id)
    {
        Id = id;
    }

    public int Id { get; }
    public int Count { get; private set; }

    public IReadOnlyList<Route> RoutesTo(Ipv4Prefix prefix) =>
        _byLength[prefix.Length]?.TryGetValue(prefix.Network.Value, out var list) == true ? list : [];

    /// <summary>True once a route has been inserted, even if it is gone again (the kernel never frees a table).</summary>
    public bool EverPopulated { get; private set; }

    /// <summary>
    /// Adds a route after the existing ones that sort equal to it, or before them with
    /// <paramref name="beforeEqual"/> (a prepend).
    /// </summary>
    public void Insert(Route route, bool beforeEqual = false)
    {
        var prefix = route.Destination;
        var byNetwork = _byLength[prefix.Length] ??= [];
        if (!byNetwork.TryGetValue(prefix.Network.Value, out var list))
        {
            list = [];
            byNetwork[prefix.Network.Value] = list;
        }
        int index = 0;
        while (index < list.Count && !SortsAfter(list[index], route) && !(beforeEqual && SortsEqual(list[index], route))) index++;
        list.Insert(index, route);
        _lengthsInUse |= 1UL << prefix.Length;
        Count++;
        EverPopulated = true;
    }

    private static bool SortsEqual(Route existing, Route added) => existing.Tos == added.Tos && existing.Metric == added.Metric;

    /// <summary>fib_alias order within one prefix: higher TOS first, then lower metric.</summary>
    private static bool SortsAfter(Route existing, Route added) =>
        existing.Tos != added.Tos ? existing.Tos < added.Tos : existing.Metric > added.Metric;

    public bool Remove(Route route)
    {
        var prefix = route.Destination;
        var byNetwork = _byLength[prefix.Length];
        if (byNetwork is null || !byNetwork.TryGetValue(prefix.Network.Value, out var list) || !list.Remove(route))
            return false;
        if (list.Count == 0)
        {
            byNetwork.Remove(prefix.Network.Value);
            if (byNetwork.Count == 0) _lengthsInUse &= ~(1UL << prefix.Length);
        }
        Count--;
        return true;
    }

    public int RemoveAll(Predicate<Route> match)
    {
        var doomed = All().Where(r => match(r)).ToList();
        foreach (var route in doomed) Remove(route);
        return doomed.Count;
    }

    /// <summary>
    /// The first usable route, longest prefix first (fib_table_lookup with its backtracking to
    /// shorter prefixes). With <paramref name="outputIfIndex"/> set, a route through another
    /// device is skipped (fib_lookup_good_nhc); reject routes apply whatever the device.
    /// </summary>
    public Route? Lookup(Ipv4Address destination, int outputIfIndex = 0)
    {
        ulong lengths = _lengthsInUse;
        uint address = destination.Value;
        while (lengths != 0)
        {
            int length = 63 - BitOperations.LeadingZeroCount(lengths);
            lengths &= ~(1UL << length);
            if (!_byLength[length]!.TryGetValue(address & Ipv4Prefix.MaskBits(length), out var list)) continue;
            for (int i = 0; i < list.Count; i++)
            {
                var route = list[i];
                if (IsUsable(route, outputIfIndex)) return route;
            }
        }
        return null;
    }

    internal static bool IsUsable(Route route, int outputIfIndex) =>
        outputIfIndex == 0 || route.Type.IsReject() || route.Device is null || route.Device.IfIndex == outputIfIndex;

    /// <summary>
    /// Routes in the order <c>ip route show</c> dumps them: by network address, longer prefixes
    /// first for the same address (the kernel's trie order), then alias order.
    /// </summary>
    public IEnumerable<Route> All()
    {
        var prefixes = new List<(uint Network, int Length)>();
        for (int length = 0; length <= 32; length++)
            if (_byLength[length] is { } byNetwork)
                foreach (var key in byNetwork.Keys) prefixes.Add((key, length));
        prefixes.Sort((a, b) => a.Network != b.Network ? a.Network.CompareTo(b.Network) : b.Length.CompareTo(a.Length));
        foreach (var (network, length) in prefixes)
            foreach (var route in _byLength[length]![network].ToList())
                yield return route;
    }
}
