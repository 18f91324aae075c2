using Simulator.Netfilter.Targets;

namespace Simulator.Cli.Commands.Iptables.Extensions;

/// <summary>ACCEPT, DROP, RETURN: libxtables' "standard" target, without options.</summary>
internal sealed class StandardTargetExtension(StandardTarget target) : TargetExtension
{
    public override string Name => target.Name;

    public override IReadOnlyList<ExtensionOption> Options { get; } = [];

    public override void Parse(ExtensionOption option, string? argument, bool invert, RuleParseState state)
    {
    }

    public override ITarget Build(RuleParseState state) => target;
}
