using System.Buffers.Binary;

namespace Simulator.Cli.Commands.Tcpdump.Filter;

/// <summary>
/// A packet as the capture filter sees it. On a live Linux capture the kernel has taken the
/// outermost 802.1Q tag off into the packet's metadata before the filter runs (veth and most
/// NICs offload VLAN tags; libpcap puts the tag back into what tcpdump prints), so a live frame
/// is filtered without it and <c>vlan</c> tests <see cref="OffloadedTci"/>. Reading a savefile,
/// tags stay in the bytes.
/// </summary>
public sealed class FilterFrame
{
    public FilterFrame(byte[] data, int wireLength, LinkType linkType, bool? outgoing = null, ushort? offloadedTci = null)
    {
        Data = data;
        WireLength = wireLength;
        LinkType = linkType;
        Outgoing = outgoing;
        OffloadedTci = offloadedTci;
    }

    public byte[] Data { get; }

    /// <summary>The packet's length on the wire (what <c>less</c> and <c>greater</c> compare).</summary>
    public int WireLength { get; }

    public LinkType LinkType { get; }

    /// <summary>Sent (true) or received (false) by the capturing host; null when not known.</summary>
    public bool? Outgoing { get; }

    /// <summary>The tag the kernel took off, if any (SKF_AD_VLAN_TAG).</summary>
    public ushort? OffloadedTci { get; }

    /// <summary>
    /// A live Ethernet frame as the filter sees it: the outermost tag, if any, moves to the
    /// metadata (the kernel's skb_vlan_untag on receive, the offloaded tag on send).
    /// </summary>
    public static FilterFrame Live(byte[] frame, int wireLength, bool outgoing)
    {
        if (frame.Length >= 18 && BinaryPrimitives.ReadUInt16BigEndian(frame.AsSpan(12)) is 0x8100 or 0x88a8)
        {
            ushort tci = BinaryPrimitives.ReadUInt16BigEndian(frame.AsSpan(14));
            var untagged = new byte[frame.Length - 4];
            frame.AsSpan(0, 12).CopyTo(untagged);
            frame.AsSpan(16).CopyTo(untagged.AsSpan(12));
            return new FilterFrame(untagged, wireLength - 4, LinkType.Ethernet, outgoing, tci);
        }
        return new FilterFrame(frame, wireLength, LinkType.Ethernet, outgoing);
    }

    /// <summary>Where the EtherType is, after <paramref name="tags"/> in-band VLAN tags.</summary>
    public int EtherTypeOffset(int tags) => LinkType switch
    {
        LinkType.LinuxSll2 => 0,
        LinkType.LinuxSll => 14,
        _ => 12 + 4 * tags,
    };

    /// <summary>Where the network-layer header starts, after <paramref name="tags"/> in-band VLAN tags.</summary>
    public int NetworkOffset(int tags) => LinkType switch
    {
        LinkType.LinuxSll2 => 20,
        LinkType.LinuxSll => 16,
        _ => 14 + 4 * tags,
    };

    // A BPF load beyond the packet ends the filter program with "reject"; so does this.
    public byte U8(int offset) => offset >= 0 && offset < Data.Length ? Data[offset] : throw OutOfBounds.Instance;

    public ushort U16(int offset) => offset >= 0 && offset + 2 <= Data.Length
        ? BinaryPrimitives.ReadUInt16BigEndian(Data.AsSpan(offset)) : throw OutOfBounds.Instance;

    public uint U32(int offset) => offset >= 0 && offset + 4 <= Data.Length
        ? BinaryPrimitives.ReadUInt32BigEndian(Data.AsSpan(offset)) : throw OutOfBounds.Instance;

    internal sealed class OutOfBounds : Exception
    {
        public static readonly OutOfBounds Instance = new();
    }
}
