using System.Text;
using Simulator.Netfilter.Matches;

namespace Simulator.Cli.Commands.Iptables.Extensions;

/// <summary>
/// The user-space half of a match extension (a libxt_*.c): reads its options into a model
/// <see cref="IMatch"/>, and prints one back the way -L (<see cref="Print"/>) and -S /
/// iptables-save (<see cref="Save"/>) show it. Print and save text starts with a space.
/// </summary>
internal abstract class MatchExtension : Extension
{
    public abstract IMatch Build(RuleParseState state);

    public abstract void Print(IMatch match, FormatContext context, StringBuilder text);

    public abstract void Save(IMatch match, FormatContext context, StringBuilder text);
}
