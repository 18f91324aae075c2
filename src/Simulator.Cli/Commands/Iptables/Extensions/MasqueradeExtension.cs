using System.Text;
using Simulator.Netfilter.Targets;

namespace Simulator.Cli.Commands.Iptables.Extensions;

/// <summary><c>-j MASQUERADE [--to-ports p[-q]] [--random] [--random-fully]</c> (libxt_MASQUERADE).</summary>
internal sealed class MasqueradeExtension : TargetExtension
{
    private NatRange _range;

    public override string Name => "MASQUERADE";

    public override IReadOnlyList<ExtensionOption> Options { get; } =
    [
        new("to-ports", ArgumentKind.Required, 0),
        new("random", ArgumentKind.None, 1),
        new("random-fully", ArgumentKind.None, 2),
    ];

    public override void Parse(ExtensionOption option, string? argument, bool invert, RuleParseState state)
    {
        CheckGeneric(option, invert);
        switch (option.Id)
        {
            case 0:
                _range = NatRangeText.WithPorts(_range, argument!, state);
                break;
            case 1: _range = _range with { Flags = _range.Flags | NatRangeFlags.ProtoRandom }; break;
            default: _range = _range with { Flags = _range.Flags | NatRangeFlags.ProtoRandomFully }; break;
        }
    }

    public override ITarget Build(RuleParseState state) => new MasqueradeTarget(_range);

    public override void Print(ITarget target, FormatContext context, StringBuilder text) =>
        NatRangeText.AppendPortsOnly(((MasqueradeTarget)target).Range, " masq ports: ", text, save: false);

    public override void Save(ITarget target, FormatContext context, StringBuilder text) =>
        NatRangeText.AppendPortsOnly(((MasqueradeTarget)target).Range, " --to-ports ", text, save: true);
}
