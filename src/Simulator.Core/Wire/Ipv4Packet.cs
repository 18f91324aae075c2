using System.Buffers.Binary;
using Simulator.Core.Addressing;
using Simulator.Core.Tracing;

namespace Simulator.Core.Wire;

/// <summary>
/// A view of an IPv4 datagram (RFC 791 section 3.1). Getters read and setters write the bytes in
/// place; setters do not touch the checksum, except the ones made for the forwarding and NAT paths
/// (<see cref="DecrementTtl"/>, <see cref="RewriteSource"/>, <see cref="RewriteDestination"/>), which
/// update it incrementally (RFC 1624) so that a forwarded packet is neither copied nor re-serialised.
/// </summary>
public readonly ref struct Ipv4Packet
{
    public const int VersionAndHeaderLengthOffset = 0;
    public const int TosOffset = 1;
    public const int TotalLengthOffset = 2;
    public const int IdentificationOffset = 4;
    public const int FlagsAndFragmentOffsetOffset = 6;
    public const int TtlOffset = 8;
    public const int ProtocolOffset = 9;
    public const int ChecksumOffset = 10;
    public const int SourceOffset = 12;
    public const int DestinationOffset = 16;
    public const int MinHeaderLength = 20;
    /// <summary>IHL is four bits of 32-bit words: at most 15 words.</summary>
    public const int MaxHeaderLength = 60;
    public const int MaxTotalLength = ushort.MaxValue;
    /// <summary>The fragment offset counts 8-octet units.</summary>
    public const int FragmentUnit = 8;

    private const ushort DontFragmentBit = 0x4000;
    private const ushort MoreFragmentsBit = 0x2000;
    private const ushort FragmentOffsetMask = 0x1FFF;

    private readonly Span<byte> _buffer;

    public Ipv4Packet(Span<byte> buffer) => _buffer = buffer;

    /// <summary>
    /// A view of <paramref name="buffer"/> if its header is sound and whole and its total length
    /// fits; see <see cref="Ipv4Repr.TryParse"/> for the reasons. The checksum is not checked here.
    /// </summary>
    public static DropReason TryCreate(Span<byte> buffer, out Ipv4Packet packet)
    {
        packet = new Ipv4Packet(buffer);
        var reason = packet.CheckHeader();
        return reason != DropReason.None ? reason : packet.CheckTotalLength();
    }

    /// <summary>The header checks of the kernel's ip_rcv_core, in its order.</summary>
    internal DropReason CheckHeader()
    {
        if (_buffer.Length < MinHeaderLength) return DropReason.HdrTrunc;
        if (Version != 4 || HeaderLength < MinHeaderLength) return DropReason.IpInHdr;
        if (_buffer.Length < HeaderLength) return DropReason.HdrTrunc;
        return DropReason.None;
    }

    /// <summary>
    /// ip_rcv_core: a datagram longer than the bytes that arrived is "too small" (a truncated
    /// packet); one shorter than its own header is a header error. Bytes beyond the total length
    /// (Ethernet padding) are not part of the datagram.
    /// </summary>
    internal DropReason CheckTotalLength()
    {
        if (TotalLength > _buffer.Length) return DropReason.PktTooSmall;
        if (TotalLength < HeaderLength) return DropReason.IpInHdr;
        return DropReason.None;
    }

    public Span<byte> Buffer => _buffer;

    public byte Version
    {
        get => (byte)(_buffer[VersionAndHeaderLengthOffset] >> 4);
        set => _buffer[VersionAndHeaderLengthOffset] = (byte)(value << 4 | (_buffer[VersionAndHeaderLengthOffset] & 0x0F));
    }

    /// <summary>The header length in bytes (IHL × 4), options included.</summary>
    public int HeaderLength
    {
        get => (_buffer[VersionAndHeaderLengthOffset] & 0x0F) * 4;
        set => _buffer[VersionAndHeaderLengthOffset] = (byte)((_buffer[VersionAndHeaderLengthOffset] & 0xF0) | (value / 4 & 0x0F));
    }

    /// <summary>The type-of-service octet (DSCP and ECN, RFC 2474/3168), iph->tos.</summary>
    public byte Tos
    {
        get => _buffer[TosOffset];
        set => _buffer[TosOffset] = value;
    }

    /// <summary>The length of the datagram, header included.</summary>
    public int TotalLength
    {
        get => BinaryPrimitives.ReadUInt16BigEndian(_buffer[TotalLengthOffset..]);
        set => BinaryPrimitives.WriteUInt16BigEndian(_buffer[TotalLengthOffset..], (ushort)value);
    }

    public ushort Identification
    {
        get => BinaryPrimitives.ReadUInt16BigEndian(_buffer[IdentificationOffset..]);
        set => BinaryPrimitives.WriteUInt16BigEndian(_buffer[IdentificationOffset..], value);
    }

    private ushort FlagsAndFragmentOffset
    {
        get => BinaryPrimitives.ReadUInt16BigEndian(_buffer[FlagsAndFragmentOffsetOffset..]);
        set => BinaryPrimitives.WriteUInt16BigEndian(_buffer[FlagsAndFragmentOffsetOffset..], value);
    }

    public bool DontFragment
    {
        get => (FlagsAndFragmentOffset & DontFragmentBit) != 0;
        set => FlagsAndFragmentOffset = (ushort)(value ? FlagsAndFragmentOffset | DontFragmentBit : FlagsAndFragmentOffset & ~DontFragmentBit);
    }

    public bool MoreFragments
    {
        get => (FlagsAndFragmentOffset & MoreFragmentsBit) != 0;
        set => FlagsAndFragmentOffset = (ushort)(value ? FlagsAndFragmentOffset | MoreFragmentsBit : FlagsAndFragmentOffset & ~MoreFragmentsBit);
    }

    /// <summary>The fragment offset in bytes (the field × 8).</summary>
    public int FragmentOffset
    {
        get => (FlagsAndFragmentOffset & FragmentOffsetMask) * FragmentUnit;
        set => FlagsAndFragmentOffset = (ushort)((FlagsAndFragmentOffset & ~FragmentOffsetMask) | (value / FragmentUnit & FragmentOffsetMask));
    }

    /// <summary>
    /// True for any fragment of a larger datagram, the first included (MF set or offset nonzero),
    /// as the kernel's ip_is_fragment.
    /// </summary>
    public bool IsFragment => (FlagsAndFragmentOffset & (MoreFragmentsBit | FragmentOffsetMask)) != 0;

    public byte Ttl
    {
        get => _buffer[TtlOffset];
        set => _buffer[TtlOffset] = value;
    }

    public IpProtocol Protocol
    {
        get => (IpProtocol)_buffer[ProtocolOffset];
        set => _buffer[ProtocolOffset] = (byte)value;
    }

    public ushort Checksum
    {
        get => BinaryPrimitives.ReadUInt16BigEndian(_buffer[ChecksumOffset..]);
        set => BinaryPrimitives.WriteUInt16BigEndian(_buffer[ChecksumOffset..], value);
    }

    public Ipv4Address Source
    {
        get => Ipv4Address.Read(_buffer[SourceOffset..]);
        set => value.Write(_buffer[SourceOffset..]);
    }

    public Ipv4Address Destination
    {
        get => Ipv4Address.Read(_buffer[DestinationOffset..]);
        set => value.Write(_buffer[DestinationOffset..]);
    }

    /// <summary>The options, as bytes; NetSim acts on none of them but honours their length.</summary>
    public Span<byte> Options => _buffer[MinHeaderLength..HeaderLength];

    /// <summary>The header, options included.</summary>
    public Span<byte> Header => _buffer[..HeaderLength];

    /// <summary>The bytes between the header and the total length (not the padding after it).</summary>
    public Span<byte> Payload => _buffer[HeaderLength..TotalLength];

    /// <summary>The checksum the header should carry: computed over it with the checksum field as zero.</summary>
    public ushort ComputeChecksum()
    {
        // Summing the header with its checksum field included and subtracting the field (in one's
        // complement: adding its complement) avoids writing to the buffer.
        ushort sum = InternetChecksum.Add(InternetChecksum.Sum(Header), (ushort)~Checksum);
        return (ushort)~sum;
    }

    public void FillChecksum() => Checksum = ComputeChecksum();

    public bool IsChecksumValid => InternetChecksum.IsValid(Header);

    /// <summary>
    /// Decrements the TTL and updates the checksum incrementally (RFC 1624 equation 3), as a router
    /// does in ip_forward/ip_decrease_ttl. The caller checks for a TTL of 1 or less first (RFC 1812
    /// section 5.3.1 wants Time Exceeded then, not a datagram with TTL 0).
    /// </summary>
    public void DecrementTtl()
    {
        // TTL is the high octet of the 16-bit word it shares with the protocol.
        ushort oldWord = BinaryPrimitives.ReadUInt16BigEndian(_buffer[TtlOffset..]);
        Ttl--;
        ushort newWord = BinaryPrimitives.ReadUInt16BigEndian(_buffer[TtlOffset..]);
        Checksum = InternetChecksum.Update(Checksum, oldWord, newWord);
    }

    /// <summary>Sets the source address and updates the header checksum incrementally (SNAT).</summary>
    public void RewriteSource(Ipv4Address address)
    {
        Checksum = InternetChecksum.Update(Checksum, Source, address);
        Source = address;
    }

    /// <summary>Sets the destination address and updates the header checksum incrementally (DNAT).</summary>
    public void RewriteDestination(Ipv4Address address)
    {
        Checksum = InternetChecksum.Update(Checksum, Destination, address);
        Destination = address;
    }
}
