using System.Text;
using Simulator.Netfilter.Targets;

namespace Simulator.Cli.Commands.Iptables.Extensions;

/// <summary><c>-j SNAT --to-source ...</c> and <c>-j DNAT --to-destination ...</c> (libxt_NAT).</summary>
internal sealed class NatExtension(NatKind kind) : TargetExtension
{
    private NatRange _range;
    private NatRangeFlags _extraFlags;

    public override string Name => kind == NatKind.Snat ? "SNAT" : "DNAT";

    private string ToOption => kind == NatKind.Snat ? "to-source" : "to-destination";

    public override IReadOnlyList<ExtensionOption> Options => field ??=
    [
        new(ToOption, ArgumentKind.Required, 0),
        new("random", ArgumentKind.None, 1),
        new("random-fully", ArgumentKind.None, 2),
        new("persistent", ArgumentKind.None, 3),
    ];

    public override void Parse(ExtensionOption option, string? argument, bool invert, RuleParseState state)
    {
        CheckGeneric(option, invert);
        switch (option.Id)
        {
            case 0: _range = NatRangeText.ParseAddressRange(argument!, state); break;
            case 1: _extraFlags |= NatRangeFlags.ProtoRandom; break;
            case 2: _extraFlags |= NatRangeFlags.ProtoRandomFully; break;
            default: _extraFlags |= NatRangeFlags.Persistent; break;
        }
    }

    public override void FinalCheck(RuleParseState state) => Require(0);

    public override ITarget Build(RuleParseState state)
    {
        var range = _range with { Flags = _range.Flags | _extraFlags };
        return kind == NatKind.Snat ? new SnatTarget(range) : new DnatTarget(range);
    }

    private static NatRange RangeOf(ITarget target) => target switch
    {
        SnatTarget snat => snat.Range,
        DnatTarget dnat => dnat.Range,
        _ => throw new ArgumentException("not a NAT target", nameof(target)),
    };

    public override void Print(ITarget target, FormatContext context, StringBuilder text)
    {
        var range = RangeOf(target);
        text.Append(" to:");
        NatRangeText.AppendRange(range, text);
        NatRangeText.AppendFlags(range.Flags, text, save: false);
    }

    public override void Save(ITarget target, FormatContext context, StringBuilder text)
    {
        var range = RangeOf(target);
        text.Append(" --").Append(ToOption).Append(' ');
        NatRangeText.AppendRange(range, text);
        NatRangeText.AppendFlags(range.Flags, text, save: true);
    }
}
