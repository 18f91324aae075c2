using Simulator.Netfilter.Matches;
using Simulator.Netfilter.Targets;

namespace Simulator.Netfilter.Tables;

/// <summary>
/// One table of one network namespace: its built-in chains (one per hook it serves), its user
/// chains, and the operations iptables performs on them. Each operation either succeeds whole
/// or changes nothing and says why, with the kernel's reasons (see <see cref="TableError"/>).
/// The table and its built-in chains come into existence (<see cref="Exists"/>) the way the
/// nf_tables back end creates them: on first use by a command that needs them.
/// </summary>
public sealed class Table
{
    private readonly Dictionary<string, Chain> _chains = new(StringComparer.Ordinal);
    private readonly Chain[] _builtins;

    internal Table(TableKind kind)
    {
        Kind = kind;
        _builtins = [.. TableSchema.BuiltinHooks(kind).Select(hook => new Chain(hook.ChainName(), hook))];
        foreach (var chain in _builtins) _chains.Add(chain.Name, chain);
    }

    /// <summary>Told after every committed change; the owning <see cref="NetfilterTables"/> listens.</summary>
    internal Action? Changed { get; set; }

    private void Touch() => Changed?.Invoke();

    public TableKind Kind { get; }
    public string Name => TableSchema.Name(Kind);

    /// <summary>The table is registered with the kernel (iptables-save lists only such tables).</summary>
    public bool Exists { get; private set; }

    /// <summary>The built-in chains in hook order, whether they exist yet or not.</summary>
    public IReadOnlyList<Chain> BuiltinChains => _builtins;

    /// <summary>User chains in the order iptables lists them (by name, byte order).</summary>
    public IEnumerable<Chain> UserChains =>
        _chains.Values.Where(c => !c.IsBuiltin).OrderBy(c => c.Name, StringComparer.Ordinal);

    /// <summary>Built-in chains, then user chains: the order of <c>-L</c>, <c>-S</c> and iptables-save.</summary>
    public IEnumerable<Chain> Chains => _builtins.Concat(UserChains);

    public Chain? FindChain(string name) => _chains.GetValueOrDefault(name);

    public Chain? BuiltinChain(NetfilterHook hook)
    {
        // A loop, not Array.Find with a capturing lambda: this runs for every packet at every hook.
        foreach (var chain in _builtins)
            if (chain.Hook == hook) return chain;
        return null;
    }

    /// <summary>How many rules of this table jump or go to the chain ("Chain X (2 references)").</summary>
    public int ReferenceCount(string chain) =>
        _chains.Values.Sum(c => c.Rules.Count(r => r.Target is JumpTarget jump && jump.Chain == chain));

    // ---- rules -------------------------------------------------------------------------------

    /// <summary><c>-A</c>: add the rule at the end of the chain.</summary>
    public TableResult Append(string chain, Rule rule) => AddRule(chain, rule, rules => rules.Add(rule));

    /// <summary><c>-I chain n</c>: insert the rule so that it becomes rule <paramref name="number"/> (1-based).</summary>
    public TableResult Insert(string chain, int number, Rule rule)
    {
        if (FindChain(chain) is { } c && (number < 1 || number - 1 > c.Rules.Count))
            return TableResult.Fail(TableError.IndexTooBig, chain);
        return AddRule(chain, rule, rules => rules.Insert(number - 1, rule));
    }

    /// <summary><c>-R chain n</c>: replace rule <paramref name="number"/>; the new rule brings its own counters.</summary>
    public TableResult Replace(string chain, int number, Rule rule)
    {
        if (FindChain(chain) is not { Exists: true } c) return TableResult.Fail(TableError.NoSuchChain, chain);
        if (number < 1 || number > c.Rules.Count) return TableResult.Fail(TableError.IndexTooBig, chain);
        return AddRule(chain, rule, rules => rules[number - 1] = rule);
    }

    /// <summary><c>-D chain n</c>.</summary>
    public TableResult Delete(string chain, int number)
    {
        if (FindChain(chain) is not { Exists: true } c) return TableResult.Fail(TableError.NoSuchChain, chain);
        if (number < 1 || number > c.Rules.Count) return TableResult.Fail(TableError.IndexTooBig, chain);
        c.MutableRules.RemoveAt(number - 1);
        Touch();
        return TableResult.Success;
    }

    /// <summary><c>-D chain rule-spec</c>: delete the first rule with that specification.</summary>
    public TableResult Delete(string chain, Rule specification)
    {
        int index = IndexOf(chain, specification);
        if (index < 0) return TableResult.Fail(TableError.NoSuchRule, chain);
        FindChain(chain)!.MutableRules.RemoveAt(index);
        Touch();
        return TableResult.Success;
    }

    /// <summary><c>-C chain rule-spec</c>: is there a rule with that specification?</summary>
    public TableResult Check(string chain, Rule specification) =>
        IndexOf(chain, specification) < 0 ? TableResult.Fail(TableError.NoSuchRule, chain) : TableResult.Success;

