using System.Buffers.Binary;
using Simulator.Core.Addressing;
using Simulator.Core.Tracing;

namespace Simulator.Core.Wire;

/// <summary>
/// A view of an ICMP message (RFC 792): the IPv4 payload, exactly (the checksum covers all of it).
/// The four bytes after the checksum mean something per type; the named getters read them as
/// echo (<see cref="Identifier"/>, <see cref="SequenceNumber"/>), fragmentation needed
/// (<see cref="NextHopMtu"/>), redirect (<see cref="Gateway"/>) or parameter problem
/// (<see cref="Pointer"/>), as the kernel's <c>struct icmphdr</c> union.
/// </summary>
public readonly ref struct IcmpPacket
{
    public const int TypeOffset = 0;
    public const int CodeOffset = 1;
    public const int ChecksumOffset = 2;
    public const int RestOfHeaderOffset = 4;
    public const int IdentifierOffset = 4;
    public const int SequenceNumberOffset = 6;
    public const int NextHopMtuOffset = 6;
    public const int GatewayOffset = 4;
    public const int PointerOffset = 4;
    public const int HeaderLength = 8;
    /// <summary>
    /// The bytes of the offending datagram's payload an error must quote after its header
    /// (RFC 792 "64 bits"); the kernel's icmp_socket_deliver refuses errors with fewer.
    /// </summary>
    public const int MinQuotedPayloadLength = 8;

    private readonly Span<byte> _buffer;

    public IcmpPacket(Span<byte> buffer) => _buffer = buffer;

    public static DropReason TryCreate(Span<byte> buffer, out IcmpPacket packet)
    {
        packet = new IcmpPacket(buffer);
        return buffer.Length < HeaderLength ? DropReason.HdrTrunc : DropReason.None;
    }

    public Span<byte> Buffer => _buffer;

    public IcmpType Type
    {
        get => (IcmpType)_buffer[TypeOffset];
        set => _buffer[TypeOffset] = (byte)value;
    }

    public byte Code
    {
        get => _buffer[CodeOffset];
        set => _buffer[CodeOffset] = value;
    }

    public ushort Checksum
    {
        get => BinaryPrimitives.ReadUInt16BigEndian(_buffer[ChecksumOffset..]);
        set => BinaryPrimitives.WriteUInt16BigEndian(_buffer[ChecksumOffset..], value);
    }

    /// <summary>The four type-specific bytes after the checksum, as one big-endian word.</summary>
    public uint RestOfHeader
    {
        get => BinaryPrimitives.ReadUInt32BigEndian(_buffer[RestOfHeaderOffset..]);
        set => BinaryPrimitives.WriteUInt32BigEndian(_buffer[RestOfHeaderOffset..], value);
    }

    public ushort Identifier
    {
        get => BinaryPrimitives.ReadUInt16BigEndian(_buffer[IdentifierOffset..]);
        set => BinaryPrimitives.WriteUInt16BigEndian(_buffer[IdentifierOffset..], value);
    }

    public ushort SequenceNumber
    {
        get => BinaryPrimitives.ReadUInt16BigEndian(_buffer[SequenceNumberOffset..]);
        set => BinaryPrimitives.WriteUInt16BigEndian(_buffer[SequenceNumberOffset..], value);
    }

    /// <summary>The MTU of the next hop in a "fragmentation needed" message (RFC 1191 section 4).</summary>
    public ushort NextHopMtu
    {
        get => BinaryPrimitives.ReadUInt16BigEndian(_buffer[NextHopMtuOffset..]);
        set => BinaryPrimitives.WriteUInt16BigEndian(_buffer[NextHopMtuOffset..], value);
    }

    /// <summary>The better first hop a Redirect names.</summary>
    public Ipv4Address Gateway
    {
        get => Ipv4Address.Read(_buffer[GatewayOffset..]);
        set => value.Write(_buffer[GatewayOffset..]);
    }

    /// <summary>The octet of the quoted header a Parameter Problem points at.</summary>
    public byte Pointer
    {
        get => _buffer[PointerOffset];
        set => _buffer[PointerOffset] = value;
    }

    /// <summary>Echo data, or the quoted datagram of an error.</summary>
    public Span<byte> Payload => _buffer[HeaderLength..];

    public ushort ComputeChecksum() =>
        (ushort)~InternetChecksum.Add(InternetChecksum.Sum(_buffer), (ushort)~Checksum);

    public void FillChecksum() => Checksum = ComputeChecksum();

    public bool IsChecksumValid => InternetChecksum.IsValid(_buffer);

    /// <summary>
    /// Reads the IPv4 header an error message quotes; see <see cref="IcmpRepr.TryParseQuoted"/>.
    /// <paramref name="quotedPayload"/> is the part of its payload that was quoted (a transport
    /// header's first 8 bytes at least), in place, so NAT can rewrite it.
    /// </summary>
    public DropReason TryParseQuoted(ChecksumMode mode, out Ipv4Repr header, out Span<byte> quotedPayload)
    {
        quotedPayload = default;
        var reason = IcmpRepr.TryParseQuoted(_buffer, mode, out header, out var readOnly);
        if (reason != DropReason.None) return reason;
        int start = HeaderLength + header.HeaderLength;
        quotedPayload = _buffer.Slice(start, readOnly.Length);
        return DropReason.None;
    }
}
