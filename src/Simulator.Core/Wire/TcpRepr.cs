using Simulator.Core.Addressing;
using Simulator.Core.Tracing;

namespace Simulator.Core.Wire;

/// <summary>
/// The fields of a TCP header, and the lengths of its options and payload. Options travel as bytes
/// beside the repr (<see cref="TcpPacket.Options"/> when reading, a parameter of <see cref="Emit"/>).
/// </summary>
public readonly record struct TcpRepr(
    ushort SourcePort,
    ushort DestinationPort,
    uint SequenceNumber,
    uint AcknowledgmentNumber,
    TcpFlags Flags,
    ushort WindowSize,
    int PayloadLength)
{
    public ushort UrgentPointer { get; init; }
    /// <summary>A multiple of 4, at most 40.</summary>
    public int OptionsLength { get; init; }

    public int HeaderLength => TcpPacket.MinHeaderLength + OptionsLength;
    public int BufferLength => HeaderLength + PayloadLength;

    /// <summary>
    /// Reads a TCP segment, the whole IPv4 payload <paramref name="bytes"/>, sent from
    /// <paramref name="sourceAddress"/> to <paramref name="destinationAddress"/>:
    /// <see cref="DropReason.HdrTrunc"/> when the header is cut short,
    /// <see cref="DropReason.PktTooSmall"/> for a data offset below 5 (as tcp_v4_rcv),
    /// <see cref="DropReason.TcpCsum"/> for a bad checksum. Options are
    /// <c>bytes[20..HeaderLength]</c>, the payload <c>bytes[HeaderLength..]</c>.
    /// </summary>
    public static DropReason TryParse(ReadOnlySpan<byte> bytes, Ipv4Address sourceAddress, Ipv4Address destinationAddress,
        ChecksumMode mode, out TcpRepr repr)
    {
        repr = default;
        var packet = new TcpPacket(ReadOnlyView.Of(bytes));
        var reason = packet.Check();
        if (reason != DropReason.None) return reason;
        if (mode == ChecksumMode.Verify && !packet.IsChecksumValid(sourceAddress, destinationAddress))
            return DropReason.TcpCsum;
        repr = new TcpRepr(packet.SourcePort, packet.DestinationPort, packet.SequenceNumber,
            packet.AcknowledgmentNumber, packet.Flags, packet.WindowSize, bytes.Length - packet.HeaderLength)
        {
            UrgentPointer = packet.UrgentPointer,
            OptionsLength = packet.HeaderLength - TcpPacket.MinHeaderLength,
        };
        return DropReason.None;
    }

    /// <summary>
    /// Writes the segment: header, <paramref name="options"/> (exactly <see cref="OptionsLength"/>
    /// bytes, already padded to a multiple of 4), <paramref name="payload"/> (exactly
    /// <see cref="PayloadLength"/> bytes; either may already sit in place) and the checksum over the
    /// pseudo-header: computed, unless <paramref name="checksum"/> asks for a given value.
    /// </summary>
    public void Emit(Span<byte> destination, Ipv4Address sourceAddress, Ipv4Address destinationAddress,
        ReadOnlySpan<byte> payload, ReadOnlySpan<byte> options = default, ushort? checksum = null)
    {
        if (OptionsLength < 0 || OptionsLength % 4 != 0 || HeaderLength > TcpPacket.MaxHeaderLength)
            throw new InvalidOperationException($"options of {OptionsLength} bytes do not fit the data offset");
        if (options.Length != OptionsLength)
            throw new ArgumentException($"the repr says {OptionsLength} option bytes, not {options.Length}", nameof(options));
        if (payload.Length != PayloadLength)
            throw new ArgumentException($"the repr says {PayloadLength} payload bytes, not {payload.Length}", nameof(payload));
        if (destination.Length < BufferLength)
            throw new ArgumentException($"a TCP segment of {BufferLength} bytes does not fit", nameof(destination));
        // Payload before options: a payload in place must not be overwritten, and options precede it.
        payload.CopyTo(destination[HeaderLength..]);
        options.CopyTo(destination[TcpPacket.MinHeaderLength..]);
        var packet = new TcpPacket(destination[..BufferLength])
        {
            SourcePort = SourcePort,
            DestinationPort = DestinationPort,
            SequenceNumber = SequenceNumber,
            AcknowledgmentNumber = AcknowledgmentNumber,
            HeaderLength = HeaderLength,
            Flags = Flags,
            WindowSize = WindowSize,
            Checksum = 0,
            UrgentPointer = UrgentPointer,
        };
        // The three reserved bits between the data offset and the flags must be zero (RFC 9293).
        destination[TcpPacket.DataOffsetAndFlagsOffset] &= 0xF1;
        packet.Checksum = checksum ?? packet.ComputeChecksum(sourceAddress, destinationAddress);
    }
}
