using System.Text;
using Simulator.Netfilter.Targets;

namespace Simulator.Cli.Commands.Iptables.Extensions;

/// <summary>
/// <c>-j CT [--notrack]</c> and <c>-j NOTRACK</c> (libxt_CT). NOTRACK is kept as written for -S
/// and iptables-save, while -L shows the kernel's target, CT. Other CT options are not modelled.
/// </summary>
internal sealed class CtExtension : TargetExtension
{
    private readonly bool _writtenAsNotrack;
    private bool _notrack;

    public CtExtension(bool writtenAsNotrack)
    {
        _writtenAsNotrack = writtenAsNotrack;
        _notrack = writtenAsNotrack;
        Options = writtenAsNotrack ? [] : [new ExtensionOption("notrack", ArgumentKind.None, 0)];
    }

    public override string Name => _writtenAsNotrack ? "NOTRACK" : "CT";

    public override IReadOnlyList<ExtensionOption> Options { get; }

    public override void Parse(ExtensionOption option, string? argument, bool invert, RuleParseState state)
    {
        CheckGeneric(option, invert);
        _notrack = true;
    }

    public override ITarget Build(RuleParseState state) => _writtenAsNotrack ? CtTarget.Notrack : new CtTarget(_notrack, false);

    public override string SaveName(ITarget target) => ((CtTarget)target).WrittenAsNotrack ? "NOTRACK" : "CT";

    public override void Print(ITarget target, FormatContext context, StringBuilder text)
    {
        var ct = (CtTarget)target;
        if (ct.WrittenAsNotrack) text.Append(" NOTRACK");
        else if (ct.NoTrack) text.Append(" CT notrack");
    }

    public override void Save(ITarget target, FormatContext context, StringBuilder text)
    {
        var ct = (CtTarget)target;
        if (!ct.WrittenAsNotrack && ct.NoTrack) text.Append(" --notrack");
    }
}
