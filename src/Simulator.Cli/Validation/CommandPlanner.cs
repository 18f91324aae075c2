using System.Globalization;

namespace Simulator.Cli.Validation;

/// <summary>
/// Decides, command by command, what the kernel side of a validation run does: compare, skip
/// (with the reason the report prints), sleep along, or look inside a shell. Commands are
/// treated generically by tool name: the planner knows which tools are network tools, which
/// run until interrupted, which arguments name namespaces, and nothing of any command's output.
/// </summary>
public sealed class CommandPlanner(RealNamespaces names, KernelCapabilities capabilities, string scratchDirectory)
{
    /// <summary>The longest sleep the kernel side waits through to keep time aligned.</summary>
    public static readonly TimeSpan LongestRealSleep = TimeSpan.FromSeconds(120);

    /// <summary>Tools whose status and output say something about the network stack.</summary>
    public static readonly IReadOnlySet<string> NetworkTools = new HashSet<string>(StringComparer.Ordinal)
    {
        "ip", "bridge", "tc", "ss", "nstat", "ethtool",
        "iptables", "iptables-save", "iptables-restore", "iptables-nft", "iptables-nft-save", "iptables-nft-restore",
        "iptables-legacy", "iptables-legacy-save", "iptables-legacy-restore",
        "ip6tables", "ip6tables-save", "ip6tables-restore", "ebtables", "arptables", "nft",
        "brctl", "sysctl", "conntrack",
        "ping", "ping4", "arping", "traceroute", "tracepath", "tcpdump",
        "ifconfig", "route", "netstat", "arp", "nc", "ncat", "netcat",
        "nslookup", "dig", "host", "curl", "wget", "ifenslave", "vconfig", "teamd", "teamdctl",
    };

    /// <summary>Tools that read their standard input as data (rules to restore, what netcat sends).</summary>
    private static readonly IReadOnlySet<string> StdinReaders = new HashSet<string>(StringComparer.Ordinal)
    {
        "iptables-restore", "ip6tables-restore", "iptables-nft-restore", "iptables-legacy-restore",
        "nc", "ncat", "netcat",
    };

    private static readonly IReadOnlySet<string> Shells = new HashSet<string>(StringComparer.Ordinal) { "bash", "sh", "dash" };

    private readonly NamespaceArguments _arguments = new(names);
    private readonly HashSet<string> _skippedDevices = new(StringComparer.Ordinal);

    /// <param name="argv">The command as the model runs it.</param>
    /// <param name="scenarioNamespace">The namespace the model runs it in (null: the host).</param>
    /// <param name="background">Started with &amp;.</param>
    public CommandPlan Plan(IReadOnlyList<string> argv, string? scenarioNamespace, bool background)
    {
        var shape = CommandShape.Of(argv);
        if (shape.Program.Count == 0) return CommandPlan.Skip("no program to run");
        if (Shells.Contains(shape.Name))
            return new CommandPlan(PlanKind.Transparent, "a shell: the commands it runs are compared one by one", [], false);
        if (JobControl.Contains(shape.Name) && shape.NetnsTarget is null && !shape.TimeLimited)
            return new CommandPlan(PlanKind.JobControl, JobControlReason(shape.Name), [], false);
        if (shape.Name == "sleep" && !background) return PlanSleep(argv, shape, scenarioNamespace);
        if (!NetworkTools.Contains(shape.Name)) return CommandPlan.Skip("not a network command");
        if (WhyNotRun(shape) is { } reason) return CommandPlan.Skip(reason);
        // A job may run until it is killed: the kernel's is ended with the model's, at the latest
        // when the script ends.
        if (!background && Unbounded(shape) is { } unbounded) return CommandPlan.Skip(unbounded);
        if (MachineFile(argv, shape) is { } file)
            return CommandPlan.Skip($"refused: {file} is a file of the machine; the scenario's files live in NetSim's virtual file system");
        if (argv.FirstOrDefault(_skippedDevices.Contains) is { } device)
            return CommandPlan.Skip($"refers to {device}, whose creation was skipped");
        var mapped = _arguments.Map(argv);
        if (mapped.Refusal is { } refusal) return CommandPlan.Skip("refused: " + refusal);
        var real = PlaceInNamespace(argv, mapped.Argv, scenarioNamespace);
        var plan = new CommandPlan(background ? PlanKind.Job : PlanKind.Compare, null, RedirectWrites(real, shape), StdinReaders.Contains(shape.Name));
        if (LinkKind(shape) is { } kind && capabilities.WhyNot(kind) is { } missing)
            plan = plan with { MissingKind = missing, CreatedDevices = CreatedDevices(shape).ToList() };
        if (!background && !shape.TimeLimited && EndsWithPeer(shape)) plan = plan with { EndsWithPeer = true };
        return plan;
    }

