using Simulator.Core.Addressing;
using Simulator.Core.Tracing;

namespace Simulator.Core.Wire;

/// <summary>
/// The fields of an IPv4 header. <see cref="FragmentOffset"/> is in bytes. Options are not
/// modelled: parsing records their length (<see cref="OptionsLength"/>) so the payload is found,
/// and emitting writes that many zero bytes, which read as End of Option List (RFC 791).
/// </summary>
public readonly record struct Ipv4Repr(
    Ipv4Address Source,
    Ipv4Address Destination,
    IpProtocol Protocol,
    int PayloadLength,
    byte Ttl = 64)
{
    public byte Tos { get; init; }
    public ushort Identification { get; init; }
    public bool DontFragment { get; init; }
    public bool MoreFragments { get; init; }
    public int FragmentOffset { get; init; }
    public int OptionsLength { get; init; }

    public int HeaderLength => Ipv4Packet.MinHeaderLength + OptionsLength;
    public int BufferLength => HeaderLength + PayloadLength;
    /// <summary>MF set or a nonzero offset: a piece of a datagram, which NetSim does not reassemble.</summary>
    public bool IsFragment => MoreFragments || FragmentOffset != 0;

    /// <summary>
    /// Reads an IPv4 header with the checks of the kernel's ip_rcv_core, in its order:
    /// <list type="bullet">
    /// <item><see cref="DropReason.HdrTrunc"/>: fewer than 20 bytes, or fewer than IHL × 4;</item>
    /// <item><see cref="DropReason.IpInHdr"/>: version not 4, IHL below 5, total length below the header length;</item>
    /// <item><see cref="DropReason.IpCsum"/>: a bad header checksum (with <see cref="ChecksumMode.Verify"/>);</item>
    /// <item><see cref="DropReason.PktTooSmall"/>: a total length beyond the bytes that arrived;</item>
    /// <item><see cref="DropReason.IpFragment"/>: a fragment. This one still fills <paramref name="repr"/>,
    /// so a caller that can forward fragments may use it.</item>
    /// </list>
    /// The payload is <c>bytes[HeaderLength..BufferLength]</c>; bytes after it are padding.
    /// </summary>
    public static DropReason TryParse(ReadOnlySpan<byte> bytes, ChecksumMode mode, out Ipv4Repr repr)
    {
        var reason = TryParseQuoted(bytes, mode, out repr);
        if (reason != DropReason.None) return reason;
        reason = new Ipv4Packet(ReadOnlyView.Of(bytes)).CheckTotalLength();
        if (reason != DropReason.None)
        {
            repr = default;
            return reason;
        }
        return repr.IsFragment ? DropReason.IpFragment : DropReason.None;
    }

    /// <summary>
    /// Reads the IPv4 header that an ICMP error quotes (RFC 792, RFC 1812 section 4.3.2.3): the
    /// datagram after it is cut short, so its total length may exceed the bytes at hand, and a
    /// fragment is acceptable. <see cref="PayloadLength"/> is the original datagram's; the quoted
    /// part of its payload is <c>bytes[HeaderLength..Math.Min(bytes.Length, BufferLength)]</c>.
    /// </summary>
    public static DropReason TryParseQuoted(ReadOnlySpan<byte> bytes, ChecksumMode mode, out Ipv4Repr repr)
    {
        repr = default;
        var packet = new Ipv4Packet(ReadOnlyView.Of(bytes));
        var reason = packet.CheckHeader();
        if (reason != DropReason.None) return reason;
        if (mode == ChecksumMode.Verify && !packet.IsChecksumValid) return DropReason.IpCsum;
        if (packet.TotalLength < packet.HeaderLength) return DropReason.IpInHdr;
        repr = new Ipv4Repr(packet.Source, packet.Destination, packet.Protocol,
            packet.TotalLength - packet.HeaderLength, packet.Ttl)
        {
            Tos = packet.Tos,
            Identification = packet.Identification,
            DontFragment = packet.DontFragment,
            MoreFragments = packet.MoreFragments,
            FragmentOffset = packet.FragmentOffset,
            OptionsLength = packet.HeaderLength - Ipv4Packet.MinHeaderLength,
        };
        return DropReason.None;
    }

    /// <summary>
    /// Writes the header (not the payload) into <paramref name="destination"/>, which must hold at
    /// least <see cref="HeaderLength"/> bytes. The checksum is computed, unless
    /// <paramref name="checksum"/> asks for a given value (to build a bad packet on purpose).
    /// </summary>
    public void Emit(Span<byte> destination, ushort? checksum = null)
    {
        Validate();
        if (destination.Length < HeaderLength)
            throw new ArgumentException($"an IPv4 header needs {HeaderLength} bytes", nameof(destination));
        var packet = new Ipv4Packet(destination)
        {
            Version = 4,
            HeaderLength = HeaderLength,
            Tos = Tos,
            TotalLength = BufferLength,
            Identification = Identification,
            DontFragment = DontFragment,
            MoreFragments = MoreFragments,
            FragmentOffset = FragmentOffset,
            Ttl = Ttl,
            Protocol = Protocol,
            Checksum = 0,
            Source = Source,
            Destination = Destination,
        };
        // The reserved flag (RFC 791 bit 0, "must be zero") is not part of the repr.
        destination[Ipv4Packet.FlagsAndFragmentOffsetOffset] &= 0x7F;
        packet.Options.Clear();
        packet.Checksum = checksum ?? packet.ComputeChecksum();
    }

    private void Validate()
    {
        if (!Source.IsValid || !Destination.IsValid)
            throw new InvalidOperationException("an IPv4 header needs valid addresses");
        if (OptionsLength < 0 || OptionsLength % 4 != 0 || HeaderLength > Ipv4Packet.MaxHeaderLength)
            throw new InvalidOperationException($"options of {OptionsLength} bytes do not fit the IHL field");
        if (PayloadLength < 0 || BufferLength > Ipv4Packet.MaxTotalLength)
            throw new InvalidOperationException($"a total length of {BufferLength} does not fit the field");
        if (FragmentOffset < 0 || FragmentOffset % Ipv4Packet.FragmentUnit != 0 || FragmentOffset / Ipv4Packet.FragmentUnit > 0x1FFF)
            throw new InvalidOperationException($"fragment offset {FragmentOffset} is not a multiple of 8 below 65536");
    }
}
