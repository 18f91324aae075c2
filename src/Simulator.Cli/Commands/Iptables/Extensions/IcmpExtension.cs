using System.Text;
using Simulator.Netfilter.Matches;

namespace Simulator.Cli.Commands.Iptables.Extensions;

/// <summary><c>-m icmp --icmp-type</c> (libxt_icmp): by name (any unique prefix, any case) or type[/code].</summary>
internal sealed class IcmpExtension : MatchExtension
{
    /// <summary>The names iptables knows, in its order: the first entry for a type/code range is the one printed.</summary>
    private static readonly (string Name, byte Type, byte CodeMin, byte CodeMax)[] Names =
    [
        ("any", 0xFF, 0, 0xFF),
        ("echo-reply", 0, 0, 0xFF),
        ("pong", 0, 0, 0xFF),
        ("destination-unreachable", 3, 0, 0xFF),
        ("network-unreachable", 3, 0, 0),
        ("host-unreachable", 3, 1, 1),
        ("protocol-unreachable", 3, 2, 2),
        ("port-unreachable", 3, 3, 3),
        ("fragmentation-needed", 3, 4, 4),
        ("source-route-failed", 3, 5, 5),
        ("network-unknown", 3, 6, 6),
        ("host-unknown", 3, 7, 7),
        ("network-prohibited", 3, 9, 9),
        ("host-prohibited", 3, 10, 10),
        ("TOS-network-unreachable", 3, 11, 11),
        ("TOS-host-unreachable", 3, 12, 12),
        ("communication-prohibited", 3, 13, 13),
        ("host-precedence-violation", 3, 14, 14),
        ("precedence-cutoff", 3, 15, 15),
        ("source-quench", 4, 0, 0xFF),
        ("redirect", 5, 0, 0xFF),
        ("network-redirect", 5, 0, 0),
        ("host-redirect", 5, 1, 1),
        ("TOS-network-redirect", 5, 2, 2),
        ("TOS-host-redirect", 5, 3, 3),
        ("echo-request", 8, 0, 0xFF),
        ("ping", 8, 0, 0xFF),
        ("router-advertisement", 9, 0, 0xFF),
        ("router-solicitation", 10, 0, 0xFF),
        ("time-exceeded", 11, 0, 0xFF),
        ("ttl-exceeded", 11, 0, 0xFF),
        ("ttl-zero-during-transit", 11, 0, 0),
        ("ttl-zero-during-reassembly", 11, 1, 1),
        ("parameter-problem", 12, 0, 0xFF),
        ("ip-header-bad", 12, 0, 0),
        ("required-option-missing", 12, 1, 1),
        ("timestamp-request", 13, 0, 0xFF),
        ("timestamp-reply", 14, 0, 0xFF),
        ("address-mask-request", 17, 0, 0xFF),
        ("address-mask-reply", 18, 0, 0xFF),
    ];

    private IcmpMatch? _match;

    public override string Name => "icmp";

    public override IReadOnlyList<ExtensionOption> Options { get; } = [new("icmp-type", ArgumentKind.Required, 0, true)];

    public override void Parse(ExtensionOption option, string? argument, bool invert, RuleParseState state)
    {
        CheckGeneric(option, invert);
        var (type, min, max) = ParseType(argument!);
        _match = new IcmpMatch(type, min, max, invert);
    }

    private static (byte Type, byte CodeMin, byte CodeMax) ParseType(string text)
    {
        int found = -1;
        for (int i = 0; i < Names.Length; i++)
        {
            if (!Names[i].Name.StartsWith(text, StringComparison.OrdinalIgnoreCase)) continue;
            if (found >= 0)
                throw IptablesError.Parameter($"Ambiguous ICMP type `{text}': `{Names[found].Name}' or `{Names[i].Name}'?");
            found = i;
        }
        if (found >= 0) return (Names[found].Type, Names[found].CodeMin, Names[found].CodeMax);

        int slash = text.IndexOf('/');
        string typeText = slash < 0 ? text : text[..slash];
        if (!CNumber.TryParseInRange(typeText, 0, byte.MaxValue, out ulong type))
            throw IptablesError.Parameter($"Unknown ICMP type `{text}'");
        if (slash < 0) return ((byte)type, 0, 0xFF);
        if (!CNumber.TryParseInRange(text[(slash + 1)..], 0, byte.MaxValue, out ulong code))
            throw IptablesError.Parameter($"Unknown ICMP code `{text}'");
        return ((byte)type, (byte)code, (byte)code);
    }

    public override void FinalCheck(RuleParseState state) => Require(0);

    public override IMatch Build(RuleParseState state) => _match!;

    public override void Print(IMatch match, FormatContext context, StringBuilder text)
    {
        var icmp = (IcmpMatch)match;
        text.Append(" icmp");
        if (!context.Numeric)
        {
            foreach (var entry in Names)
            {
                if (entry.Type == icmp.Type && entry.CodeMin == icmp.CodeMin && entry.CodeMax == icmp.CodeMax)
                {
                    text.Append(' ').Append(icmp.Invert ? "!" : "").Append(entry.Name);
                    return;
                }
            }
        }
        if (icmp.Invert) text.Append(" !");
        text.Append("type ").Append(icmp.Type);
        if (icmp.CodeMin == icmp.CodeMax) text.Append(" code ").Append(icmp.CodeMin);
        else if (icmp.CodeMin != 0 || icmp.CodeMax != 0xFF) text.Append(" codes ").Append(icmp.CodeMin).Append('-').Append(icmp.CodeMax);
    }

    public override void Save(IMatch match, FormatContext context, StringBuilder text)
    {
        var icmp = (IcmpMatch)match;
        if (icmp.Invert) text.Append(" !");
        if (icmp.Type == IcmpMatch.AnyType)
        {
            text.Append(" --icmp-type any");
            return;
        }
        text.Append(" --icmp-type ").Append(icmp.Type);
        if (icmp.CodeMin != 0 || icmp.CodeMax != 0xFF) text.Append('/').Append(icmp.CodeMin);
    }
}
