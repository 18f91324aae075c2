namespace Simulator.Cli.Commands.Ip;

/// <summary>The global options of ip (before the object) that NetSim models.</summary>
public sealed record IpOptions
{
    /// <summary>-s, counted: -s -s asks for the error counters too.</summary>
    public int Stats { get; init; }
    /// <summary>-d: kind, promiscuity and queue details.</summary>
    public bool Details { get; init; }
    /// <summary>-o: one record per line, inner line breaks printed as a backslash.</summary>
    public bool OneLine { get; init; }
    /// <summary>-br: the brief table.</summary>
    public bool Brief { get; init; }
    /// <summary>-4 or -f inet: IPv4 only (the only family NetSim has).</summary>
    public bool Inet { get; init; }
    /// <summary>-n NS: run as if by <c>ip netns exec NS</c>.</summary>
    public string? Netns { get; init; }

    /// <summary>What iproute2 prints between the lines of one record (_SL_).</summary>
    public string LineBreak => OneLine ? "\\" : "\n";
}
