using Simulator.Core.Addressing;
using Simulator.Core.Tracing;

namespace Simulator.Core.Wire;

/// <summary>
/// The fields of an ICMP message: type, code, the four type-specific bytes
/// (<see cref="RestOfHeader"/>, read through the named properties) and the length of what follows
/// (echo data, or the quoted datagram of an error). Build one with the factory for its kind.
/// </summary>
public readonly record struct IcmpRepr(IcmpType Type, byte Code, uint RestOfHeader, int PayloadLength)
{
    public int HeaderLength => IcmpPacket.HeaderLength;
    public int BufferLength => IcmpPacket.HeaderLength + PayloadLength;

    public ushort Identifier => (ushort)(RestOfHeader >> 16);
    public ushort SequenceNumber => (ushort)RestOfHeader;
    public ushort NextHopMtu => (ushort)RestOfHeader;
    public Ipv4Address Gateway => new(RestOfHeader);
    public byte Pointer => (byte)(RestOfHeader >> 24);

    /// <summary>
    /// The error messages, which quote the offending datagram and which no host answers with another
    /// error (RFC 1122 section 3.2.2).
    /// </summary>
    public bool IsError => IsErrorType(Type);

    public static bool IsErrorType(IcmpType type) => type is IcmpType.DestinationUnreachable or IcmpType.SourceQuench
        or IcmpType.Redirect or IcmpType.TimeExceeded or IcmpType.ParameterProblem;

    public static IcmpRepr EchoRequest(ushort identifier, ushort sequenceNumber, int dataLength) =>
        new(IcmpType.EchoRequest, 0, (uint)identifier << 16 | sequenceNumber, dataLength);

    public static IcmpRepr EchoReply(ushort identifier, ushort sequenceNumber, int dataLength) =>
        new(IcmpType.EchoReply, 0, (uint)identifier << 16 | sequenceNumber, dataLength);

    /// <summary>
    /// Destination Unreachable quoting <paramref name="quotedLength"/> bytes of the datagram; for
    /// <see cref="IcmpUnreachableCode.FragmentationNeeded"/> the next hop's MTU goes in the low
    /// half of the rest-of-header word (RFC 1191 section 4), which is unused (zero) otherwise.
    /// </summary>
    public static IcmpRepr DestinationUnreachable(IcmpUnreachableCode code, int quotedLength, ushort nextHopMtu = 0) =>
        new(IcmpType.DestinationUnreachable, (byte)code, nextHopMtu, quotedLength);

    public static IcmpRepr TimeExceeded(IcmpTimeExceededCode code, int quotedLength) =>
        new(IcmpType.TimeExceeded, (byte)code, 0, quotedLength);

    public static IcmpRepr Redirect(IcmpRedirectCode code, Ipv4Address gateway, int quotedLength) =>
        new(IcmpType.Redirect, (byte)code, gateway.Value, quotedLength);

    public static IcmpRepr ParameterProblem(byte pointer, int quotedLength,
        IcmpParameterProblemCode code = IcmpParameterProblemCode.PointerIndicatesError) =>
        new(IcmpType.ParameterProblem, (byte)code, (uint)pointer << 24, quotedLength);

    /// <summary>
    /// Reads an ICMP message, which must be the whole IPv4 payload: <see cref="DropReason.HdrTrunc"/>
    /// below 8 bytes, <see cref="DropReason.IcmpCsum"/> for a bad checksum. Types and codes are not
    /// judged here (the kernel's icmp_rcv does that per type); the payload is <c>bytes[8..]</c>.
    /// </summary>
    public static DropReason TryParse(ReadOnlySpan<byte> bytes, ChecksumMode mode, out IcmpRepr repr)
    {
        repr = default;
        var packet = new IcmpPacket(ReadOnlyView.Of(bytes));
        if (bytes.Length < IcmpPacket.HeaderLength) return DropReason.HdrTrunc;
        if (mode == ChecksumMode.Verify && !packet.IsChecksumValid) return DropReason.IcmpCsum;
        repr = new IcmpRepr(packet.Type, packet.Code, packet.RestOfHeader, bytes.Length - IcmpPacket.HeaderLength);
        return DropReason.None;
    }

    /// <summary>
    /// Reads the IPv4 header quoted by the error message <paramref name="message"/> (whose own
    /// checksum <see cref="TryParse"/> has checked), with <see cref="Ipv4Repr.TryParseQuoted"/>, and
    /// gives the quoted part of that datagram's payload. As the kernel's icmp_socket_deliver, at least
    /// 8 bytes of it must be there, or all of it if the datagram carried fewer
    /// (<see cref="DropReason.HdrTrunc"/> otherwise): enough for the ports of UDP and TCP and the
    /// identifier of an ICMP echo. The error's type is not checked; call this for errors only.
    /// </summary>
    public static DropReason TryParseQuoted(ReadOnlySpan<byte> message, ChecksumMode mode, out Ipv4Repr header,
        out ReadOnlySpan<byte> quotedPayload)
    {
        quotedPayload = default;
        header = default;
        if (message.Length < IcmpPacket.HeaderLength) return DropReason.HdrTrunc;
        var quoted = message[IcmpPacket.HeaderLength..];
        var reason = Ipv4Repr.TryParseQuoted(quoted, mode, out var parsed);
        if (reason != DropReason.None) return reason;
        int end = Math.Min(quoted.Length, parsed.BufferLength);
        if (end - parsed.HeaderLength < Math.Min(IcmpPacket.MinQuotedPayloadLength, parsed.PayloadLength))
            return DropReason.HdrTrunc;
        header = parsed;
        quotedPayload = quoted[parsed.HeaderLength..end];
        return DropReason.None;
    }

    /// <summary>
    /// Writes the message, <paramref name="payload"/> (echo data or the quoted datagram, exactly
    /// <see cref="PayloadLength"/> bytes; it may already sit in place at
    /// <c>destination[8..]</c>) included, and its checksum: computed, unless
    /// <paramref name="checksum"/> asks for a given value.
    /// </summary>
    public void Emit(Span<byte> destination, ReadOnlySpan<byte> payload, ushort? checksum = null)
    {
        if (payload.Length != PayloadLength)
            throw new ArgumentException($"the repr says {PayloadLength} payload bytes, not {payload.Length}", nameof(payload));
        if (destination.Length < BufferLength)
            throw new ArgumentException($"an ICMP message of {BufferLength} bytes does not fit", nameof(destination));
        payload.CopyTo(destination[IcmpPacket.HeaderLength..]);
        var packet = new IcmpPacket(destination[..BufferLength])
        {
            Type = Type,
            Code = Code,
            Checksum = 0,
            RestOfHeader = RestOfHeader,
        };
        packet.Checksum = checksum ?? packet.ComputeChecksum();
    }
}
