using System.Collections.Immutable;
using Simulator.Netfilter.Matches;
using Simulator.Netfilter.Targets;

namespace Simulator.Netfilter.Tables;

/// <summary>
/// One rule: the IP part, the match extensions in the order given, and the target (none for a
/// rule that only counts). The specification is immutable; the counters belong to the rule as
/// it sits in its chain.
/// </summary>
public sealed class Rule
{
    public Rule(IpPacketMatch ip, IEnumerable<IMatch> matches, ITarget? target, PacketCounters counters = default)
    {
        Ip = ip;
        Matches = [.. matches];
        Target = target;
        Counters = counters;
    }

    public IpPacketMatch Ip { get; }
    public ImmutableArray<IMatch> Matches { get; }

    /// <summary>The target; null when the rule has no <c>-j</c> (it only counts).</summary>
    public ITarget? Target { get; }

    public PacketCounters Counters { get; internal set; }

    /// <summary>The chain a <c>-j</c>/<c>-g</c> rule continues in, or null.</summary>
    public JumpTarget? Jump => Target as JumpTarget;

    /// <summary>Does the packet match the IP part and every match extension?</summary>
    public bool AppliesTo(in PacketContext packet)
    {
        if (!Ip.Matches(packet)) return false;
        foreach (var match in Matches)
            if (!match.Matches(packet)) return false;
        return true;
    }

    /// <summary>Same IP part, matches and target, counters aside: what -D and -C look for.</summary>
    public bool HasSameSpecification(Rule other) =>
        Ip.Equals(other.Ip) && Matches.SequenceEqual(other.Matches) && Equals(Target, other.Target);

    public Rule WithCounters(PacketCounters counters) => new(Ip, Matches, Target, counters);

    internal Rule WithTarget(ITarget? target) => new(Ip, Matches, target, Counters);
}
