using Simulator.Cli.Commands.Tcpdump.Printing;

namespace Simulator.Cli.Commands.Tcpdump;

/// <summary>-Q: which packets of the interface to capture.</summary>
public enum CaptureDirection
{
    InOut,
    In,
    Out,
}

/// <summary>A tcpdump command line, parsed.</summary>
public sealed record TcpdumpOptions
{
    /// <summary>-i: the interface, "any", or null for tcpdump's choice.</summary>
    public string? Interface { get; init; }

    /// <summary>-c: stop after this many packets.</summary>
    public long? Count { get; init; }

    /// <summary>-r: read packets from this savefile instead of capturing.</summary>
    public string? ReadFile { get; init; }

    /// <summary>-w: write packets to this savefile instead of printing them.</summary>
    public string? WriteFile { get; init; }

    /// <summary>--print: print packets even while writing them with -w.</summary>
    public bool PrintWhileWriting { get; init; }

    /// <summary>-F: read the filter expression from this file.</summary>
    public string? FilterFile { get; init; }

    /// <summary>The filter expression: the words after the options, joined by blanks.</summary>
    public string Expression { get; init; } = "";

    /// <summary>-p: do not put the interface into promiscuous mode.</summary>
    public bool NoPromiscuousMode { get; init; }

    /// <summary>-s: the snapshot length (0 means the default, 262144).</summary>
    public int SnapshotLength { get; init; } = DefaultSnapshotLength;

    public const int DefaultSnapshotLength = 262144;

    /// <summary>-Q.</summary>
    public CaptureDirection Direction { get; init; }

    /// <summary>-y: the data link type asked for, by name.</summary>
    public string? DataLinkType { get; init; }

    /// <summary>-#/--number: a packet number before each line.</summary>
    public bool PacketNumbers { get; init; }

    public PrintOptions Print { get; init; } = new();
}
