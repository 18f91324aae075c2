using Simulator.Netfilter.Tables;

namespace Simulator.Cli.Commands.Iptables;

/// <summary>
/// A table operation that failed. Some failures iptables finds itself in its cache of the
/// ruleset and reports with nft_strerror's words ("iptables: Chain already exists."); the
/// others come back from the kernel when the batch is committed and are reported as the
/// operation, the errno and the object (" RULE_APPEND failed (Invalid argument): rule in chain INPUT").
/// </summary>
internal sealed class TableFailure : Exception
{
    private TableFailure(string message, bool fromKernel, bool invalidArgument, string? operation, string? errnoText,
        string? subject) : base(message)
    {
        FromKernel = fromKernel;
        InvalidArgument = invalidArgument;
        Operation = operation;
        ErrnoText = errnoText;
        Subject = subject;
    }

    public bool FromKernel { get; }

    /// <summary>A user-space EINVAL, after which iptables suggests reading dmesg.</summary>
    public bool InvalidArgument { get; }

    public string? Operation { get; }
    public string? ErrnoText { get; }
    public string? Subject { get; }

    /// <summary>What the kernel logged when it refused (dmesg), if anything.</summary>
    public string? KernelLog { get; private init; }

    public static TableFailure Userspace(string message, bool invalidArgument = false) =>
        new(message, false, invalidArgument, null, null, null);

    public static TableFailure Kernel(string operation, string errnoText, string subject) =>
        new($"{operation} failed ({errnoText}): {subject}", true, false, operation, errnoText, subject);

    /// <summary>
    /// Map a model error to what iptables says. <paramref name="operation"/> is the batch
    /// operation (RULE_APPEND, CHAIN_DEL, ...), <paramref name="chain"/> the chain the command
    /// names; <paramref name="indexMessage"/> the words for a rule number past the end.
    /// </summary>
    public static TableFailure From(TableResult result, string operation, string chain, string? indexMessage = null,
        bool ruleSubject = true)
    {
        string subject = ruleSubject ? $"rule in chain {chain}" : $"chain {result.Chain ?? chain}";
        var failure = result.Error switch
        {
            TableError.NoSuchChain when result.Chain is null || result.Chain == chain =>
                Userspace("No chain/target/match by that name"),
            TableError.NoSuchChain => Kernel(operation, "No such file or directory", subject),
            TableError.NoSuchRule => Userspace("Bad rule (does a matching rule exist in that chain?)"),
            TableError.IndexTooBig => Userspace(indexMessage ?? "Argument list too long"),
            TableError.ChainExists => Userspace("Chain already exists"),
            TableError.NotBuiltinChain => Userspace("Bad built-in chain name"),
            TableError.ChainInUse => Kernel(operation, "Device or resource busy", subject),
            TableError.InvalidRule => Kernel(operation, "Invalid argument", subject),
            TableError.TooManyLinks => Kernel(operation, "Too many links", subject),
            TableError.NotSupported => Kernel(operation, "Operation not supported", subject),
            _ => Userspace(result.Error.ToString()),
        };
        return result.KernelLog is null ? failure : new TableFailure(failure.Message, failure.FromKernel,
            failure.InvalidArgument, failure.Operation, failure.ErrnoText, failure.Subject) { KernelLog = result.KernelLog };
    }
}
