using System.Buffers.Binary;
using Simulator.Core.Addressing;
using Simulator.Core.Tracing;

namespace Simulator.Core.Wire;

/// <summary>
/// A view of a TCP segment (RFC 9293 section 3.1): the whole IPv4 payload, since TCP has no length
/// field of its own. Options are bytes (<see cref="Options"/>); NetSim does not interpret them.
/// </summary>
public readonly ref struct TcpPacket
{
    public const int SourcePortOffset = 0;
    public const int DestinationPortOffset = 2;
    public const int SequenceNumberOffset = 4;
    public const int AcknowledgmentNumberOffset = 8;
    /// <summary>Data offset (4 bits), 3 reserved bits, then the 9 control bits.</summary>
    public const int DataOffsetAndFlagsOffset = 12;
    public const int WindowSizeOffset = 14;
    public const int ChecksumOffset = 16;
    public const int UrgentPointerOffset = 18;
    public const int MinHeaderLength = 20;
    public const int MaxHeaderLength = 60;

    private const ushort FlagsMask = 0x01FF;

    private readonly Span<byte> _buffer;

    public TcpPacket(Span<byte> buffer) => _buffer = buffer;

    public static DropReason TryCreate(Span<byte> buffer, out TcpPacket packet)
    {
        packet = new TcpPacket(buffer);
        return packet.Check();
    }

    /// <summary>As tcp_v4_rcv: a data offset below 5 words is a packet too small to be TCP.</summary>
    internal DropReason Check()
    {
        if (_buffer.Length < MinHeaderLength) return DropReason.HdrTrunc;
        if (HeaderLength < MinHeaderLength) return DropReason.PktTooSmall;
        if (_buffer.Length < HeaderLength) return DropReason.HdrTrunc;
        return DropReason.None;
    }

    public Span<byte> Buffer => _buffer;

    public ushort SourcePort
    {
        get => BinaryPrimitives.ReadUInt16BigEndian(_buffer[SourcePortOffset..]);
        set => BinaryPrimitives.WriteUInt16BigEndian(_buffer[SourcePortOffset..], value);
    }

    public ushort DestinationPort
    {
        get => BinaryPrimitives.ReadUInt16BigEndian(_buffer[DestinationPortOffset..]);
        set => BinaryPrimitives.WriteUInt16BigEndian(_buffer[DestinationPortOffset..], value);
    }

    public uint SequenceNumber
    {
        get => BinaryPrimitives.ReadUInt32BigEndian(_buffer[SequenceNumberOffset..]);
        set => BinaryPrimitives.WriteUInt32BigEndian(_buffer[SequenceNumberOffset..], value);
    }

    public uint AcknowledgmentNumber
    {
        get => BinaryPrimitives.ReadUInt32BigEndian(_buffer[AcknowledgmentNumberOffset..]);
        set => BinaryPrimitives.WriteUInt32BigEndian(_buffer[AcknowledgmentNumberOffset..], value);
    }

    private ushort DataOffsetAndFlags
    {
        get => BinaryPrimitives.ReadUInt16BigEndian(_buffer[DataOffsetAndFlagsOffset..]);
        set => BinaryPrimitives.WriteUInt16BigEndian(_buffer[DataOffsetAndFlagsOffset..], value);
    }

    /// <summary>The header length in bytes (data offset × 4), options included.</summary>
    public int HeaderLength
    {
        get => (DataOffsetAndFlags >> 12) * 4;
        set => DataOffsetAndFlags = (ushort)((DataOffsetAndFlags & 0x0FFF) | (value / 4 & 0xF) << 12);
    }

    /// <summary>The control bits; the three reserved bits are neither read nor written.</summary>
    public TcpFlags Flags
    {
        get => (TcpFlags)(DataOffsetAndFlags & FlagsMask);
        set => DataOffsetAndFlags = (ushort)((DataOffsetAndFlags & ~FlagsMask) | ((ushort)value & FlagsMask));
    }

    public ushort WindowSize
    {
        get => BinaryPrimitives.ReadUInt16BigEndian(_buffer[WindowSizeOffset..]);
        set => BinaryPrimitives.WriteUInt16BigEndian(_buffer[WindowSizeOffset..], value);
    }

    public ushort Checksum
    {
        get => BinaryPrimitives.ReadUInt16BigEndian(_buffer[ChecksumOffset..]);
        set => BinaryPrimitives.WriteUInt16BigEndian(_buffer[ChecksumOffset..], value);
    }

    public ushort UrgentPointer
    {
        get => BinaryPrimitives.ReadUInt16BigEndian(_buffer[UrgentPointerOffset..]);
        set => BinaryPrimitives.WriteUInt16BigEndian(_buffer[UrgentPointerOffset..], value);
    }

    public Span<byte> Options => _buffer[MinHeaderLength..HeaderLength];

    public Span<byte> Payload => _buffer[HeaderLength..];

    public ushort ComputeChecksum(Ipv4Address source, Ipv4Address destination) =>
        (ushort)~InternetChecksum.Add(
            InternetChecksum.PseudoHeaderSum(source, destination, IpProtocol.Tcp, _buffer.Length),
            InternetChecksum.Add(InternetChecksum.Sum(_buffer), (ushort)~Checksum));

    public void FillChecksum(Ipv4Address source, Ipv4Address destination) =>
        Checksum = ComputeChecksum(source, destination);

    public bool IsChecksumValid(Ipv4Address source, Ipv4Address destination) =>
        InternetChecksum.IsValid(source, destination, IpProtocol.Tcp, _buffer);
}
