using System.Buffers.Binary;

namespace Simulator.Devices.Ipv4.Sockets.Tcp;

/// <summary>
/// The TCP options Linux sends and reads: MSS (RFC 9293 3.2), window scale and timestamps
/// (RFC 7323), SACK permitted (RFC 2018). <see cref="Parse"/> reads them as tcp_parse_options
/// does; <see cref="Write"/> lays them out as tcp_options_write does, so that a capture shows
/// Linux's order: <c>mss, sackOK, TS, nop, wscale</c> in a SYN and <c>nop, nop, TS</c> after.
/// </summary>
internal readonly record struct TcpOptions
{
    public const byte KindEnd = 0, KindNop = 1, KindMss = 2, KindWindowScale = 3, KindSackPermitted = 4, KindSack = 5,
        KindTimestamp = 8;
    private const int LengthMss = 4, LengthWindowScale = 3, LengthSackPermitted = 2, LengthTimestamp = 10;
    /// <summary>TCP_MAX_WSCALE: a larger shift in a SYN is read as 14 (RFC 7323 2.3).</summary>
    public const int MaxWindowScale = 14;
    /// <summary>TCPOLEN_TSTAMP_ALIGNED: what timestamps cost in every segment.</summary>
    public const int TimestampSpace = 12;

    /// <summary>The MSS option, or 0 when absent.</summary>
    public ushort Mss { get; init; }
    public bool SackPermitted { get; init; }
    /// <summary>The window scale shift, or -1 when absent.</summary>
    public int WindowScale { get; init; } = -1;
    public bool HasTimestamp { get; init; }
    public uint TsVal { get; init; }
    public uint TsEcr { get; init; }

    public TcpOptions() { }

    /// <summary>
    /// tcp_parse_options: MSS, window scale and SACK-permitted only count in a SYN; a length byte
    /// that is missing, below 2 or past the end stops the parse (the rest is ignored, not an error).
    /// </summary>
    public static TcpOptions Parse(ReadOnlySpan<byte> bytes, bool syn)
    {
        var options = new TcpOptions();
        int i = 0;
        while (i < bytes.Length)
        {
            byte kind = bytes[i];
            if (kind == KindEnd) break;
            if (kind == KindNop)
            {
                i++;
                continue;
            }
            if (i + 1 >= bytes.Length) break;
            int length = bytes[i + 1];
            if (length < 2 || i + length > bytes.Length) break;
            var value = bytes.Slice(i + 2, length - 2);
            switch (kind)
            {
                case KindMss when length == LengthMss && syn:
                    ushort mss = BinaryPrimitives.ReadUInt16BigEndian(value);
                    if (mss != 0) options = options with { Mss = mss };
                    break;
                case KindWindowScale when length == LengthWindowScale && syn:
                    options = options with { WindowScale = Math.Min((int)value[0], MaxWindowScale) };
                    break;
                case KindSackPermitted when length == LengthSackPermitted && syn:
                    options = options with { SackPermitted = true };
                    break;
                case KindTimestamp when length == LengthTimestamp:
                    options = options with
                    {
                        HasTimestamp = true,
                        TsVal = BinaryPrimitives.ReadUInt32BigEndian(value),
                        TsEcr = BinaryPrimitives.ReadUInt32BigEndian(value[4..]),
                    };
                    break;
            }
            i += length;
        }
        return options;
    }

    /// <summary>The bytes <see cref="Write"/> needs: a multiple of 4.</summary>
    public int Length
    {
        get
        {
            int length = 0;
            if (Mss != 0) length += 4;
            if (HasTimestamp) length += TimestampSpace;
            else if (SackPermitted) length += 4;
            if (WindowScale >= 0) length += 4;
            return length;
        }
    }

    /// <summary>
    /// tcp_options_write: MSS; timestamps, led by SACK-permitted when both go (else by two NOPs);
    /// SACK-permitted alone after two NOPs; window scale after one NOP.
    /// </summary>
    public void Write(Span<byte> destination)
    {
        int i = 0;
        if (Mss != 0)
        {
            destination[i++] = KindMss;
            destination[i++] = LengthMss;
            BinaryPrimitives.WriteUInt16BigEndian(destination[i..], Mss);
            i += 2;
        }
        if (HasTimestamp)
        {
            if (SackPermitted)
            {
                destination[i++] = KindSackPermitted;
                destination[i++] = LengthSackPermitted;
            }
            else
            {
                destination[i++] = KindNop;
                destination[i++] = KindNop;
            }
            destination[i++] = KindTimestamp;
            destination[i++] = LengthTimestamp;
            BinaryPrimitives.WriteUInt32BigEndian(destination[i..], TsVal);
            BinaryPrimitives.WriteUInt32BigEndian(destination[(i + 4)..], TsEcr);
            i += 8;
        }
        else if (SackPermitted)
        {
            destination[i++] = KindNop;
            destination[i++] = KindNop;
            destination[i++] = KindSackPermitted;
            destination[i++] = LengthSackPermitted;
        }
        if (WindowScale >= 0)
        {
            destination[i++] = KindNop;
            destination[i++] = KindWindowScale;
            destination[i++] = LengthWindowScale;
            destination[i++] = (byte)WindowScale;
        }
    }
}
