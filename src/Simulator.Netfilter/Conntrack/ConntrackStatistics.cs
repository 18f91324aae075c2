namespace Simulator.Netfilter.Conntrack;

/// <summary>
/// The per-namespace counters <c>conntrack -S</c> shows (<c>struct ip_conntrack_stat</c>). Since
/// Linux 5.x "found", "insert" and "search_restart" are no longer counted on the fast path, so
/// they stay zero there as here.
/// </summary>
public sealed class ConntrackStatistics
{
    /// <summary>Packets conntrack could not attach to a connection (not a valid part of one).</summary>
    public ulong Invalid { get; internal set; }
    /// <summary>Packets dropped because the table was full or the entry clashed at insertion.</summary>
    public ulong Drop { get; internal set; }
    public ulong InsertFailed { get; internal set; }
    public ulong EarlyDrop { get; internal set; }
    /// <summary>ICMP errors that relate to no tracked connection, and malformed ICMP.</summary>
    public ulong Error { get; internal set; }
}