    /// <summary>The model created devices the kernel cannot: later commands that name them are skipped too.</summary>
    public void MarkSkipped(IEnumerable<string> devices)
    {
        foreach (var device in devices) _skippedDevices.Add(device);
    }

    /// <summary>
    /// Every real command runs inside the run's namespaces: in the mapped namespace of the shell
    /// that runs it (the scenario's host: PREFIX.host). Two forms run as they are, because they
    /// only name the run's namespaces and must act on the machine's mount table:
    /// <c>ip netns add/delete</c> (a namespace pinned from inside <c>ip netns exec</c> would be
    /// pinned in that command's private mount namespace and vanish) and <c>ip netns exec</c>,
    /// which enters its own target at once.
    /// </summary>
    private IReadOnlyList<string> PlaceInNamespace(IReadOnlyList<string> argv, IReadOnlyList<string> mapped, string? scenarioNamespace)
    {
        if (CommandShape.IpNetnsVerbOf(argv) is "add" or "delete" or "exec") return mapped;
        return ["ip", "netns", "exec", names.MapContext(scenarioNamespace), .. mapped];
    }

    /// <summary>
    /// An absolute path among the arguments (iptables-restore /root/rules, curl -o /tmp/x): on the
    /// kernel side it would read or write the machine's own file. Namespace paths (mapped),
    /// /dev/null and the file of tcpdump -w (redirected to the scratch directory) are fine.
    /// </summary>
    private static string? MachineFile(IReadOnlyList<string> argv, CommandShape shape)
    {
        for (int i = 1; i < argv.Count; i++)
        {
            var arg = argv[i];
            if (!arg.StartsWith('/') || ReferenceEquals(arg, shape.Program[0])) continue;
            if (arg == "/dev/null" || arg.StartsWith("/run/netns/", StringComparison.Ordinal) || arg.StartsWith("/var/run/netns/", StringComparison.Ordinal)) continue;
            if (shape.Name == "tcpdump" && argv[i - 1] == "-w") continue;
            return arg;
        }
        return null;
    }

    /// <summary>tcpdump -w FILE writes a file: into the run's scratch directory, never the machine's paths.</summary>
    private IReadOnlyList<string> RedirectWrites(IReadOnlyList<string> argv, CommandShape shape)
    {
        if (shape.Name != "tcpdump") return argv;
        var result = argv.ToList();
        for (int i = 0; i + 1 < result.Count; i++)
            if (result[i] == "-w" && result[i + 1] != "-")
                result[i + 1] = Path.Combine(scratchDirectory, Path.GetFileName(result[i + 1]));
        return result;
    }

    private CommandPlan PlanSleep(IReadOnlyList<string> argv, CommandShape shape, string? scenarioNamespace)
    {
        var seconds = shape.Arguments.Select(ParseSeconds).ToList();
        if (seconds.Count == 0 || seconds.Any(s => s is null))
            return CommandPlan.Skip("not a network command");
        var total = TimeSpan.FromSeconds(seconds.Sum(s => s!.Value));
        if (total > LongestRealSleep)
            return CommandPlan.Skip($"not a network command (longer than the {LongestRealSleep.TotalSeconds:0} s the kernel side waits)");
        var mapped = _arguments.Map(argv);
        if (mapped.Refusal is not null) return CommandPlan.Skip("not a network command");
        return new CommandPlan(PlanKind.Pace, "not a network command (slept on both sides to keep time aligned)",
            PlaceInNamespace(argv, mapped.Argv, scenarioNamespace), false);
    }

