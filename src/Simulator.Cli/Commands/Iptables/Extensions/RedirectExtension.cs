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
            NatRangeText.RequirePortProtocol(state);
            var (min, max) = NatRangeText.ParsePorts(argument!);
            _range = _range with { MinPort = min, MaxPort = max, Flags = _range.Flags | NatRangeFlags.ProtoSpecified };
        }
        else
        {
            _range = _range with { Flags = _range.Flags | NatRangeFlags.ProtoRandom };
        }
    }

    public override ITarget Build(RuleParseState state) => new RedirectTarget(_range);

    public override void Print(ITarget target, FormatContext context, StringBuilder text)
    {
        var range = ((RedirectTarget)target).Range;
        if (range.HasPorts)
        {
            text.Append(" redir ports ");
            NatRangeText.AppendPorts(range, text);
        }
        NatRangeText.AppendFlags(range.Flags, text, save: false);
    }

    public override void Save(ITarget target, FormatContext context, StringBuilder text)
    {
        var range = ((RedirectTarget)target).Range;
        if (range.HasPorts)
        {
            text.Append(" --to-ports ");
            NatRangeText.AppendPorts(range, text);
        }
        NatRangeText.AppendFlags(range.Flags, text, save: true);
    }
}
