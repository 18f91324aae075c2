using Simulator.Netfilter.Targets;

namespace Simulator.Netfilter.Traversal;

/// <summary>
/// How a traversal of one table's chain at one hook ended: the final verdict (Accept, Drop,
/// Reject or Nat), and where it was decided: a rule (its chain and 1-based number) or the
/// built-in chain's policy (<see cref="RuleNumber"/> 0). When the table has no chain at the hook
/// yet, nothing is registered there and the packet passes untouched (<see cref="Registered"/> false).
/// </summary>
public readonly record struct TraversalResult(Verdict Verdict, string? Chain, int RuleNumber, bool Registered)
{
    public static TraversalResult NotRegistered => new(Verdict.Accept, null, 0, false);

    public bool FromPolicy => Registered && RuleNumber == 0;
}
