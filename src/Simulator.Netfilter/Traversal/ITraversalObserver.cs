using Simulator.Netfilter.Tables;
using Simulator.Netfilter.Targets;

namespace Simulator.Netfilter.Traversal;

/// <summary>
/// Told about each step of a traversal, for traces and for the LOG target: every rule that
/// matched (with its target's verdict), and the policy when one applies. The packet is passed
/// as it stands after the target ran.
/// </summary>
public interface ITraversalObserver
{
    void RuleMatched(Table table, Chain chain, int ruleNumber, Rule rule, Verdict verdict, in PacketContext packet);

    void PolicyApplied(Table table, Chain chain, Verdict verdict, in PacketContext packet);
}
