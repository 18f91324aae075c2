using Simulator.Netfilter.Matches;
using Simulator.Netfilter.Tables;

namespace Simulator.Netfilter.Targets;

/// <summary>
/// A rule's target as the kernel sees it (<c>struct xt_target</c>): what to do with a packet the
/// rule matched, plus the restrictions x_tables checks when the rule is loaded. Implementations
/// are immutable values compared by their options.
/// </summary>
public interface ITarget
{
    /// <summary>The name after <c>-j</c>: ACCEPT, SNAT, ... or the user chain jumped to.</summary>
    string Name { get; }

    /// <summary>
    /// Decide the packet's fate. May change the packet's mark, connection mark or conntrack state
    /// (MARK, CONNMARK, CT); nothing else.
    /// </summary>
    Verdict Evaluate(ref PacketContext packet);

    /// <summary>The only table the target may be used in (<c>xt_target.table</c>), or null.</summary>
    TableKind? RequiredTable => null;

    /// <summary>The hooks the target may be used from (<c>xt_target.hooks</c>).</summary>
    HookMask ValidHooks => HookMask.All;

    /// <summary>The target needs connection tracking (NAT targets, CONNMARK, CT: their checkentry calls <c>nf_ct_netns_get</c>).</summary>
    bool NeedsConntrack => false;

    /// <summary>The target's own load-time check (its <c>checkentry</c>).</summary>
    EntryCheck CheckEntry(in RuleCheckContext context) => EntryCheck.Pass;
}
