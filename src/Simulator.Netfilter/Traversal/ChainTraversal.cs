using System.Runtime.CompilerServices;
using Simulator.Netfilter.Tables;
using Simulator.Netfilter.Targets;

namespace Simulator.Netfilter.Traversal;

/// <summary>
/// Runs a packet through one table's built-in chain for a hook, as <c>ipt_do_table</c> /
/// <c>nft_do_chain</c> do: rules in order; a matching rule counts the packet and runs its target;
/// <c>-j</c> pushes the return point on a jump stack, <c>-g</c> does not; RETURN or the end of a
/// user chain pops it; with the stack empty the built-in chain's policy applies and its policy
/// counters count the packet.
/// </summary>
public static class ChainTraversal
{
    public static TraversalResult Traverse(Table table, NetfilterHook hook, ref PacketContext packet,
        ITraversalObserver? observer = null)
    {
        var baseChain = table.BuiltinChain(hook);
        if (!table.Exists || baseChain is null || !baseChain.Exists) return TraversalResult.NotRegistered;

        var stack = new JumpStack();
        int depth = 0;
        var chain = baseChain;
        int index = 0;

        while (true)
        {
            bool leaveChain = false;
            while (index < chain.Rules.Count && !leaveChain)
            {
                var rule = chain.Rules[index];
                index++;
                if (!rule.AppliesTo(packet)) continue;

                rule.Counters = rule.Counters.Add(packet.Length);
                var verdict = rule.Target?.Evaluate(ref packet) ?? Verdict.Continue;
                observer?.RuleMatched(table, chain, index, rule, verdict, packet);

                switch (verdict.Kind)
                {
                    case VerdictKind.Continue:
                        break;
                    case VerdictKind.Return:
                        leaveChain = true;
                        break;
                    case VerdictKind.Jump:
                    case VerdictKind.Goto:
                        // Validation keeps jumps within the stack and to existing user chains.
                        if (table.FindChain(verdict.Chain!) is not { } next || depth == TableValidation.MaxJumpDepth)
                            return new TraversalResult(Verdict.Drop, chain.Name, index, true);
                        if (verdict.Kind == VerdictKind.Jump) stack[depth++] = new ReturnPoint(chain, index);
                        chain = next;
                        index = 0;
                        break;
                    default:
                        return new TraversalResult(verdict, chain.Name, index, true);
                }
            }

            // End of chain or RETURN: back to the caller, or the policy when there is none.
            if (depth > 0)
            {
                var back = stack[--depth];
                chain = back.Chain;
                index = back.NextRule;
                continue;
            }

            if (baseChain.HasPolicyCounter) baseChain.PolicyCounters = baseChain.PolicyCounters.Add(packet.Length);
            var policy = baseChain.Policy == ChainPolicy.Drop ? Verdict.Drop : Verdict.Accept;
            observer?.PolicyApplied(table, baseChain, policy, packet);
            return new TraversalResult(policy, baseChain.Name, 0, true);
        }
    }

    private readonly record struct ReturnPoint(Chain Chain, int NextRule);

    [InlineArray(TableValidation.MaxJumpDepth)]
    private struct JumpStack
    {
        private ReturnPoint _element;
    }
}
