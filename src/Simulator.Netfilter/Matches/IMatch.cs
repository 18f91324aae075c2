namespace Simulator.Netfilter.Matches;

/// <summary>
/// A match extension as the kernel sees it (<c>struct xt_match</c>): a pure predicate over the
/// packet, plus the restrictions x_tables checks when a rule using it is loaded. Implementations
/// are immutable values: two matches with the same options are equal (that is how
/// <c>iptables -D</c> and <c>-C</c> find a rule by its specification).
/// </summary>
public interface IMatch
{
    /// <summary>The extension's name (<c>-m NAME</c>): tcp, udp, icmp, conntrack, ...</summary>
    string Name { get; }

    bool Matches(in PacketContext packet);

    /// <summary>
    /// The protocol the rule must select with <c>-p</c> (not inverted), or 0 for any
    /// (<c>xt_match.proto</c>: tcp needs 6, udp 17, icmp 1).
    /// </summary>
    byte RequiredProtocol => 0;

    /// <summary>The hooks the match may be used from (<c>xt_match.hooks</c>).</summary>
    HookMask ValidHooks => HookMask.All;

    /// <summary>
    /// The match needs connection tracking in its namespace (its checkentry calls
    /// <c>nf_ct_netns_get</c>): the state and conntrack matches.
    /// </summary>
    bool NeedsConntrack => false;

    /// <summary>The extension's own load-time check (its <c>checkentry</c>).</summary>
    EntryCheck CheckEntry(in RuleCheckContext context) => EntryCheck.Pass;
}
