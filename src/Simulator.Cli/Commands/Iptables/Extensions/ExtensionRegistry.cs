using Simulator.Netfilter.Matches;
using Simulator.Netfilter.Targets;

namespace Simulator.Cli.Commands.Iptables.Extensions;

/// <summary>
/// The extensions this front-end knows, found by name as iptables loads its shared objects:
/// a fresh instance for each use on a command line, and one instance per kind to print rules.
/// </summary>
internal static class ExtensionRegistry
{
    private static readonly Dictionary<string, Func<MatchExtension>> Matches = new(StringComparer.Ordinal)
    {
        ["tcp"] = () => new TcpExtension(),
        ["udp"] = () => new UdpExtension(),
        ["icmp"] = () => new IcmpExtension(),
        ["conntrack"] = () => new ConntrackExtension(),
        ["state"] = () => new StateExtension(),
        ["physdev"] = () => new PhysdevExtension(),
        ["mac"] = () => new MacExtension(),
        ["multiport"] = () => new MultiportExtension(),
        ["comment"] = () => new CommentExtension(),
        ["mark"] = () => new MarkMatchExtension(),
    };

    private static readonly Dictionary<string, Func<TargetExtension>> Targets = new(StringComparer.Ordinal)
    {
        ["ACCEPT"] = () => new StandardTargetExtension(StandardTarget.Accept),
        ["DROP"] = () => new StandardTargetExtension(StandardTarget.Drop),
        ["RETURN"] = () => new StandardTargetExtension(StandardTarget.Return),
        ["REJECT"] = () => new RejectExtension(),
        ["LOG"] = () => new LogExtension(),
        ["SNAT"] = () => new NatExtension(NatKind.Snat),
        ["DNAT"] = () => new NatExtension(NatKind.Dnat),
        ["MASQUERADE"] = () => new MasqueradeExtension(),
        ["REDIRECT"] = () => new RedirectExtension(),
        ["MARK"] = () => new MarkTargetExtension(),
        ["CONNMARK"] = () => new ConnmarkExtension(),
        ["CT"] = () => new CtExtension(writtenAsNotrack: false),
        ["NOTRACK"] = () => new CtExtension(writtenAsNotrack: true),
    };

    /// <summary>
    /// Target names of the iptables installation measured (its libxt_/libipt_ targets): a chain
    /// may not take one of these names, and -j NAME for one not modelled here cannot be loaded.
    /// </summary>
    private static readonly HashSet<string> SystemTargets = new(StringComparer.Ordinal)
    {
        "ACCEPT", "DROP", "QUEUE", "RETURN",
        "AUDIT", "CHECKSUM", "CLASSIFY", "CLUSTERIP", "CONNMARK", "CONNSECMARK", "CT", "DNAT", "DSCP", "ECN", "HMARK",
        "IDLETIMER", "LED", "LOG", "MARK", "MASQUERADE", "NETMAP", "NFLOG", "NFQUEUE", "NOTRACK", "RATEEST", "REDIRECT",
        "REJECT", "SECMARK", "SET", "SNAT", "SYNPROXY", "TCPMSS", "TCPOPTSTRIP", "TEE", "TOS", "TPROXY", "TRACE", "TTL",
        "ULOG",
    };

    private static readonly Dictionary<string, MatchExtension> MatchFormatters =
        Matches.ToDictionary(pair => pair.Key, pair => pair.Value(), StringComparer.Ordinal);

    private static readonly Dictionary<string, TargetExtension> TargetFormatters =
        Targets.ToDictionary(pair => pair.Key, pair => pair.Value(), StringComparer.Ordinal);

    public static MatchExtension? CreateMatch(string name) => Matches.TryGetValue(name, out var create) ? create() : null;

    public static TargetExtension? CreateTarget(string name) => Targets.TryGetValue(name, out var create) ? create() : null;

    /// <summary>A name iptables would load as a target (so no chain may have it).</summary>
    public static bool IsTargetName(string name) => SystemTargets.Contains(name);

    public static MatchExtension FormatterFor(IMatch match) => MatchFormatters[match.Name];

    /// <summary>The formatter of a target, or null for a jump to a chain.</summary>
    public static TargetExtension? FormatterFor(ITarget target) =>
        target is JumpTarget ? null : TargetFormatters.GetValueOrDefault(target.Name);
}
