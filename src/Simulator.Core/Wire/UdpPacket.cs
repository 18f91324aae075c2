using System.Buffers.Binary;
using Simulator.Core.Addressing;
using Simulator.Core.Tracing;

namespace Simulator.Core.Wire;

/// <summary>
/// A view of a UDP datagram (RFC 768). Its checksum covers an IPv4 pseudo-header, so the
/// checksum members take the addresses; a checksum field of zero means the sender computed none.
/// </summary>
public readonly ref struct UdpPacket
{
    public const int SourcePortOffset = 0;
    public const int DestinationPortOffset = 2;
    public const int LengthOffset = 4;
    public const int ChecksumOffset = 6;
    public const int HeaderLength = 8;

    private readonly Span<byte> _buffer;

    public UdpPacket(Span<byte> buffer) => _buffer = buffer;

    /// <summary>A view of <paramref name="buffer"/> if it holds the header and the length it states.</summary>
    public static DropReason TryCreate(Span<byte> buffer, out UdpPacket packet)
    {
        packet = new UdpPacket(buffer);
        return packet.Check();
    }

    /// <summary>As __udp4_lib_rcv: a length field beyond the bytes, or below the header, is a short packet.</summary>
    internal DropReason Check()
    {
        if (_buffer.Length < HeaderLength) return DropReason.HdrTrunc;
        if (Length > _buffer.Length || Length < HeaderLength) return DropReason.PktTooSmall;
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

    /// <summary>The length of the datagram, header included.</summary>
    public int Length
    {
        get => BinaryPrimitives.ReadUInt16BigEndian(_buffer[LengthOffset..]);
        set => BinaryPrimitives.WriteUInt16BigEndian(_buffer[LengthOffset..], (ushort)value);
    }

    public ushort Checksum
    {
        get => BinaryPrimitives.ReadUInt16BigEndian(_buffer[ChecksumOffset..]);
        set => BinaryPrimitives.WriteUInt16BigEndian(_buffer[ChecksumOffset..], value);
    }

    /// <summary>The datagram as its length field bounds it.</summary>
    public Span<byte> Datagram => _buffer[..Length];

    public Span<byte> Payload => _buffer[HeaderLength..Length];

    /// <summary>
    /// The checksum the datagram should carry. A computed zero is sent as 0xFFFF, since zero on the
    /// wire means "no checksum" (RFC 768).
    /// </summary>
    public ushort ComputeChecksum(Ipv4Address source, Ipv4Address destination)
    {
        ushort sum = InternetChecksum.Add(
            InternetChecksum.PseudoHeaderSum(source, destination, IpProtocol.Udp, Length),
            InternetChecksum.Add(InternetChecksum.Sum(Datagram), (ushort)~Checksum));
        ushort checksum = (ushort)~sum;
        return checksum == 0 ? (ushort)0xFFFF : checksum;
    }

    public void FillChecksum(Ipv4Address source, Ipv4Address destination) =>
        Checksum = ComputeChecksum(source, destination);

    /// <summary>True when the checksum is right, or absent (zero).</summary>
    public bool IsChecksumValid(Ipv4Address source, Ipv4Address destination) =>
        Checksum == 0 || InternetChecksum.IsValid(source, destination, IpProtocol.Udp, Datagram);
}
