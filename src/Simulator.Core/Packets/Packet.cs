namespace Simulator.Core.Packets;

/// <summary>
/// A packet buffer with headroom, as the kernel's <c>sk_buff</c>: the bytes of the packet live at
/// <see cref="Offset"/>..<see cref="Offset"/>+<see cref="Length"/> of a pooled array, so headers
/// can be pushed in front (<see cref="Push"/>) and pulled off (<see cref="Pull"/>) without copying.
/// Metadata travels with the bytes. A packet has exactly one owner; whoever ends its life calls
/// <see cref="Release"/>.
/// </summary>
public sealed class Packet
{
    public const int DefaultHeadroom = 128;

    private readonly PacketPool _pool;
    private byte[] _buffer;

    internal Packet(PacketPool pool, int capacity)
    {
        _pool = pool;
        _buffer = new byte[capacity];
    }

    internal bool InPool { get; set; }

    public int Offset { get; private set; }
    public int Length { get; private set; }
    public int Headroom => Offset;
    public int Capacity => _buffer.Length;

    public Span<byte> Data => _buffer.AsSpan(Offset, Length);

    // ----- metadata (reset by Reset) -----

    /// <summary>The ifindex of the device the packet was last received on (0 for locally generated).</summary>
    public int InputInterface { get; set; }

    /// <summary>skb->mark, set by iptables MARK and matched by -m mark.</summary>
    public uint Mark { get; set; }

    public PacketType Type { get; set; }

    /// <summary>
    /// The conntrack entry this packet belongs to and how (skb->_nfct). Owned by
    /// Simulator.Netfilter; typed as object because Core sits below it.
    /// </summary>
    public object? Conntrack { get; set; }
    public byte ConntrackInfo { get; set; }

    /// <summary>Bridge port the frame entered on (for -m physdev), or 0.</summary>
    public int PhysicalInputInterface { get; set; }

    /// <summary>
    /// skb's nf_bridge record: br_netfilter ran iptables PREROUTING for this bridged frame, so
    /// the IPv4 receive path must not run it again (ip_sabotage_in), and the bridge's FORWARD and
    /// POSTROUTING run the iptables chains for it with physdev information.
    /// </summary>
    public bool NfBridge { get; set; }

    /// <summary>A free slot for per-layer state that must survive a scheduled hop (e.g. next hop).</summary>
    public long Scratch { get; set; }

    /// <summary>Prepends <paramref name="count"/> bytes and returns them (skb_push).</summary>
    public Span<byte> Push(int count)
    {
        if (count > Offset) GrowHeadroom(count);
        Offset -= count;
        Length += count;
        return _buffer.AsSpan(Offset, count);
    }

    /// <summary>Removes <paramref name="count"/> bytes from the front (skb_pull).</summary>
    public void Pull(int count)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, Length);
        Offset += count;
        Length -= count;
    }

    /// <summary>Cuts the packet to <paramref name="length"/> bytes (skb_trim), e.g. to drop Ethernet padding.</summary>
    public void Trim(int length)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, Length);
        Length = length;
    }

    /// <summary>Sets the packet to <paramref name="length"/> bytes after the default headroom; contents undefined.</summary>
    public Span<byte> Reset(int length)
    {
        int needed = DefaultHeadroom + length;
        if (needed > _buffer.Length) _buffer = new byte[needed];
        Offset = DefaultHeadroom;
        Length = length;
        InputInterface = 0;
        Mark = 0;
        Type = PacketType.Host;
        Conntrack = null;
        ConntrackInfo = 0;
        PhysicalInputInterface = 0;
        NfBridge = false;
        Scratch = 0;
        return Data;
    }

    /// <summary>A copy of the bytes and metadata in a packet of the same pool.</summary>
    public Packet Clone()
    {
        var copy = _pool.Rent(Length);
        Data.CopyTo(copy.Data);
        copy.InputInterface = InputInterface;
        copy.Mark = Mark;
        copy.Type = Type;
        copy.Conntrack = Conntrack;
        copy.ConntrackInfo = ConntrackInfo;
        copy.PhysicalInputInterface = PhysicalInputInterface;
        copy.NfBridge = NfBridge;
        copy.Scratch = Scratch;
        return copy;
    }

    public void Release() => _pool.Return(this);

    private void GrowHeadroom(int count)
    {
        var bigger = new byte[_buffer.Length + count + DefaultHeadroom];
        int newOffset = Offset + count + DefaultHeadroom;
        _buffer.AsSpan(Offset, Length).CopyTo(bigger.AsSpan(newOffset));
        _buffer = bigger;
        Offset = newOffset;
    }
}
