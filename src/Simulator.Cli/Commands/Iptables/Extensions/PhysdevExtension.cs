using System.Text;
using Simulator.Netfilter.Matches;

namespace Simulator.Cli.Commands.Iptables.Extensions;

/// <summary><c>-m physdev</c> (libxt_physdev): bridge port tests for bridged IPv4 traffic.</summary>
internal sealed class PhysdevExtension : MatchExtension
{
    private InterfacePattern _in, _out;
    private PhysdevOptions _options, _inverted;

    public override string Name => "physdev";

    public override IReadOnlyList<ExtensionOption> Options { get; } =
    [
        new("physdev-in", ArgumentKind.Required, 0, true),
        new("physdev-out", ArgumentKind.Required, 1, true),
        new("physdev-is-in", ArgumentKind.None, 2, true),
        new("physdev-is-out", ArgumentKind.None, 3, true),
        new("physdev-is-bridged", ArgumentKind.None, 4, true),
    ];

    private static readonly PhysdevOptions[] Flags =
        [PhysdevOptions.In, PhysdevOptions.Out, PhysdevOptions.IsIn, PhysdevOptions.IsOut, PhysdevOptions.IsBridged];

    public override void Parse(ExtensionOption option, string? argument, bool invert, RuleParseState state)
    {
        CheckGeneric(option, invert);
        if (option.Id == 0) _in = InterfaceNames.Parse(argument!, state.Warnings);
        if (option.Id == 1) _out = InterfaceNames.Parse(argument!, state.Warnings);
        _options |= Flags[option.Id];
        if (invert) _inverted |= Flags[option.Id];
    }

    public override void FinalCheck(RuleParseState state)
    {
        if (!SeenAny) throw IptablesError.Parameter("PHYSDEV: no physdev option specified");
    }

    public override IMatch Build(RuleParseState state) => new PhysdevMatch(_in, _out, _options, _inverted);

    public override void Print(IMatch match, FormatContext context, StringBuilder text)
    {
        text.Append(" PHYSDEV match");
        Save(match, context, text);
    }

    /// <summary>-L prints the same words as -S, after "PHYSDEV match": is-in, in, is-out, out, is-bridged.</summary>
    public override void Save(IMatch match, FormatContext context, StringBuilder text)
    {
        var physdev = (PhysdevMatch)match;
        void Part(PhysdevOptions flag, string words)
        {
            if ((physdev.Options & flag) == 0) return;
            if ((physdev.Inverted & flag) != 0) text.Append(" !");
            text.Append(' ').Append(words);
        }
        Part(PhysdevOptions.IsIn, "--physdev-is-in");
        Part(PhysdevOptions.In, "--physdev-in " + physdev.In.Text);
        Part(PhysdevOptions.IsOut, "--physdev-is-out");
        Part(PhysdevOptions.Out, "--physdev-out " + physdev.Out.Text);
        Part(PhysdevOptions.IsBridged, "--physdev-is-bridged");
    }
}
