using Simulator.Cli.Shell;
using Simulator.Core.Engine;
using Simulator.Devices.Namespaces;

namespace Simulator.Cli.Host;

/// <summary>
/// The simulated machine a scenario runs on: the world of namespaces, the programs it has, and
/// the kernel files under /proc/sys. It is the shell's host: every command that is not a shell
/// builtin comes here.
/// </summary>
public sealed class Machine : ICommandHost
{
    /// <summary>The exit status of a run the simulation had to stop (event budget spent).</summary>
    public const int StoppedExitStatus = 3;

    /// <summary>
    /// Simulated time a command of the script takes to start, as fork and exec take a real shell
    /// about a millisecond. Frames still in flight when one command ends (the last datagram of an
    /// nc probe, the final ACK of a TCP close) arrive before the next command looks, as on a real
    /// machine.
    /// </summary>
    public static readonly long CommandStartTime = Simulation.Millisecond;

    private readonly Dictionary<string, INetworkCommand> _commands = new(StringComparer.Ordinal);
    private int _depth;

    public Machine(World world, IEnumerable<INetworkCommand> commands)
    {
        World = world;
        foreach (var command in commands)
            foreach (var name in command.Names)
                _commands[name] = command;
        ProcFiles = new ProcFiles(this);
        SysFiles = new SysFiles(this);
        Jobs = new Processes.JobTable(this);
    }

    /// <summary>Running programs and background jobs.</summary>
    public Processes.JobTable Jobs { get; }

    /// <summary>
    /// A simulated-time limit for the next foreground process, set by <c>timeout</c> around the
    /// command it runs; null for the default limit.
    /// </summary>
    public long? ForegroundLimit { get; set; }

    public World World { get; }
    public Simulation Simulation => World.Simulation;

    /// <summary>The interpreter running the scenario; commands re-enter it (ip netns exec).</summary>
    public ShellInterpreter Shell { get; set; } = null!;

    public ProcFiles ProcFiles { get; }

    /// <summary>The bridge files under /sys/class/net.</summary>
    public SysFiles SysFiles { get; }

    public bool HasCommand(string name) => _commands.ContainsKey(name);

    /// <summary>Why the run stopped early, or null.</summary>
    public string? StopReason { get; private set; }

    /// <summary>
    /// Runs a command. When a command typed in the script fails and says why on stderr, a note
    /// naming the script location and the command follows its own message, which stays exactly as
    /// the real tool words it.
    /// </summary>
    public int? RunExternal(CommandContext context)
    {
        var name = Path.GetFileName(context.Name);
        if (!_commands.TryGetValue(name, out var command)) return null;
        var ns = ResolveNamespace(context.Namespace);
        var stderr = new WatchedWriter(context.Stderr);
        var watched = new CommandContext(context.Arguments, context.Stdin, context.Stdout, stderr, context.Location,
            context.Environment, context.Namespace, context.Background);
        // The depth of this call, captured: exception filters run before the inner calls' finally
        // blocks have unwound _depth, so the outermost command must be recognised by its own depth.
        int? backgroundPidBefore = context.Background && _depth == 0 ? Jobs.LastBackgroundPid : null;
        int depth = ++_depth;
        if (depth == 1) Advance(Simulation.Now + CommandStartTime);
        int status;
        try
        {
            if (ns is null)
            {
                stderr.WriteLine($"Cannot open network namespace \"{context.Namespace}\": No such file or directory");
                status = 1;
            }
            else
            {
                status = command.Run(new Invocation(watched, ns, this));
            }
        }
        catch (SimulationStoppedException stopped) when (depth == 1)
        {
            StopReason = stopped.Message;
            context.Stderr.WriteLine($"netsim: {context.Location}: {CommandText(context)}: {stopped.Message}");
            throw;
        }
        finally
        {
            _depth--;
        }
        if (context.Background && depth == 1 && Jobs.LastBackgroundPid == backgroundPidBefore)
            Jobs.RecordFinishedBackground(CommandText(context), status);
        if (_depth == 0 && status != 0 && stderr.Written)
            context.Stderr.WriteLine($"netsim: {context.Location}: {CommandText(context)} (exit status {status})");
        return status;
    }

    private static string CommandText(CommandContext context) => string.Join(' ', context.Arguments.Select(ShellQuoting.Quote));

    /// <summary>Forwards to a writer and remembers whether anything was written.</summary>
    private sealed class WatchedWriter(TextWriter inner) : TextWriter
    {
        public bool Written { get; private set; }
        public override System.Text.Encoding Encoding => inner.Encoding;
        public override void Write(char value) { Written = true; inner.Write(value); }
        public override void Write(string? value) { if (!string.IsNullOrEmpty(value)) Written = true; inner.Write(value); }
        public override void Write(char[] buffer, int index, int count) { if (count > 0) Written = true; inner.Write(buffer, index, count); }
        public override void Flush() => inner.Flush();
    }

    public NetworkNamespace? ResolveNamespace(string? name) =>
        name is null ? World.InitialNamespace : World.FindNamespace(name);

    /// <summary>
    /// Runs the simulation until <paramref name="until"/> (absolute virtual time) or until
    /// <paramref name="done"/> holds. A command that waits (ping, sleep) calls this.
    /// </summary>
    public void Advance(long until, Func<bool>? done = null)
    {
        var outcome = done is null ? Simulation.RunUntil(until) : Simulation.RunUntil(until, done);
        if (outcome == RunOutcome.BudgetExhausted)
            throw new SimulationStoppedException(
                $"the simulation ran {Simulation.EventBudget:N0} events in one command without settling " +
                $"(virtual time {Simulation.Now / 1e9:F3}s). Frames are most likely circulating in a forwarding loop " +
                "(two bridges joined twice with STP off, or routes pointing at each other).");
    }

    /// <summary>
    /// Reads a file as a program in <paramref name="ns"/> sees it: kernel files from the model,
    /// others from the scenario's file system, with /etc/netns/NS/X standing in for /etc/X inside
    /// a named namespace (what ip netns exec bind-mounts).
    /// </summary>
    public string? ReadFile(string? ns, string path, out string? error)
    {
        var full = VirtualFileSystem.Normalize(path, Shell.WorkingDirectory);
        var special = ReadSpecialFile(ns, full, out error);
        if (special != null || error != null) return special;
        if (ns != null && full.StartsWith("/etc/", StringComparison.Ordinal))
        {
            var netnsPath = $"/etc/netns/{ns}/{full["/etc/".Length..]}";
            var content = Shell.FileSystem.ReadFile(netnsPath, out _);
            if (content != null) return content;
        }
        return Shell.FileSystem.ReadFile(full, out error);
    }

    public int? LastBackgroundPid => Jobs.LastBackgroundPid;

    public string? ReadSpecialFile(string? @namespace, string path, out string? error)
    {
        var content = ProcFiles.Read(@namespace, path, out error);
        if (content != null || error != null) return content;
        return SysFiles.Read(@namespace, path, out error);
    }

    public bool? WriteSpecialFile(string? @namespace, string path, string content, bool append, out string? error) =>
        ProcFiles.Write(@namespace, path, content, out error) ?? SysFiles.Write(@namespace, path, content, out error);

    public SpecialPathKind? ProbeSpecialPath(string? @namespace, string path) =>
        ProcFiles.Probe(@namespace, path) ?? SysFiles.Probe(@namespace, path);
}
