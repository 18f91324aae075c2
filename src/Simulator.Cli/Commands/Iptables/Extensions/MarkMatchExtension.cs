using System.Text;
using Simulator.Netfilter.Matches;

namespace Simulator.Cli.Commands.Iptables.Extensions;

/// <summary><c>-m mark [!] --mark value[/mask]</c> (libxt_mark).</summary>
internal sealed class MarkMatchExtension : MatchExtension
{
    private uint _mark, _mask = uint.MaxValue;
    private bool _invert;

    public override string Name => "mark";

    public override IReadOnlyList<ExtensionOption> Options { get; } = [new("mark", ArgumentKind.Required, 0, true)];

    public override void Parse(ExtensionOption option, string? argument, bool invert, RuleParseState state)
    {
        CheckGeneric(option, invert);
        (_mark, _mask) = ParseMarkMask(option, argument!);
        _invert = invert;
    }

    public override void FinalCheck(RuleParseState state) => Require(0);

    public override IMatch Build(RuleParseState state) => new MarkMatch(_mark, _mask, _invert);

    public override void Print(IMatch match, FormatContext context, StringBuilder text)
    {
        var mark = (MarkMatch)match;
        text.Append(" mark match");
        if (mark.Invert) text.Append(" !");
        AppendValue(mark.Mark, mark.Mask, text);
    }

    public override void Save(IMatch match, FormatContext context, StringBuilder text)
    {
        var mark = (MarkMatch)match;
        if (mark.Invert) text.Append(" !");
        text.Append(" --mark");
        AppendValue(mark.Mark, mark.Mask, text);
    }

    /// <summary>" 0x5" or " 0x1/0xff".</summary>
    internal static void AppendValue(uint value, uint mask, StringBuilder text)
    {
        text.Append(" 0x").Append(value.ToString("x", System.Globalization.CultureInfo.InvariantCulture));
        if (mask != uint.MaxValue) text.Append("/0x").Append(mask.ToString("x", System.Globalization.CultureInfo.InvariantCulture));
    }
}
