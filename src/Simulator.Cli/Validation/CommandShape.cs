namespace Simulator.Cli.Validation;

/// <summary>
/// A command line seen through its wrappers: <c>ip netns exec NS</c>, <c>timeout DURATION</c>,
/// <c>nohup</c>. The program that finally runs decides whether the command is a network
/// command, whether it ends by itself, and where it runs.
/// </summary>
public sealed class CommandShape
{
    private CommandShape(IReadOnlyList<string> program, string? netnsTarget, bool timeLimited)
    {
        Program = program;
        NetnsTarget = netnsTarget;
        TimeLimited = timeLimited;
    }

    /// <summary>The program's argv, after every wrapper.</summary>
    public IReadOnlyList<string> Program { get; }

    public string Name => Program.Count > 0 ? NamespaceArguments.ToolName(Program[0]) : "";

    /// <summary>The scenario namespace the innermost <c>ip netns exec</c> enters, if any.</summary>
    public string? NetnsTarget { get; }

    /// <summary>A <c>timeout</c> bounds it.</summary>
    public bool TimeLimited { get; }

    public IEnumerable<string> Arguments => Program.Skip(1);

    public static CommandShape Of(IReadOnlyList<string> argv)
    {
        string? target = null;
        bool limited = false;
        var current = argv;
        while (current.Count > 0)
        {
            var name = NamespaceArguments.ToolName(current[0]);
            if (name == "ip" && IpNetnsExec(current) is { } exec)
            {
                target = current[exec];
                current = current.Skip(exec + 1).ToList();
            }
            else if (name == "timeout")
            {
                limited = true;
                current = current.Skip(NamespaceArguments.TimeoutCommandStart(current)).ToList();
            }
            else if (name == "nohup")
            {
                current = current.Skip(1).ToList();
            }
            else
            {
                break;
            }
        }
        return new CommandShape(current, target, limited);
    }

    /// <summary>For <c>ip [OPTIONS] netns exec NS …</c>, the index of NS; else null.</summary>
    public static int? IpNetnsExec(IReadOnlyList<string> argv)
    {
        int obj = NamespaceArguments.IpObjectIndex(argv);
        if (obj + 2 < argv.Count && NamespaceArguments.IsNetnsObject(argv[obj]) && NamespaceArguments.IpNetnsVerb(argv[obj + 1]) == "exec")
            return obj + 2;
        return null;
    }

    /// <summary>The ip netns verb (add, delete, exec…) of an <c>ip netns</c> command line, else null.</summary>
    public static string? IpNetnsVerbOf(IReadOnlyList<string> argv)
    {
        if (argv.Count == 0 || NamespaceArguments.ToolName(argv[0]) != "ip") return null;
        int obj = NamespaceArguments.IpObjectIndex(argv);
        if (obj >= argv.Count || !NamespaceArguments.IsNetnsObject(argv[obj])) return null;
        return obj + 1 < argv.Count ? NamespaceArguments.IpNetnsVerb(argv[obj + 1]) : "list";
    }

    /// <summary>The ip object word (link, addr, netns…), or null for another tool.</summary>
    public string? IpObject =>
        Name == "ip" && NamespaceArguments.IpObjectIndex(Program) is var i && i < Program.Count ? Program[i] : null;

    /// <summary>True when a short option of this program carries one of <paramref name="letters"/> (-c3, -qc 3, -c 3).</summary>
    public bool HasShortOption(string letters) =>
        Arguments.Any(a => a.Length > 1 && a[0] == '-' && a[1] != '-' &&
                           a[1..].TakeWhile(c => !char.IsAsciiDigit(c)).Any(c => letters.Contains(c, StringComparison.Ordinal)));

    /// <summary>
    /// The scenario namespace the program acts in: the target of <c>ip netns exec</c>, else of
    /// <c>ip -n NS</c>, else the shell's (null: the host).
    /// </summary>
    public string? RunsIn(string? contextNamespace)
    {
        if (Name == "ip")
        {
            for (int i = 1; i + 1 < Program.Count && Program[i].StartsWith('-'); i++)
                if (NamespaceArguments.IpOption(Program[i]) == "netns") return Program[i + 1];
        }
        return NetnsTarget ?? contextNamespace;
    }

    /// <summary>
    /// The command may change a link's carrier or existence (ip link add/set/del, ip netns
    /// delete, brctl addif, ifconfig up…): what the kernel shows next settles only later.
    /// </summary>
    public bool ChangesLinks
    {
        get
        {
            var args = Program.Skip(1).ToList();
            switch (Name)
            {
                case "ip":
                    if (CommandShape.IpNetnsVerbOf(Program) is { } verb) return verb == "delete";
                    var obj = IpObject;
                    int at = NamespaceArguments.IpObjectIndex(Program) + 1;
                    return obj is { Length: > 0 } && "link".StartsWith(obj, StringComparison.Ordinal) &&
                           at < Program.Count && Program[at] is "add" or "set" or "del" or "delete" or "change";
                case "brctl":
                    return args.FirstOrDefault() is "addbr" or "delbr" or "addif" or "delif";
                case "ifconfig":
                    return args.Any(a => a is "up" or "down");
                case "bridge":
                    return args.FirstOrDefault() is "link";
                default:
                    return false;
            }
        }
    }

    public bool HasArgument(string argument) => Arguments.Contains(argument, StringComparer.Ordinal);
}
