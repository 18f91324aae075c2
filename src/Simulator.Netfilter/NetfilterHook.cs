namespace Simulator.Netfilter;

/// <summary>
/// The five IPv4 netfilter hooks, numbered as the kernel's <c>enum nf_inet_hooks</c>
/// (<c>NF_INET_PRE_ROUTING</c> = 0 ... <c>NF_INET_POST_ROUTING</c> = 4).
/// </summary>
public enum NetfilterHook
{
    PreRouting = 0,
    LocalIn = 1,
    Forward = 2,
    LocalOut = 3,
    PostRouting = 4,
}

/// <summary>A set of hooks, one bit per <see cref="NetfilterHook"/> as the kernel's <c>hook_mask</c>.</summary>
[Flags]
public enum HookMask
{
    None = 0,
    PreRouting = 1 << NetfilterHook.PreRouting,
    LocalIn = 1 << NetfilterHook.LocalIn,
    Forward = 1 << NetfilterHook.Forward,
    LocalOut = 1 << NetfilterHook.LocalOut,
    PostRouting = 1 << NetfilterHook.PostRouting,
    All = PreRouting | LocalIn | Forward | LocalOut | PostRouting,
}

public static class NetfilterHookExtensions
{
    /// <summary>The chain name iptables gives the hook's built-in chain.</summary>
    public static string ChainName(this NetfilterHook hook) => hook switch
    {
        NetfilterHook.PreRouting => "PREROUTING",
        NetfilterHook.LocalIn => "INPUT",
        NetfilterHook.Forward => "FORWARD",
        NetfilterHook.LocalOut => "OUTPUT",
        NetfilterHook.PostRouting => "POSTROUTING",
        _ => throw new ArgumentOutOfRangeException(nameof(hook)),
    };

    public static HookMask ToMask(this NetfilterHook hook) => (HookMask)(1 << (int)hook);

    public static bool Contains(this HookMask mask, NetfilterHook hook) => (mask & hook.ToMask()) != 0;

    /// <summary>
    /// The hook names joined by '/', in hook order, as x_tables writes them in its
    /// "used from hooks ..., but only usable from ..." message.
    /// </summary>
    public static string Describe(this HookMask mask)
    {
        var names = new List<string>(5);
        foreach (var hook in Enum.GetValues<NetfilterHook>())
            if (mask.Contains(hook)) names.Add(hook.ChainName());
        return string.Join('/', names);
    }
}
