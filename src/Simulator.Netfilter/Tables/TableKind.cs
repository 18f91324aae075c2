namespace Simulator.Netfilter.Tables;

/// <summary>The five IPv4 tables.</summary>
public enum TableKind
{
    Raw,
    Mangle,
    Nat,
    Filter,
    Security,
}
