using Simulator.Core.Addressing;

namespace Simulator.Cli.Commands.Ping;

/// <summary>What the command line asked of ping (the option fields of iputils' struct ping_rts).</summary>
internal sealed class PingOptions
{
    /// <summary>DEFDATALEN: 64 bytes of ICMP minus the 8-byte header.</summary>
    public const int DefaultDataLength = 56;
    /// <summary>MAXWAIT: seconds to linger for replies after the last probe, unless -W says otherwise.</summary>
    public const int DefaultLingerMs = 10 * 1000;

    /// <summary>-c: stop after this many replies (or errors); 0 = until interrupted.</summary>
    public long Count { get; set; }
    /// <summary>-i, in milliseconds.</summary>
    public int IntervalMs { get; set; } = 1000;
    /// <summary>-w, in seconds; 0 = none.</summary>
    public int Deadline { get; set; }
    /// <summary>-W, in milliseconds.</summary>
    public int LingerMs { get; set; } = DefaultLingerMs;
    /// <summary>-s.</summary>
    public int DataLength { get; set; } = DefaultDataLength;
    /// <summary>-l: probes sent at once before waiting.</summary>
    public int Preload { get; set; } = 1;
    /// <summary>-t.</summary>
    public int? Ttl { get; set; }
    /// <summary>-Q.</summary>
    public byte Tos { get; set; }
    /// <summary>-e: the ICMP identifier instead of a random one.</summary>
    public int? Identifier { get; set; }
    /// <summary>-I with an interface name.</summary>
    public string? Device { get; set; }
    /// <summary>-I with an address.</summary>
    public Ipv4Address Source { get; set; } = Ipv4Address.Any;
    /// <summary>-I ADDR or -B: bind the socket to the source address.</summary>
    public bool StrictSource { get; set; }
    /// <summary>-p: the data bytes after the timestamp, repeated.</summary>
    public byte[]? Pattern { get; set; }
    /// <summary>-4 or -6 (0 = either).</summary>
    public int Family { get; set; }

    public bool Quiet { get; set; }
    public bool Broadcast { get; set; }
    public bool Numeric { get; set; }
    /// <summary>-D: print the time of day before each line.</summary>
    public bool Timestamps { get; set; }
    /// <summary>-a: ring the bell for each reply.</summary>
    public bool Audible { get; set; }
    /// <summary>-O: say when a probe got no answer before the next one goes.</summary>
    public bool Outstanding { get; set; }
    /// <summary>-U: time replies when ping reads them, not when the kernel received them.</summary>
    public bool Latency { get; set; }
}
