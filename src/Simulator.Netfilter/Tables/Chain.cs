namespace Simulator.Netfilter.Tables;

/// <summary>
/// A chain: a built-in one bound to a hook, with a policy and policy counters, or a user-defined
/// one reached only by jumps. With the nf_tables back end a built-in chain exists in the kernel
/// only once something created it (a rule, a policy, a flush of it); until then no packet
/// traverses it and iptables-save leaves its table out. <see cref="Exists"/> says which.
/// </summary>
public sealed class Chain
{
    private readonly List<Rule> _rules = [];

    internal Chain(string name, NetfilterHook? hook)
    {
        Name = name;
        Hook = hook;
        Exists = hook is null;
    }

    public string Name { get; internal set; }

    /// <summary>The hook of a built-in chain; null for a user-defined chain.</summary>
    public NetfilterHook? Hook { get; }

    public bool IsBuiltin => Hook.HasValue;

    /// <summary>Registered with the kernel. Always true for user chains.</summary>
    public bool Exists { get; internal set; }

    public ChainPolicy Policy { get; internal set; }

    /// <summary>Packets that fell off the end of this built-in chain and got its policy.</summary>
    public PacketCounters PolicyCounters { get; internal set; }

    /// <summary>
    /// Whether the policy has a counter. iptables-nft 1.8.9 creates built-in chains implicitly
    /// (for an -A, or because another chain of the table was touched) without one; the counter
    /// comes with the first explicit policy (-P, or a chain line of iptables-restore). Measured:
    /// after `iptables -A INPUT -p tcp` the INPUT policy stays at "0 packets, 0 bytes" whatever
    /// passes; after `iptables -P INPUT ACCEPT` it counts.
    /// </summary>
    public bool HasPolicyCounter { get; internal set; }

    public IReadOnlyList<Rule> Rules => _rules;

    internal List<Rule> MutableRules => _rules;

    internal Chain Clone()
    {
        var copy = new Chain(Name, Hook) { Exists = Exists, Policy = Policy, PolicyCounters = PolicyCounters, HasPolicyCounter = HasPolicyCounter };
        foreach (var rule in _rules) copy._rules.Add(rule.WithCounters(rule.Counters));
        return copy;
    }

    public override string ToString() => Name;
}
