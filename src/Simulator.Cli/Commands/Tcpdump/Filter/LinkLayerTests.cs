using Simulator.Core.Addressing;

namespace Simulator.Cli.Commands.Tcpdump.Filter;

/// <summary><c>ether proto</c>, <c>ip</c>, <c>arp</c>…: the EtherType, after as many VLAN tags as <c>vlan</c> primitives came before.</summary>
public sealed class EtherTypeTest(int tags, ushort type) : FilterNode
{
    public override bool Matches(FilterFrame frame) => frame.U16(frame.EtherTypeOffset(tags)) == type;
}

/// <summary><c>ether [src|dst] host MAC</c>.</summary>
public sealed class EtherAddressTest(DirectionQualifier direction, MacAddress address) : FilterNode
{
    public override bool Matches(FilterFrame frame)
    {
        bool Source() => MacAddress.Read(Slice(frame, 6)) == address;
        bool Destination() => MacAddress.Read(Slice(frame, 0)) == address;
        return direction switch
        {
            DirectionQualifier.Source => Source(),
            DirectionQualifier.Destination => Destination(),
            DirectionQualifier.Both => Source() && Destination(),
            _ => Source() || Destination(),
        };
    }

    private static ReadOnlySpan<byte> Slice(FilterFrame frame, int offset)
    {
        frame.U16(offset + 4);
        return frame.Data.AsSpan(offset, 6);
    }
}

/// <summary><c>broadcast</c> (all ones) and <c>multicast</c> (the group bit) on the destination MAC.</summary>
public sealed class EtherDestinationTest(bool broadcast) : FilterNode
{
    public override bool Matches(FilterFrame frame) => broadcast
        ? frame.U32(0) == 0xffffffff && frame.U16(4) == 0xffff
        : (frame.U8(0) & 1) != 0;
}

/// <summary>
/// <c>vlan [ID]</c>: the first one in a live capture tests the tag the kernel took off; the
/// others (and all, reading a savefile) the TPID after <paramref name="tags"/> tags in the bytes.
/// </summary>
public sealed class VlanTest(int tags, ushort? id, bool offloaded) : FilterNode
{
    public override bool Matches(FilterFrame frame)
    {
        if (offloaded)
            return frame.OffloadedTci is { } tci && (id is null || (tci & 0x0fff) == id);
        int offset = frame.EtherTypeOffset(tags);
        if (frame.U16(offset) is not (0x8100 or 0x88a8 or 0x9100)) return false;
        return id is null || (frame.U16(offset + 2) & 0x0fff) == id;
    }
}

/// <summary><c>less N</c> and <c>greater N</c>: the packet's length, at most or at least N.</summary>
public sealed class LengthTest(bool atMost, int length) : FilterNode
{
    public override bool Matches(FilterFrame frame) => atMost ? frame.WireLength <= length : frame.WireLength >= length;
}

/// <summary><c>inbound</c> and <c>outbound</c>: the packet's direction at the capturing host.</summary>
public sealed class DirectionTest(bool outbound) : FilterNode
{
    public override bool Matches(FilterFrame frame) => frame.Outgoing == outbound;
}