    private int IndexOf(string chain, Rule specification)
    {
        if (FindChain(chain) is not { Exists: true } c) return -1;
        for (int i = 0; i < c.Rules.Count; i++)
            if (c.Rules[i].HasSameSpecification(specification)) return i;
        return -1;
    }

    private TableResult AddRule(string chainName, Rule rule, Action<List<Rule>> change)
    {
        if (FindChain(chainName) is not { } chain) return TableResult.Fail(TableError.NoSuchChain, chainName);

        var check = CheckRule(chain, rule);
        if (!check.Ok) return check.Chain is null ? check with { Chain = chainName } : check;

        bool tableExisted = Exists, chainExisted = chain.Exists;
        var before = chain.Rules.ToList();
        Exists = true;
        chain.Exists = true;
        change(chain.MutableRules);

        var validation = TableValidation.Validate(this);
        if (validation.Ok)
        {
            Touch();
            return TableResult.Success;
        }

        Exists = tableExisted;
        chain.Exists = chainExisted;
        chain.MutableRules.Clear();
        chain.MutableRules.AddRange(before);
        return validation with { Chain = chainName };
    }

    private TableResult CheckRule(Chain chain, Rule rule)
    {
        // nf_tables cannot express "not in 0.0.0.0/0": the kernel refuses the empty comparison.
        if ((rule.Ip.IsInverted(IpInversions.Source) && rule.Ip.SourceMask.Value == 0)
            || (rule.Ip.IsInverted(IpInversions.Destination) && rule.Ip.DestinationMask.Value == 0))
        {
            return TableResult.Fail(TableError.InvalidRule);
        }

        if (rule.Target is JumpTarget jump)
        {
            var target = FindChain(jump.Chain);
            // The error names the chain jumped to, so the caller can tell it from its own chain missing.
            if (target is null || !target.Exists) return TableResult.Fail(TableError.NoSuchChain, jump.Chain);
            if (target.IsBuiltin) return TableResult.Fail(TableError.NotSupported);
        }

        var hooks = chain.Hook?.ToMask() ?? HookMask.None;
        return RuleCheck.Check(Kind, hooks, rule);
    }

    // ---- chains ------------------------------------------------------------------------------

    /// <summary>
    /// Create the table and its built-in chains if they do not exist yet (iptables-nft's
    /// nft_xt_builtin_init, which some commands run first: a verbose flush of all chains, for one).
    /// </summary>
    public void CreateBuiltinChains()
    {
        Exists = true;
        foreach (var chain in _builtins) chain.Exists = true;
        Touch();
    }

    /// <summary><c>-F [chain]</c>: remove the rules of one chain (creating a built-in one) or of all.</summary>
    public TableResult Flush(string? chain = null)
    {
        if (chain is null)
        {
            foreach (var c in _chains.Values) c.MutableRules.Clear();
            Touch();
            return TableResult.Success;
        }
        if (FindChain(chain) is not { } target) return TableResult.Fail(TableError.NoSuchChain, chain);
        Exists = true;
        target.Exists = true;
        target.MutableRules.Clear();
        Touch();
        return TableResult.Success;
    }

    /// <summary><c>-Z [chain [n]]</c>: zero rule and policy counters.</summary>
    public TableResult Zero(string? chain = null, int? ruleNumber = null)
    {
        if (chain is null)
        {
            foreach (var c in _chains.Values) ZeroChain(c);
            return TableResult.Success;
        }
        var target = FindChain(chain);
        if (ruleNumber is int number)
        {
            if (target is not { Exists: true }) return TableResult.Fail(TableError.NoSuchRule, chain);
            // Zeroing a rule number beyond the chain changes nothing and is no error.
            if (number >= 1 && number <= target.Rules.Count) target.MutableRules[number - 1].Counters = default;
            return TableResult.Success;
        }
        if (target is not { Exists: true }) return TableResult.Fail(TableError.NoSuchChain, chain);
        ZeroChain(target);
        return TableResult.Success;
    }

    private static void ZeroChain(Chain chain)
    {
        chain.PolicyCounters = default;
        foreach (var rule in chain.MutableRules) rule.Counters = default;
    }

    /// <summary><c>-N chain</c>.</summary>
    public TableResult NewChain(string name)
    {
        if (_chains.ContainsKey(name)) return TableResult.Fail(TableError.ChainExists, name);
        _chains.Add(name, new Chain(name, null));
        Exists = true;
        Touch();
        return TableResult.Success;
    }

