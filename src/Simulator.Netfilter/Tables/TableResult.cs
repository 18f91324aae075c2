namespace Simulator.Netfilter.Tables;

/// <summary>Why a table operation was refused; the kernel's errno in brackets.</summary>
public enum TableError
{
    None,
    /// <summary>No such chain, or a built-in chain not created yet (ENOENT).</summary>
    NoSuchChain,
    /// <summary>A chain of that name exists (EEXIST).</summary>
    ChainExists,
    /// <summary>No rule with that specification in the chain (ENOENT).</summary>
    NoSuchRule,
    /// <summary>The rule number lies beyond the chain (E2BIG).</summary>
    IndexTooBig,
    /// <summary>A policy was asked of a chain that is not built in (ENOENT).</summary>
    NotBuiltinChain,
    /// <summary>The chain still has rules or is still jumped to (EBUSY).</summary>
    ChainInUse,
    /// <summary>A match or target refused the rule at load time (EINVAL); see the kernel log line.</summary>
    InvalidRule,
    /// <summary>Jumps would nest deeper than the kernel's jump stack, or loop (EMLINK).</summary>
    TooManyLinks,
    /// <summary>A jump to a built-in chain (EOPNOTSUPP).</summary>
    NotSupported,
}

/// <summary>
/// The outcome of a table operation: success, or an error with the chain it concerns and the
/// line the kernel logged about it, if any (what <c>dmesg</c> would show).
/// </summary>
public readonly record struct TableResult(TableError Error, string? Chain = null, string? KernelLog = null)
{
    public static TableResult Success => default;

    public bool Ok => Error == TableError.None;

    public static TableResult Fail(TableError error, string? chain = null, string? kernelLog = null) =>
        new(error, chain, kernelLog);
}