    private static double? ParseSeconds(string text)
    {
        double unit = 1;
        var number = text;
        if (text.Length > 1 && "smhd".Contains(text[^1], StringComparison.Ordinal))
        {
            unit = text[^1] switch { 'm' => 60, 'h' => 3600, 'd' => 86400, _ => 1 };
            number = text[..^1];
        }
        return double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) ? value * unit : null;
    }

    /// <summary>Why a network command must not run on the kernel here, or null.</summary>
    private static string? WhyNotRun(CommandShape shape)
    {
        switch (shape.Name)
        {
            case "tcpdump" when shape.HasShortOption("r"):
                return "reads a capture file the model wrote";
            case "ip" when CommandShape.IpNetnsVerbOf(shape.Program) is "pids" or "identify":
                return "prints process ids of the machine";
            case "sysctl":
                return WhyNotSysctl(shape);
        }
        return null;
    }

    /// <summary>How long past the model's time a command that ends with its peer may run on the kernel.</summary>
    public static readonly TimeSpan PeerGrace = TimeSpan.FromSeconds(5);

    /// <summary>
    /// nc without -w, -z or -q ends when its peer does: a refused connect, a server that closes
    /// after the client's -N. The model's run says when that was.
    /// </summary>
    private static bool EndsWithPeer(CommandShape shape) =>
        shape.Name is "nc" or "ncat" or "netcat" && !shape.HasShortOption("l") && !shape.HasShortOption("wzq");

    /// <summary>Why a command would run until interrupted (fine for a job, not in the foreground), or null.</summary>
    private static string? Unbounded(CommandShape shape)
    {
        if (shape.TimeLimited) return null;
        switch (shape.Name)
        {
            case "ping" or "ping4" when !shape.HasShortOption("cw"):
                return "unbounded: ping without -c or -w runs until interrupted";
            case "arping" when !shape.HasShortOption("cw"):
                return "unbounded: arping without -c or -w runs until interrupted";
            case "tcpdump" when !shape.HasShortOption("c"):
                return "unbounded: tcpdump without -c runs until interrupted";
            case "nc" or "ncat" or "netcat" when shape.HasShortOption("l"):
                return "unbounded: nc -l waits for a client";
            case "conntrack" when shape.HasArgument("-E") || shape.HasArgument("--event"):
                return "unbounded: conntrack -E prints events until interrupted";
            case "ip" or "bridge" when IsMonitor(shape):
                return "unbounded: monitor prints events until interrupted";
        }
        return null;
    }

    /// <summary>
    /// The shell's job control. It acts on the script's jobs, and so, through the model's jobs
    /// they are paired with, on the kernel's: never a real kill or pkill, which would reach the
    /// machine's processes.
    /// </summary>
    private static readonly IReadOnlySet<string> JobControl = new HashSet<string>(StringComparer.Ordinal) { "kill", "pkill", "wait" };

    private static string JobControlReason(string name) => name == "wait"
        ? "job control: the kernel's jobs were waited for too (each job has its own row)"
        : "job control: the signal went to the kernel's jobs too (each job has its own row)";

    private static bool IsMonitor(CommandShape shape)
    {
        if (shape.Name == "ip" && CommandShape.IpNetnsVerbOf(shape.Program) == "monitor") return true;
        var obj = shape.Name == "ip" ? shape.IpObject : shape.Arguments.FirstOrDefault(a => !a.StartsWith('-'));
        return obj is { Length: >= 2 } && "monitor".StartsWith(obj, StringComparison.Ordinal);
    }

    /// <summary>
    /// sysctl: settings under net. are the namespace's own; anything else (kernel., vm., fs.) is
    /// the machine's, and a write there would change the host. -p and --system load the
    /// machine's own files.
    /// </summary>
    private static string? WhyNotSysctl(CommandShape shape)
    {
        foreach (var arg in shape.Arguments)
        {
            if (arg is "-p" or "--system" or "-f" || arg.StartsWith("--load", StringComparison.Ordinal) ||
                arg.StartsWith('-') && !arg.StartsWith("--", StringComparison.Ordinal) && arg.Contains('p', StringComparison.Ordinal))
                return "refused: sysctl -p/--system loads the machine's own sysctl files";
            if (arg.StartsWith('-')) continue;
            int eq = arg.IndexOf('=', StringComparison.Ordinal);
            if (eq < 0) continue;
            var key = arg[..eq].Replace('/', '.');
            if (!key.StartsWith("net.", StringComparison.Ordinal))
                return $"refused: {arg[..eq]} is not a per-namespace setting; writing it would change the machine";
        }
        return null;
    }

    /// <summary>The kind of <c>ip link add … type KIND</c>, else null.</summary>
    private static string? LinkKind(CommandShape shape)
    {
        var obj = shape.IpObject;
        if (obj is null || !(obj.Length >= 1 && "link".StartsWith(obj, StringComparison.Ordinal))) return null;
        var args = shape.Program;
        int at = NamespaceArguments.IpObjectIndex(args) + 1;
        if (at >= args.Count || args[at] != "add") return null;
        for (int i = at + 1; i + 1 < args.Count; i++)
            if (args[i] == "type") return args[i + 1];
        return null;
    }

    /// <summary>The device names an <c>ip link add</c> creates: the new device and a veth peer.</summary>
    private static IEnumerable<string> CreatedDevices(CommandShape shape)
    {
        var args = shape.Program;
        int at = NamespaceArguments.IpObjectIndex(args) + 2;
        bool named = false, afterType = false;
        for (int i = at; i < args.Count; i++)
        {
            if (args[i] == "type")
            {
                afterType = true;
                i++;
            }
            else if ((args[i] == "name" || args[i] == "dev" && !afterType) && i + 1 < args.Count)
            {
                yield return args[++i];
                named = true;
            }
            else if (!afterType && args[i] is "link" or "address" or "mtu" or "txqueuelen" or "numtxqueues" or "numrxqueues" or "netns")
            {
                i++;
            }
            else if (!afterType && !named)
            {
                yield return args[i];
                named = true;
            }
        }
    }
}
