using System.Text;
using Simulator.Netfilter;
using Simulator.Netfilter.Matches;

namespace Simulator.Cli.Commands.Iptables.Extensions;

/// <summary><c>-m conntrack [!] --ctstate LIST</c> (libxt_conntrack); the other conntrack options are not modelled.</summary>
internal sealed class ConntrackExtension : MatchExtension
{
    private ConntrackStates _states;
    private bool _invert;

    public override string Name => "conntrack";

    public override IReadOnlyList<ExtensionOption> Options { get; } = [new("ctstate", ArgumentKind.Required, 0, true)];

    public override void Parse(ExtensionOption option, string? argument, bool invert, RuleParseState state)
    {
        CheckGeneric(option, invert);
        _states = ConntrackStateNames.Parse(argument!, withNat: true, "ctstate");
        _invert = invert;
    }

    public override void FinalCheck(RuleParseState state)
    {
        if (!SeenAny) throw IptablesError.Parameter("conntrack: At least one option is required");
    }

    public override IMatch Build(RuleParseState state) => new ConntrackMatch(_states, _invert);

    public override void Print(IMatch match, FormatContext context, StringBuilder text)
    {
        var conntrack = (ConntrackMatch)match;
        if (conntrack.Invert) text.Append(" !");
        text.Append(" ctstate ");
        ConntrackStateNames.Append(conntrack.States, text);
    }

    public override void Save(IMatch match, FormatContext context, StringBuilder text)
    {
        var conntrack = (ConntrackMatch)match;
        if (conntrack.Invert) text.Append(" !");
        text.Append(" --ctstate ");
        ConntrackStateNames.Append(conntrack.States, text);
    }
}
