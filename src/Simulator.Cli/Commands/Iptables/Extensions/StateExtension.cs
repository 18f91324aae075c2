using System.Text;
using Simulator.Netfilter;
using Simulator.Netfilter.Matches;

namespace Simulator.Cli.Commands.Iptables.Extensions;

/// <summary><c>-m state [!] --state LIST</c> (libxt_state, an alias of conntrack in iptables 1.8).</summary>
internal sealed class StateExtension : MatchExtension
{
    private ConntrackStates _states;
    private bool _invert;

    public override string Name => "state";

    public override IReadOnlyList<ExtensionOption> Options { get; } = [new("state", ArgumentKind.Required, 0, true)];

    public override void Parse(ExtensionOption option, string? argument, bool invert, RuleParseState state)
    {
        CheckGeneric(option, invert);
        _states = ConntrackStateNames.Parse(argument!, withNat: false, "state");
        _invert = invert;
    }

    public override void FinalCheck(RuleParseState state) => Require(0);

    public override IMatch Build(RuleParseState state) => new StateMatch(_states, _invert);

    public override void Print(IMatch match, FormatContext context, StringBuilder text)
    {
        var stateMatch = (StateMatch)match;
        if (stateMatch.Invert) text.Append(" !");
        text.Append(" state ");
        ConntrackStateNames.Append(stateMatch.States, text);
    }

    public override void Save(IMatch match, FormatContext context, StringBuilder text)
    {
        var stateMatch = (StateMatch)match;
        if (stateMatch.Invert) text.Append(" !");
        text.Append(" --state ");
        ConntrackStateNames.Append(stateMatch.States, text);
    }
}
