namespace Simulator.Netfilter.Tables;

/// <summary>The five iptables tables of one network namespace.</summary>
public sealed class NetfilterTables
{
    private readonly Table[] _tables;

    public NetfilterTables()
    {
        _tables = [.. TableSchema.All.Select(kind => new Table(kind))];
        foreach (var table in _tables) table.Changed = () => Changed?.Invoke();
    }

    /// <summary>
    /// Raised after a change to any table is committed (rules, chains, policies: not counters), so
    /// that the packet path can re-derive which hooks are registered and whether connection
    /// tracking is needed.
    /// </summary>
    public event Action? Changed;

    public Table this[TableKind kind] => _tables[(int)kind];

    public Table Raw => this[TableKind.Raw];
    public Table Mangle => this[TableKind.Mangle];
    public Table Nat => this[TableKind.Nat];
    public Table Filter => this[TableKind.Filter];
    public Table Security => this[TableKind.Security];

    public IReadOnlyList<Table> All => _tables;

    public Table? Find(string name) => TableSchema.TryParse(name, out var kind) ? this[kind] : null;

    /// <summary>
    /// Does any committed rule need connection tracking, or a nat chain exist (an nft nat chain
    /// takes a conntrack reference: nf_ct_netns_get)? Then the namespace tracks connections.
    /// </summary>
    public bool NeedConntrack()
    {
        if (Nat.Exists && Nat.BuiltinChains.Any(c => c.Exists)) return true;
        foreach (var table in _tables)
        {
            if (!table.Exists) continue;
            foreach (var chain in table.Chains)
                foreach (var rule in chain.Rules)
                {
                    if (rule.Target?.NeedsConntrack == true) return true;
                    foreach (var match in rule.Matches)
                        if (match.NeedsConntrack) return true;
                }
        }
        return false;
    }
}
