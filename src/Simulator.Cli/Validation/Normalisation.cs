using System.Globalization;
using System.Text.RegularExpressions;

namespace Simulator.Cli.Validation;

/// <summary>Which side's text a rule reads.</summary>
public enum Side
{
    Model,
    Kernel,
}

/// <summary>What a rule may look at besides the text: the side, the command, the run's namespace names.</summary>
public sealed record NormalisationContext(Side Side, IReadOnlyList<string> Command, RealNamespaces Names);

/// <summary>One named rewrite of output that legitimately differs between the model and the kernel.</summary>
public sealed record NormalisationRule(string Name, string Why, Func<string, NormalisationContext, string> Apply);

/// <summary>
/// The rules that make the model's output and the kernel's comparable, in the order they run.
/// Each says why the difference it hides is not a disagreement; the report names the rules that
/// changed a command's output.
/// </summary>
public static partial class Normalisation
{
    public static IReadOnlyList<NormalisationRule> Rules { get; } =
    [
        new("netsim-notes", "NetSim's own notes (netsim: FILE:LINE …) are not the tool's output",
            (text, c) => c.Side == Side.Model ? NetsimNote().Replace(text, "") : text),
        new("other-namespaces", "ip netns list on the kernel also shows the run's own and other users' namespaces",
            (text, c) => CommandShape.IpNetnsVerbOf(CommandShape.Of(c.Command).Program) is "list" && c.Side == Side.Kernel
                ? KeepLines(text, line => line.Length == 0 || FirstWord(line).StartsWith(c.Names.Prefix + "-", StringComparison.Ordinal))
                : text),
        new("foreign-netns", "iproute2 resolves link-netns names by trying every /run/netns entry, and reports one that another program is still creating or tearing down; the run's own namespaces are always valid",
            (text, c) => c.Side == Side.Kernel ? KeepLines(text, line => !line.EndsWith("Error: Peer netns reference is invalid.", StringComparison.Ordinal)) : text),
        new("link-netns", "the scenario's host namespace has a name on the kernel (link-netns PREFIX.host) and none in the model (link-netnsid N)",
            (text, _) => LinkNetns().Replace(text, "link-netns{ns}")),
        new("namespace-prefix", "scenario namespaces are PREFIX-NAME on the kernel",
            (text, c) => c.Side == Side.Kernel ? text.Replace(c.Names.Prefix + "-", "", StringComparison.Ordinal).Replace(c.Names.Prefix + ".", "", StringComparison.Ordinal) : text),
        new("inet6", "IPv6 is not modelled (and is disabled in the run's namespaces)",
            (text, _) => Inet6().Replace(text, "")),
        new("ifindex", "interface indexes depend on what the kernel created before",
            (text, _) => PeerIndex().Replace(LineIndex().Replace(text, "{n}: "), "@if{n}")),
        new("mac", "MAC addresses are random",
            (text, _) => Mac().Replace(text, m => m.Value is "ff:ff:ff:ff:ff:ff" or "00:00:00:00:00:00" ? m.Value : "{mac}")),
        new("time", "round-trip times and durations are the machine's",
            (text, _) => Rtt().Replace(PingTotal().Replace(PingTime().Replace(text, "time={time} ms"), "time {time}ms"), "$1 = {rtt} ms")),
        new("timestamps", "capture timestamps are wall-clock times",
            (text, _) => Timestamp().Replace(text, "{ts} ")),
        new("icmp-id", "ICMP echo ids are process ids or random",
            (text, _) => ConntrackId().Replace(TcpdumpId().Replace(text, "id {id}, seq"), "id={id}")),
        new("ephemeral-port", "source ports of clients are chosen at random from 32768-60999",
            (text, _) => NetcatPeer().Replace(PortKeyword().Replace(DottedPort().Replace(text, EphemeralPort), EphemeralPort), EphemeralPort)),
        new("conntrack-timeout", "conntrack's remaining timeouts count down in real time",
            (text, _) => ConntrackTimeout().Replace(text, "$1{timeout} ")),
        new("conntrack-order", "conntrack lists its table in hash-bucket order, and the kernel seeds the hash at random (per boot and per namespace): the order of the entries says nothing",
            (text, c) => CommandShape.Of(c.Command).Name == "conntrack" ? SortRuns(text, ConntrackEntry().IsMatch) : text),
        new("capture-counts", "kernel filter statistics of a capture depend on timing",
            (text, _) => FilterCounts().Replace(text, "{n} packets $1")),
        new("trailing-space", "trailing blanks and carriage returns are invisible",
            (text, _) => TrailingSpace().Replace(text.Replace("\r", "", StringComparison.Ordinal), "")),
    ];

