using Simulator.Core.Addressing;
using Simulator.Core.Tracing;

namespace Simulator.Core.Wire;

/// <summary>The fields of a UDP header, and the length of the payload it carries.</summary>
public readonly record struct UdpRepr(ushort SourcePort, ushort DestinationPort, int PayloadLength)
{
    public int HeaderLength => UdpPacket.HeaderLength;
    public int BufferLength => UdpPacket.HeaderLength + PayloadLength;

    /// <summary>
    /// Reads a UDP datagram, the IPv4 payload <paramref name="bytes"/>, sent from
    /// <paramref name="sourceAddress"/> to <paramref name="destinationAddress"/> (for the
    /// pseudo-header): <see cref="DropReason.HdrTrunc"/> below 8 bytes,
    /// <see cref="DropReason.PktTooSmall"/> when the length field exceeds the bytes or is below 8,
    /// <see cref="DropReason.UdpCsum"/> for a bad nonzero checksum. Bytes after the length are ignored.
    /// The payload is <c>bytes[8..BufferLength]</c>.
    /// </summary>
    public static DropReason TryParse(ReadOnlySpan<byte> bytes, Ipv4Address sourceAddress, Ipv4Address destinationAddress,
        ChecksumMode mode, out UdpRepr repr)
    {
        repr = default;
        var packet = new UdpPacket(ReadOnlyView.Of(bytes));
        var reason = packet.Check();
        if (reason != DropReason.None) return reason;
        if (mode == ChecksumMode.Verify && !packet.IsChecksumValid(sourceAddress, destinationAddress))
            return DropReason.UdpCsum;
        repr = new UdpRepr(packet.SourcePort, packet.DestinationPort, packet.Length - UdpPacket.HeaderLength);
        return DropReason.None;
    }

    /// <summary>
    /// Writes the datagram, <paramref name="payload"/> included (exactly <see cref="PayloadLength"/>
    /// bytes; it may already sit in place at <c>destination[8..]</c>), and its checksum: computed
    /// over the pseudo-header, unless <paramref name="checksum"/> asks for a given value (0 for "none").
    /// </summary>
    public void Emit(Span<byte> destination, Ipv4Address sourceAddress, Ipv4Address destinationAddress,
        ReadOnlySpan<byte> payload, ushort? checksum = null)
    {
        if (payload.Length != PayloadLength)
            throw new ArgumentException($"the repr says {PayloadLength} payload bytes, not {payload.Length}", nameof(payload));
        if (BufferLength > ushort.MaxValue)
            throw new InvalidOperationException($"a UDP length of {BufferLength} does not fit the field");
        if (destination.Length < BufferLength)
            throw new ArgumentException($"a UDP datagram of {BufferLength} bytes does not fit", nameof(destination));
        payload.CopyTo(destination[UdpPacket.HeaderLength..]);
        var packet = new UdpPacket(destination)
        {
            SourcePort = SourcePort,
            DestinationPort = DestinationPort,
            Length = BufferLength,
            Checksum = 0,
        };
        packet.Checksum = checksum ?? packet.ComputeChecksum(sourceAddress, destinationAddress);
    }
}
