using System.Text;
using Simulator.Netfilter.Targets;

namespace Simulator.Cli.Commands.Iptables.Extensions;

/// <summary><c>-j MARK --set-xmark|--set-mark|--and-mark|--or-mark|--xor-mark</c> (libxt_MARK, revision 2).</summary>
internal sealed class MarkTargetExtension : TargetExtension
{
    private uint _value, _mask;

    public override string Name => "MARK";

    public override IReadOnlyList<ExtensionOption> Options { get; } =
    [
        new("set-xmark", ArgumentKind.Required, 0),
        new("set-mark", ArgumentKind.Required, 1),
        new("and-mark", ArgumentKind.Required, 2),
        new("or-mark", ArgumentKind.Required, 3),
        new("xor-mark", ArgumentKind.Required, 4),
    ];

    public override void Parse(ExtensionOption option, string? argument, bool invert, RuleParseState state)
    {
        CheckGeneric(option, invert);
        (_value, _mask) = XmarkFor(option, argument!);
    }

    /// <summary>Every spelling as the value/mask pair of --set-xmark, as libxt_MARK stores it.</summary>
    internal (uint Value, uint Mask) XmarkFor(ExtensionOption option, string argument)
    {
        switch (option.Name)
        {
            case "set-xmark":
                return ParseMarkMask(option, argument);
            case "set-mark":
            {
                var (value, mask) = ParseMarkMask(option, argument);
                return (value, mask | value);
            }
            case "and-mark":
                return (0, ~ParseUInt32(option, argument));
            case "or-mark":
            {
                uint value = ParseUInt32(option, argument);
                return (value, value);
            }
            default:
            {
                uint value = ParseUInt32(option, argument);
                return (value, 0);
            }
        }
    }

    public override void FinalCheck(RuleParseState state)
    {
        if (!SeenAny) throw IptablesError.Parameter("MARK: One of the --set-xmark, --{and,or,xor,set}-mark options is required");
        Exclusive(0, 1, 2, 3, 4);
    }

    public override ITarget Build(RuleParseState state) => new MarkTarget(_value, _mask);

    public override void Print(ITarget target, FormatContext context, StringBuilder text)
    {
        var mark = (MarkTarget)target;
        text.Append(" MARK");
        AppendOperation(mark.Value, mark.Mask, text);
    }

    /// <summary>" set 0x5", " and 0xf", " or 0x4", " xor 0x4" or " xset 0x1/0x3".</summary>
    internal static void AppendOperation(uint value, uint mask, StringBuilder text)
    {
        static string Hex(uint v) => "0x" + v.ToString("x", System.Globalization.CultureInfo.InvariantCulture);
        if (mask == uint.MaxValue) text.Append(" set ").Append(Hex(value));
        else if (value == 0) text.Append(" and ").Append(Hex(~mask));
        else if (value == mask) text.Append(" or ").Append(Hex(value));
        else if (mask == 0) text.Append(" xor ").Append(Hex(value));
        else text.Append(" xset ").Append(Hex(value)).Append('/').Append(Hex(mask));
    }

    public override void Save(ITarget target, FormatContext context, StringBuilder text)
    {
        var mark = (MarkTarget)target;
        text.Append(" --set-xmark 0x").Append(mark.Value.ToString("x", System.Globalization.CultureInfo.InvariantCulture))
            .Append("/0x").Append(mark.Mask.ToString("x", System.Globalization.CultureInfo.InvariantCulture));
    }
}