    /// <summary>Applies every rule; <paramref name="applied"/> receives the names of those that changed the text.</summary>
    public static string Apply(string text, NormalisationContext context, ISet<string> applied)
    {
        foreach (var rule in Rules)
        {
            var next = rule.Apply(text, context);
            if (next != text) applied.Add(rule.Name);
            text = next;
        }
        return text;
    }

    /// <summary>Only what names the run's namespaces: the kernel's text as the scenario would read it.</summary>
    public static string Unmap(string text, NormalisationContext context)
    {
        foreach (var rule in Rules.Where(r => r.Name is "other-namespaces" or "namespace-prefix"))
            text = rule.Apply(text, context);
        return text;
    }

    /// <summary>Sorts each run of consecutive lines that <paramref name="sortable"/> accepts; other lines stay in place.</summary>
    private static string SortRuns(string text, Func<string, bool> sortable)
    {
        var lines = text.Split('\n');
        for (int i = 0; i < lines.Length;)
        {
            int end = i;
            while (end < lines.Length && sortable(lines[end])) end++;
            if (end - i > 1) Array.Sort(lines, i, end - i, StringComparer.Ordinal);
            i = Math.Max(end, i + 1);
        }
        return string.Join('\n', lines);
    }

    private static string FirstWord(string line) => line.Split(' ', 2)[0];

    private static string KeepLines(string text, Func<string, bool> keep) =>
        string.Join('\n', text.Split('\n').Where(keep));

    private static string EphemeralPort(Match m)
    {
        var port = int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture);
        return port >= 32768 && port <= 65535 ? m.Groups[1].Value + "{port}" : m.Value;
    }

    [GeneratedRegex(@"^netsim: .*\n?", RegexOptions.Multiline)]
    private static partial Regex NetsimNote();

    [GeneratedRegex(@"link-netns(id)? \S+")]
    private static partial Regex LinkNetns();

    [GeneratedRegex(@"^ *inet6 .*\n( +valid_lft .*\n)?", RegexOptions.Multiline)]
    private static partial Regex Inet6();

    [GeneratedRegex(@"^\d+: ", RegexOptions.Multiline)]
    private static partial Regex LineIndex();

    [GeneratedRegex(@"@if\d+")]
    private static partial Regex PeerIndex();

    [GeneratedRegex(@"\b(?:[0-9a-fA-F]{2}:){5}[0-9a-fA-F]{2}\b")]
    private static partial Regex Mac();

    [GeneratedRegex(@"time=\d+(\.\d+)? ms")]
    private static partial Regex PingTime();

    [GeneratedRegex(@"time \d+ms")]
    private static partial Regex PingTotal();

    [GeneratedRegex(@"(rtt min/avg/max/mdev) = [\d./]+ ms")]
    private static partial Regex Rtt();

    [GeneratedRegex(@"^\d{2}:\d{2}:\d{2}\.\d{6} ", RegexOptions.Multiline)]
    private static partial Regex Timestamp();

    [GeneratedRegex(@"\bid \d+, seq")]
    private static partial Regex TcpdumpId();

    [GeneratedRegex(@"\bid=\d+")]
    private static partial Regex ConntrackId();

    [GeneratedRegex(@"(\b\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}[.:])(\d{4,5})\b")]
    private static partial Regex DottedPort();

    [GeneratedRegex(@"(\b[sd]port=)(\d{4,5})\b")]
    private static partial Regex PortKeyword();

    /// <summary>netcat's "Connection received on ADDRESS PORT", naming the client's port.</summary>
    [GeneratedRegex(@"(Connection received on \d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3} )(\d{4,5})\b")]
    private static partial Regex NetcatPeer();

    [GeneratedRegex(@"^((?:tcp|udp|icmp|sctp|dccp|gre|udplite|unknown) +\d+ +)\d+ ", RegexOptions.Multiline)]
    private static partial Regex ConntrackTimeout();

    [GeneratedRegex(@"^(?:tcp|udp|icmp|sctp|dccp|gre|udplite|unknown) +\d+ ")]
    private static partial Regex ConntrackEntry();

    [GeneratedRegex(@"\d+ packets? (received by filter|dropped by kernel)")]
    private static partial Regex FilterCounts();

    [GeneratedRegex(@"[ \t]+$", RegexOptions.Multiline)]
    private static partial Regex TrailingSpace();
}
