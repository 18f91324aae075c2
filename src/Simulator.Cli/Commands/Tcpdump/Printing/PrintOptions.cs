namespace Simulator.Cli.Commands.Tcpdump.Printing;

/// <summary>How tcpdump stamps each line (-t, -tt, -ttt, -tttt, -ttttt).</summary>
public enum TimestampStyle
{
    /// <summary>The default: time of day, <c>21:38:26.897236</c>.</summary>
    TimeOfDay,
    /// <summary>-t: no timestamp.</summary>
    None,
    /// <summary>-tt: seconds since 1970, <c>1699920001.000123</c>.</summary>
    Unix,
    /// <summary>-ttt: the time since the previous packet, <c> 00:00:01.000000</c>.</summary>
    SincePrevious,
    /// <summary>-tttt: date and time of day, <c>2023-11-14 00:00:01.000123</c>.</summary>
    DateAndTime,
    /// <summary>-ttttt: the time since the first packet.</summary>
    SinceFirst,
}

/// <summary>The raw dump tcpdump appends to each line (-x, -xx, -X, -XX, -A, -AA).</summary>
public enum RawDump
{
    None,
    /// <summary>-x: the packet after the link-layer header, in hex.</summary>
    Hex,
    /// <summary>-xx: the whole frame in hex.</summary>
    HexWithLinkHeader,
    /// <summary>-X: hex and ASCII after the link-layer header.</summary>
    HexAndAscii,
    /// <summary>-XX: hex and ASCII of the whole frame.</summary>
    HexAndAsciiWithLinkHeader,
    /// <summary>-A: ASCII after the link-layer header.</summary>
    Ascii,
    /// <summary>-AA: ASCII of the whole frame.</summary>
    AsciiWithLinkHeader,
}

/// <summary>
/// The printing flags of tcpdump's netdissect_options that the model honours: -e (link-level
/// header), -n (no name lookups), -v/-vv, -q (quick output), -S (absolute TCP sequence numbers),
/// -K (no checksum verification), the timestamp style and the raw dump.
/// </summary>
public sealed record PrintOptions
{
    /// <summary>-e: print the link-level header on each line.</summary>
    public bool LinkHeader { get; init; }

    /// <summary>-n: print addresses and ports as numbers.</summary>
    public bool Numeric { get; init; }

    /// <summary>-v counts: 0, 1 or 2.</summary>
    public int Verbosity { get; init; }

    /// <summary>-q: less protocol information.</summary>
    public bool Quiet { get; init; }

    /// <summary>-S: absolute, not relative, TCP sequence numbers.</summary>
    public bool AbsoluteSequenceNumbers { get; init; }

    /// <summary>-K: do not verify IP, TCP, UDP and ICMP checksums.</summary>
    public bool NoChecksumVerification { get; init; }

    public TimestampStyle Timestamps { get; init; }

    public RawDump Dump { get; init; }
}
