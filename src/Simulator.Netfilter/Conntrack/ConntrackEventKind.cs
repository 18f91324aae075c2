namespace Simulator.Netfilter.Conntrack;

/// <summary>What a conntrack event reports, as <c>conntrack -E</c> labels it.</summary>
public enum ConntrackEventKind
{
    /// <summary>[NEW]: the connection entered the table.</summary>
    New,
    /// <summary>[UPDATE]: its status, protocol state or mark changed.</summary>
    Update,
    /// <summary>[DESTROY]: it left the table (timed out, deleted, flushed).</summary>
    Destroy,
}

/// <summary>
/// One event for listeners (<c>conntrack -E</c>), raised when the kernel would deliver it: NEW at
/// confirmation, UPDATE at the end of the packet that caused it, DESTROY at removal.
/// <see cref="DeletedBy"/> is the netlink port id of a process that deleted the entry (shown as
/// "[USERSPACE] portid=N"); null when it timed out.
/// </summary>
public readonly record struct ConntrackEvent(ConntrackEventKind Kind, ConntrackEntry Entry, bool Expired, int? DeletedBy);
