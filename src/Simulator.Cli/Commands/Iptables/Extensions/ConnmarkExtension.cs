using System.Globalization;
using System.Text;
using Simulator.Netfilter.Targets;

namespace Simulator.Cli.Commands.Iptables.Extensions;

/// <summary><c>-j CONNMARK --set-xmark|--set-mark|--save-mark|--restore-mark ...</c> (libxt_CONNMARK, revision 1).</summary>
internal sealed class ConnmarkExtension : TargetExtension
{
    private ConnmarkMode _mode;
    private uint _value, _ctMask = uint.MaxValue, _nfMask = uint.MaxValue;

    public override string Name => "CONNMARK";

    public override IReadOnlyList<ExtensionOption> Options { get; } =
    [
        new("set-xmark", ArgumentKind.Required, 0),
        new("save-mark", ArgumentKind.None, 1),
        new("restore-mark", ArgumentKind.None, 2),
        new("and-mark", ArgumentKind.Required, 3),
        new("or-mark", ArgumentKind.Required, 4),
        new("xor-mark", ArgumentKind.Required, 5),
        new("set-mark", ArgumentKind.Required, 6),
        new("nfmask", ArgumentKind.Required, 7),
        new("ctmask", ArgumentKind.Required, 8),
        new("mask", ArgumentKind.Required, 9),
    ];

    public override void Parse(ExtensionOption option, string? argument, bool invert, RuleParseState state)
    {
        CheckGeneric(option, invert);
        switch (option.Id)
        {
            case 1: _mode = ConnmarkMode.Save; break;
            case 2: _mode = ConnmarkMode.Restore; break;
            case 7: _nfMask = ParseUInt32(option, argument!); break;
            case 8: _ctMask = ParseUInt32(option, argument!); break;
            case 9: _nfMask = _ctMask = ParseUInt32(option, argument!); break;
            default:
                _mode = ConnmarkMode.Set;
                (_value, _ctMask) = new MarkTargetExtension().XmarkFor(option, argument!);
                break;
        }
    }

    public override void FinalCheck(RuleParseState state)
    {
        if (!Enumerable.Range(0, 7).Any(Seen)) throw IptablesError.Parameter("CONNMARK target: No operation specified");
        Exclusive(0, 1, 2, 3, 4, 5, 6);
    }

    public override ITarget Build(RuleParseState state) =>
        _mode == ConnmarkMode.Set ? new ConnmarkTarget(_mode, _value, _ctMask, 0) : new ConnmarkTarget(_mode, 0, _ctMask, _nfMask);

    private static string Hex(uint v) => "0x" + v.ToString("x", CultureInfo.InvariantCulture);

    public override void Print(ITarget target, FormatContext context, StringBuilder text)
    {
        var connmark = (ConnmarkTarget)target;
        text.Append(" CONNMARK");
        switch (connmark.Mode)
        {
            case ConnmarkMode.Set:
                MarkTargetExtension.AppendOperation(connmark.Value, connmark.CtMask, text);
                break;
            case ConnmarkMode.Save:
                text.Append(" save");
                if (connmark.NfMask == connmark.CtMask)
                {
                    if (connmark.NfMask != uint.MaxValue) text.Append(" mask ").Append(Hex(connmark.NfMask));
                }
                else
                {
                    text.Append(" nfmask ").Append(Hex(connmark.NfMask)).Append(" ctmask ~").Append(Hex(connmark.CtMask));
                }
                break;
            default:
                text.Append(" restore");
                if (connmark.CtMask == connmark.NfMask)
                {
                    if (connmark.CtMask != uint.MaxValue) text.Append(" mask ").Append(Hex(connmark.CtMask));
                }
                else
                {
                    text.Append(" ctmask ").Append(Hex(connmark.CtMask)).Append(" nfmask ~").Append(Hex(connmark.NfMask));
                }
                break;
        }
    }

    public override void Save(ITarget target, FormatContext context, StringBuilder text)
    {
        var connmark = (ConnmarkTarget)target;
        switch (connmark.Mode)
        {
            case ConnmarkMode.Set:
                text.Append(" --set-xmark ").Append(Hex(connmark.Value)).Append('/').Append(Hex(connmark.CtMask));
                break;
            case ConnmarkMode.Save:
                text.Append(" --save-mark --nfmask ").Append(Hex(connmark.NfMask)).Append(" --ctmask ").Append(Hex(connmark.CtMask));
                break;
            default:
                text.Append(" --restore-mark --nfmask ").Append(Hex(connmark.NfMask)).Append(" --ctmask ").Append(Hex(connmark.CtMask));
                break;
        }
    }
}
