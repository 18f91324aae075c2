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
    private readonly Dictionary<string, INetworkCommand> _commands = new(StringComparer.Ordinal);

    public Machine(World world, IEnumerable<INetworkCommand> commands)
    {
        World = world;
        foreach (var command in commands)
            foreach (var name in command.Names)
                _commands[name] = command;
        ProcFiles = new ProcFiles(this);
    }

    public World World { get; }
    public Simulation Simulation => World.Simulation;

    /// <summary>The interpreter running the scenario; commands re-enter it (ip netns exec).</summary>
    public ShellInterpreter Shell { get; set; } = null!;

    public ProcFiles ProcFiles { get; }

    public bool HasCommand(string name) => _commands.ContainsKey(name);

    public int? RunExternal(CommandContext context)
    {
        var name = Path.GetFileName(context.Name);
        if (!_commands.TryGetValue(name, out var command)) return null;
        var ns = ResolveNamespace(context.Namespace);
        if (ns is null)
        {
            context.Stderr.WriteLine($"Cannot open network namespace \"{context.Namespace}\": No such file or directory");
            return 1;
        }
        return command.Run(new Invocation(context, ns, this));
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
        var special = ProcFiles.Read(ns, full, out error);
        if (special != null || error != null) return special;
        if (ns != null && full.StartsWith("/etc/", StringComparison.Ordinal))
        {
            var netnsPath = $"/etc/netns/{ns}/{full["/etc/".Length..]}";
            var content = Shell.FileSystem.ReadFile(netnsPath, out _);
            if (content != null) return content;
        }
        return Shell.FileSystem.ReadFile(full, out error);
    }

    public string? ReadSpecialFile(string? @namespace, string path, out string? error) =>
        ProcFiles.Read(@namespace, path, out error);

    public bool? WriteSpecialFile(string? @namespace, string path, string content, bool append, out string? error) =>
        ProcFiles.Write(@namespace, path, content, out error);

    public SpecialPathKind? ProbeSpecialPath(string? @namespace, string path) => ProcFiles.Probe(@namespace, path);
}
