namespace Simulator.Netfilter.Targets;

/// <summary>What the LOG target adds to each line (<c>XT_LOG_*</c>).</summary>
[Flags]
public enum LogFlags
{
    None = 0,
    TcpSequence = 0x01,
    TcpOptions = 0x02,
    IpOptions = 0x04,
    Uid = 0x08,
    MacDecode = 0x20,
}

/// <summary>
/// <c>-j LOG [--log-level L] [--log-prefix P]</c>: write a kernel log line about the packet and go
/// on with the next rule (net/netfilter/xt_LOG.c). The traversal reports the matched rule to its
/// observer; the stack writes the line, since only it has the packet's bytes.
/// </summary>
public sealed record LogTarget(byte Level, string Prefix, LogFlags Flags) : ITarget
{
    /// <summary>LOG_WARNING, the level when none is given.</summary>
    public const byte DefaultLevel = 4;

    /// <summary>The prefix field holds 30 bytes with its NUL; iptables cuts longer prefixes.</summary>
    public const int MaxPrefixLength = 29;

    public static LogTarget Default { get; } = new(DefaultLevel, "", LogFlags.None);

    public string Name => "LOG";

    public Verdict Evaluate(ref PacketContext packet) => Verdict.Continue;
}
