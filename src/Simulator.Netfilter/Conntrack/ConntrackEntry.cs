namespace Simulator.Netfilter.Conntrack;

/// <summary>
/// One tracked connection (<c>struct nf_conn</c>): its original tuple (as the first packet had
/// it) and reply tuple (what an answer looks like, after any NAT binding altered it), status
/// bits, the absolute time it expires, its mark and its protocol state. It enters the table when
/// its first packet is confirmed; until then it travels with that packet only.
/// </summary>
public sealed class ConntrackEntry
{
    internal ConntrackEntry(ConntrackTuple original, ConntrackTuple reply)
    {
        Original = original;
        Reply = reply;
    }

    public ConntrackTuple Original { get; }

    /// <summary>The reply tuple; a NAT binding rewrites it (<c>nf_conntrack_alter_reply</c>) before confirmation.</summary>
    public ConntrackTuple Reply { get; internal set; }

    public ConntrackStatus Status { get; internal set; }

    /// <summary>Absolute simulated time (ns) at which the entry expires (<c>ct->timeout</c>).</summary>
    public long Timeout { get; internal set; }

    /// <summary>The connection mark (ct->mark), set by CONNMARK.</summary>
    public uint Mark { get; internal set; }

    /// <summary>The TCP tracker's state; None for other protocols.</summary>
    public TcpConntrackState TcpState { get; internal set; }

    /// <summary>A FIN was seen from one side (IP_CT_TCP_FLAG_CLOSE_INIT): a new SYN may reopen the tuple.</summary>
    internal bool TcpCloseInit { get; set; }

    /// <summary>The direction of the last TCP packet and whether it was a reset (last_dir, last_index).</summary>
    internal ConntrackDirection TcpLastDirection { get; set; }
    internal bool TcpLastWasReset { get; set; }

    /// <summary>UDP: two seconds after the first packet; a later packet after a reply makes it a stream.</summary>
    internal long UdpStreamAfter { get; set; }

    /// <summary>The output device a MASQUERADE binding was made for (nat->masq_index), or 0.</summary>
    public int MasqueradeIfIndex { get; set; }

    /// <summary>Events (IPCT_*) caused by the packet being processed, delivered at its last hook.</summary>
    internal bool PendingUpdate { get; set; }

    /// <summary>Where the entry sits in the table's listing order; -1 outside the table.</summary>
    internal int OrderSlot { get; set; } = -1;

    /// <summary>CONNMARK set a new mark: an UPDATE event follows (IPCT_MARK).</summary>
    public void ChangeMark(uint mark)
    {
        if (Mark == mark) return;
        Mark = mark;
        PendingUpdate = true;
    }

    public bool IsConfirmed => (Status & ConntrackStatus.Confirmed) != 0;
    public bool HasStatus(ConntrackStatus bits) => (Status & bits) == bits;

    public ConntrackTuple Tuple(ConntrackDirection direction) =>
        direction == ConntrackDirection.Original ? Original : Reply;

    public byte Protocol => Original.Protocol;

    internal void SetStatus(ConntrackStatus bits) => Status |= bits;

    public override string ToString() => $"{Original} -> {Reply} ({Status})";
}
