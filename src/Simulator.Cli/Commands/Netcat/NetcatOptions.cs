namespace Simulator.Cli.Commands.Netcat;

/// <summary>What netcat's command line asked for (the flags of netcat.c's main).</summary>
internal sealed class NetcatOptions
{
    /// <summary>-l: listen for an inbound connection instead of connecting.</summary>
    public bool Listen { get; set; }
    /// <summary>-k: keep listening after a connection ends.</summary>
    public bool KeepListening { get; set; }
    /// <summary>-u: UDP instead of TCP.</summary>
    public bool Udp { get; set; }
    /// <summary>-z: connect and close, sending nothing (port check).</summary>
    public bool ZeroIo { get; set; }
    /// <summary>-v: say what happens on stderr.</summary>
    public bool Verbose { get; set; }
    /// <summary>-n: no name or service lookups.</summary>
    public bool Numeric { get; set; }
    /// <summary>-N: shutdown(SHUT_WR) once stdin ends.</summary>
    public bool ShutdownOnEof { get; set; }
    /// <summary>-d: do not read stdin.</summary>
    public bool DetachStdin { get; set; }
    /// <summary>-C: send CRLF for each line end.</summary>
    public bool Crlf { get; set; }
    /// <summary>-b: allow broadcast (UDP).</summary>
    public bool Broadcast { get; set; }
    /// <summary>-r: scan ports in random order.</summary>
    public bool RandomPorts { get; set; }
    /// <summary>-6: IPv6 only.</summary>
    public bool Ipv6Only { get; set; }
    /// <summary>-w: seconds for a connect, and for the connection to stay idle; null without -w.</summary>
    public int? Timeout { get; set; }
    /// <summary>-q: seconds to wait after stdin ends before quitting; negative (the default) waits forever.</summary>
    public int QuitAfterEof { get; set; } = -1;
    /// <summary>-s: the local address to bind.</summary>
    public string? SourceAddress { get; set; }
    /// <summary>-p: the local port (the port to listen on, with -l).</summary>
    public string? SourcePort { get; set; }
    /// <summary>The destination (or, with -l, the address to listen on).</summary>
    public string? Host { get; set; }
    /// <summary>The port operands: ports, service names or ranges lo-hi (one, the port to listen on, with -l).</summary>
    public List<string> Ports { get; } = [];
}
