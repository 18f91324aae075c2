using System.Text;
using Simulator.Netfilter.Targets;

namespace Simulator.Cli.Commands.Iptables.Extensions;

/// <summary><c>-j REDIRECT [--to-ports p[-q]] [--random]</c> (libxt_REDIRECT).</summary>
internal sealed class RedirectExtension : TargetExtension
{
    private NatRange _range;

    public override string Name => "REDIRECT";

    public override IReadOnlyList<ExtensionOption> Options { get; } =
    [
        new("to-ports", ArgumentKind.Required, 0),
        new("random", ArgumentKind.None, 1),
    ];

    public override void Parse(ExtensionOption option, string? argument, bool invert, RuleParseState state)
    {
        CheckGeneric(option, invert);
        if (option.Id == 0)
        {
            _range = NatRangeText.WithPorts(_range, argument!, state);
        }
        else
        {
            _range = _range with { Flags = _range.Flags | NatRangeFlags.ProtoRandom };
        }
    }

    public override ITarget Build(RuleParseState state) => new RedirectTarget(_range);

    public override void Print(ITarget target, FormatContext context, StringBuilder text) =>
        NatRangeText.AppendPortsOnly(((RedirectTarget)target).Range, " redir ports ", text, save: false);

    public override void Save(ITarget target, FormatContext context, StringBuilder text) =>
        NatRangeText.AppendPortsOnly(((RedirectTarget)target).Range, " --to-ports ", text, save: true);
}