    /// <summary>
    /// <c>-X chain</c>: delete an empty, unreferenced chain. nf_tables lets an empty, unreferenced
    /// built-in chain go too; it then no longer exists (as before first use).
    /// </summary>
    public TableResult DeleteChain(string name)
    {
        if (FindChain(name) is not { Exists: true } chain) return TableResult.Fail(TableError.NoSuchChain, name);
        if (chain.Rules.Count > 0 || ReferenceCount(name) > 0) return TableResult.Fail(TableError.ChainInUse, name);
        if (chain.IsBuiltin)
        {
            chain.Exists = false;
            chain.Policy = ChainPolicy.Accept;
            chain.PolicyCounters = default;
        }
        else
        {
            _chains.Remove(name);
        }
        Touch();
        return TableResult.Success;
    }

    /// <summary>
    /// <c>-X</c>: delete every user chain, all or none; the first chain still holding rules or
    /// still jumped to is named in the error. iptables-nft also removes the built-in chains that
    /// hold no rules and have the ACCEPT policy, since they change nothing; they no longer exist
    /// afterwards.
    /// </summary>
    public TableResult DeleteChains()
    {
        var users = UserChains.ToList();
        foreach (var chain in users)
            if (chain.Rules.Count > 0 || ReferenceCount(chain.Name) > 0)
                return TableResult.Fail(TableError.ChainInUse, chain.Name);
        foreach (var chain in users) _chains.Remove(chain.Name);
        foreach (var chain in _builtins)
        {
            if (chain.Rules.Count > 0 || chain.Policy != ChainPolicy.Accept) continue;
            chain.Exists = false;
            chain.PolicyCounters = default;
        }
        Touch();
        return TableResult.Success;
    }

    /// <summary><c>-E old new</c>: rename a user chain; the rules that jump to it follow.</summary>
    public TableResult RenameChain(string oldName, string newName)
    {
        if (FindChain(oldName) is not { Exists: true } chain) return TableResult.Fail(TableError.NoSuchChain, oldName);
        if (_chains.ContainsKey(newName)) return TableResult.Fail(TableError.ChainExists, newName);
        if (chain.IsBuiltin) return TableResult.Fail(TableError.NotSupported, oldName);

        _chains.Remove(oldName);
        chain.Name = newName;
        _chains.Add(newName, chain);
        foreach (var c in _chains.Values)
        {
            var rules = c.MutableRules;
            for (int i = 0; i < rules.Count; i++)
                if (rules[i].Target is JumpTarget jump && jump.Chain == oldName)
                    rules[i] = rules[i].WithTarget(jump with { Chain = newName });
        }
        Touch();
        return TableResult.Success;
    }

    /// <summary><c>-P chain policy</c>, optionally setting the policy counters (iptables-restore -c).</summary>
    public TableResult SetPolicy(string chain, ChainPolicy policy, PacketCounters? counters = null)
    {
        if (FindChain(chain) is not { IsBuiltin: true } target) return TableResult.Fail(TableError.NotBuiltinChain, chain);
        Exists = true;
        target.Exists = true;
        target.Policy = policy;
        target.HasPolicyCounter = true;
        if (counters is { } value) target.PolicyCounters = value;
        Touch();
        return TableResult.Success;
    }

    // ---- transactions ------------------------------------------------------------------------

    /// <summary>
    /// A deep copy to apply several operations to before committing them all at once with
    /// <see cref="CopyFrom"/> (iptables commits each command, and each iptables-restore table,
    /// as one nf_tables transaction).
    /// </summary>
    public Table Clone()
    {
        var copy = new Table(Kind) { Exists = Exists };
        copy._chains.Clear();
        for (int i = 0; i < _builtins.Length; i++)
        {
            copy._builtins[i] = _builtins[i].Clone();
            copy._chains.Add(copy._builtins[i].Name, copy._builtins[i]);
        }
        foreach (var chain in _chains.Values.Where(c => !c.IsBuiltin))
            copy._chains.Add(chain.Name, chain.Clone());
        return copy;
    }

    /// <summary>Take over the state of <paramref name="other"/> (a committed working copy of this table).</summary>
    public void CopyFrom(Table other)
    {
        if (other.Kind != Kind) throw new ArgumentException("tables differ", nameof(other));
        Exists = other.Exists;
        _chains.Clear();
        for (int i = 0; i < _builtins.Length; i++)
        {
            _builtins[i] = other._builtins[i].Clone();
            _chains.Add(_builtins[i].Name, _builtins[i]);
        }
        foreach (var chain in other._chains.Values.Where(c => !c.IsBuiltin))
            _chains.Add(chain.Name, chain.Clone());
        Touch();
    }

    /// <summary>
    /// Forget everything, as iptables-restore does to each table it loads without --noflush
    /// (nf_tables deletes the table and creates it afresh).
    /// </summary>
    public void Reset()
    {
        Exists = false;
        _chains.Clear();
        for (int i = 0; i < _builtins.Length; i++)
        {
            _builtins[i] = new Chain(_builtins[i].Name, _builtins[i].Hook);
            _chains.Add(_builtins[i].Name, _builtins[i]);
        }
        Touch();
    }

    public override string ToString() => Name;
}
