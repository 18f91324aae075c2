using System.Text;
using Simulator.Netfilter.Targets;

namespace Simulator.Cli.Commands.Iptables.Extensions;

/// <summary>The user-space half of a target extension (a libxt_*.c / libipt_*.c target).</summary>
internal abstract class TargetExtension : Extension
{
    public abstract ITarget Build(RuleParseState state);

    /// <summary>The -L text after the addresses (with a leading space), if the target prints any.</summary>
    public virtual void Print(ITarget target, FormatContext context, StringBuilder text)
    {
    }

    /// <summary>The text after "-j NAME" in -S and iptables-save.</summary>
    public virtual void Save(ITarget target, FormatContext context, StringBuilder text)
    {
    }

    /// <summary>The name -S writes after -j (NOTRACK stays NOTRACK though -L shows CT).</summary>
    public virtual string SaveName(ITarget target) => target.Name;
}
