namespace Simulator.Netfilter.Tables;

/// <summary>
/// What the kernel registers for each table: its name, the hooks of its built-in chains
/// (net/ipv4/netfilter/iptable_*.c valid_hooks) and the priority each of those hooks runs at
/// (<c>enum nf_ip_hook_priorities</c>).
/// </summary>
public static class TableSchema
{
    /// <summary>NF_IP_PRI_RAW.</summary>
    public const int RawPriority = -300;
    /// <summary>NF_IP_PRI_CONNTRACK: where the stack runs connection tracking.</summary>
    public const int ConntrackPriority = -200;
    public const int ManglePriority = -150;
    /// <summary>NF_IP_PRI_NAT_DST: nat PREROUTING and OUTPUT (DNAT).</summary>
    public const int NatDestinationPriority = -100;
    public const int FilterPriority = 0;
    public const int SecurityPriority = 50;
    /// <summary>NF_IP_PRI_NAT_SRC: nat INPUT and POSTROUTING (SNAT).</summary>
    public const int NatSourcePriority = 100;

    public static IReadOnlyList<TableKind> All { get; } =
        [TableKind.Raw, TableKind.Mangle, TableKind.Nat, TableKind.Filter, TableKind.Security];

    public static string Name(TableKind table) => table switch
    {
        TableKind.Raw => "raw",
        TableKind.Mangle => "mangle",
        TableKind.Nat => "nat",
        TableKind.Filter => "filter",
        TableKind.Security => "security",
        _ => throw new ArgumentOutOfRangeException(nameof(table)),
    };

    public static bool TryParse(string? name, out TableKind table)
    {
        foreach (var kind in All)
        {
            if (Name(kind) == name)
            {
                table = kind;
                return true;
            }
        }
        table = default;
        return false;
    }

    /// <summary>The hooks the table has built-in chains for, in hook order.</summary>
    public static HookMask ValidHooks(TableKind table) => table switch
    {
        TableKind.Raw => HookMask.PreRouting | HookMask.LocalOut,
        TableKind.Mangle => HookMask.All,
        TableKind.Nat => HookMask.PreRouting | HookMask.LocalIn | HookMask.LocalOut | HookMask.PostRouting,
        TableKind.Filter or TableKind.Security => HookMask.LocalIn | HookMask.Forward | HookMask.LocalOut,
        _ => throw new ArgumentOutOfRangeException(nameof(table)),
    };

    public static IReadOnlyList<NetfilterHook> BuiltinHooks(TableKind table)
    {
        var mask = ValidHooks(table);
        var hooks = new List<NetfilterHook>(5);
        foreach (var hook in Enum.GetValues<NetfilterHook>())
            if (mask.Contains(hook)) hooks.Add(hook);
        return hooks;
    }

    public static int Priority(TableKind table, NetfilterHook hook) => table switch
    {
        TableKind.Raw => RawPriority,
        TableKind.Mangle => ManglePriority,
        TableKind.Nat => hook is NetfilterHook.PreRouting or NetfilterHook.LocalOut
            ? NatDestinationPriority
            : NatSourcePriority,
        TableKind.Filter => FilterPriority,
        TableKind.Security => SecurityPriority,
        _ => throw new ArgumentOutOfRangeException(nameof(table)),
    };

    /// <summary>
    /// The tables that have a chain at <paramref name="hook"/>, in the order the kernel runs them
    /// (ascending priority). Connection tracking runs between raw and mangle
    /// (<see cref="ConntrackPriority"/>); that is the stack's business.
    /// </summary>
    public static IReadOnlyList<TableKind> TablesAt(NetfilterHook hook) =>
        All.Where(t => ValidHooks(t).Contains(hook)).OrderBy(t => Priority(t, hook)).ToList();
}
