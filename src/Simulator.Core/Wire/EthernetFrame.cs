using System.Buffers.Binary;
using Simulator.Core.Addressing;
using Simulator.Core.Tracing;

namespace Simulator.Core.Wire;

/// <summary>
/// A view of an Ethernet II frame (no preamble, no FCS, as a capture or a veth sees it), with at
/// most one IEEE 802.1Q tag. Getters read and setters write the bytes in place; the view is only as
/// long as its buffer, so use <see cref="TryCreate"/> (or <see cref="EthernetRepr.TryParse"/>) on
/// bytes not known to hold a whole header.
/// </summary>
public readonly ref struct EthernetFrame
{
    public const int DestinationOffset = 0;
    public const int SourceOffset = 6;
    public const int EtherTypeOffset = 12;
    /// <summary>The length of an untagged header.</summary>
    public const int MinHeaderLength = 14;

    // An 802.1Q tag sits where the EtherType was: TPID 0x8100 (in the EtherType field), the TCI,
    // then the EtherType of the payload (IEEE 802.1Q-2018 clause 9).
    public const int VlanTciOffset = 14;
    public const int VlanEtherTypeOffset = 16;
    public const int VlanTagLength = 4;
    public const int TaggedHeaderLength = MinHeaderLength + VlanTagLength;

    private readonly Span<byte> _buffer;

    public EthernetFrame(Span<byte> buffer) => _buffer = buffer;

    /// <summary>A view of <paramref name="buffer"/> if it holds the whole header, tag included.</summary>
    public static DropReason TryCreate(Span<byte> buffer, out EthernetFrame frame)
    {
        frame = new EthernetFrame(buffer);
        return frame.Check();
    }

    internal DropReason Check()
    {
        if (_buffer.Length < MinHeaderLength) return DropReason.HdrTrunc;
        if (HasVlanTag && _buffer.Length < TaggedHeaderLength) return DropReason.HdrTrunc;
        return DropReason.None;
    }

    public Span<byte> Buffer => _buffer;

    public MacAddress Destination
    {
        get => MacAddress.Read(_buffer[DestinationOffset..]);
        set => value.Write(_buffer[DestinationOffset..]);
    }

    public MacAddress Source
    {
        get => MacAddress.Read(_buffer[SourceOffset..]);
        set => value.Write(_buffer[SourceOffset..]);
    }

    /// <summary>The EtherType field after the source address: <see cref="EtherType.Vlan"/> in a tagged frame.</summary>
    public EtherType EtherType
    {
        get => (EtherType)BinaryPrimitives.ReadUInt16BigEndian(_buffer[EtherTypeOffset..]);
        set => BinaryPrimitives.WriteUInt16BigEndian(_buffer[EtherTypeOffset..], (ushort)value);
    }

    public bool HasVlanTag => EtherType == EtherType.Vlan;

    /// <summary>The 802.1Q tag; only meaningful when <see cref="HasVlanTag"/>.</summary>
    public VlanTag VlanTag
    {
        get => VlanTag.FromTci(BinaryPrimitives.ReadUInt16BigEndian(_buffer[VlanTciOffset..]));
        set => BinaryPrimitives.WriteUInt16BigEndian(_buffer[VlanTciOffset..], value.Tci);
    }

    /// <summary>
    /// The EtherType of the payload: the inner one of a tagged frame. Setting it writes the field
    /// that <see cref="HasVlanTag"/> selects, so set <see cref="EtherType"/> first.
    /// </summary>
    public EtherType PayloadEtherType
    {
        get => (EtherType)BinaryPrimitives.ReadUInt16BigEndian(_buffer[PayloadEtherTypeOffset..]);
        set => BinaryPrimitives.WriteUInt16BigEndian(_buffer[PayloadEtherTypeOffset..], (ushort)value);
    }

    private int PayloadEtherTypeOffset => HasVlanTag ? VlanEtherTypeOffset : EtherTypeOffset;

    public int HeaderLength => HasVlanTag ? TaggedHeaderLength : MinHeaderLength;

    /// <summary>Everything after the header, Ethernet padding included (the IPv4 total length tells).</summary>
    public Span<byte> Payload => _buffer[HeaderLength..];
}
