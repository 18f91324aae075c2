namespace Simulator.Netfilter.Tables;

/// <summary>The five iptables tables of one network namespace.</summary>
public sealed class NetfilterTables
{
    private readonly Table[] _tables = [.. TableSchema.All.Select(kind => new Table(kind))];

    public Table this[TableKind kind] => _tables[(int)kind];

    public Table Raw => this[TableKind.Raw];
    public Table Mangle => this[TableKind.Mangle];
    public Table Nat => this[TableKind.Nat];
    public Table Filter => this[TableKind.Filter];
    public Table Security => this[TableKind.Security];

    public IReadOnlyList<Table> All => _tables;

    public Table? Find(string name) => TableSchema.TryParse(name, out var kind) ? this[kind] : null;
}
