namespace Simulator.Cli.Validation;

/// <summary>
/// The real machine's half of a validation run: its namespaces, its scratch directory, the
/// runner of its programs. Nothing here touches the machine's own namespace: every program runs
/// through <c>ip netns exec</c> into a namespace of the run, and <see cref="Dispose"/> deletes them
/// all (their devices, routes and rules go with them).
/// </summary>
public sealed class KernelSide : IDisposable
{
    /// <summary>The longest a single real command may take before it is killed.</summary>
    public static readonly TimeSpan CommandLimit = TimeSpan.FromSeconds(150);

    private static readonly TimeSpan SetupLimit = TimeSpan.FromSeconds(20);
    private readonly HashSet<string> _prepared = new(StringComparer.Ordinal);
    private readonly object _cleanup = new();
    private bool _disposed;

    public KernelSide(RealNamespaces names)
    {
        Names = names;
        ScratchDirectory = Directory.CreateTempSubdirectory("netsim-validate-").FullName;
        Runner = new ProcessRunner(ScratchDirectory);
    }

    public RealNamespaces Names { get; }
    public ProcessRunner Runner { get; }

    /// <summary>Where files the kernel-side commands write go (tcpdump -w), and the programs' working directory.</summary>
    public string ScratchDirectory { get; }

    /// <summary>Namespaces the scenario created on the kernel (mapped names), in order.</summary>
    public IReadOnlyCollection<string> Prepared => _prepared;

    /// <summary>Creates a namespace of the run's own (<c>PREFIX.ROLE</c>), prepared like any other; null on failure with the kernel's message.</summary>
    public string? CreateOwn(string role, out string? error)
    {
        var name = Names.Own(role);
        var result = Runner.Execute(["ip", "netns", "add", name], null, SetupLimit);
        error = result is null ? "the run was stopped" : result.ExitStatus != 0 ? result.Stderr.Trim() : null;
        if (error != null) return null;
        Prepare(name, inheritFrom: null);
        return name;
    }

    /// <summary>
    /// How long after a link change the kernel may still show the old state. Carrier and
    /// operstate changes reach what ip shows through linkwatch, a workqueue that runs at most once
    /// a second (linkwatch_schedule_work), and a deleted namespace's devices go later too
    /// (cleanup_net); the model applies both at once.
    /// </summary>
    public static readonly TimeSpan LinkSettleTime = TimeSpan.FromMilliseconds(1100);

    private readonly System.Diagnostics.Stopwatch _sinceLinkChange = new();

    /// <summary>A command that changes links ran: the next command waits for the kernel to settle.</summary>
    public void NoteLinkChange() => _sinceLinkChange.Restart();

    /// <summary>
    /// Before a command that follows a link change, waits out <see cref="LinkSettleTime"/>, so it
    /// sees what a person typing it would; consecutive changes wait only once.
    /// </summary>
    public void SettleLinks()
    {
        if (!_sinceLinkChange.IsRunning) return;
        var left = LinkSettleTime - _sinceLinkChange.Elapsed;
        _sinceLinkChange.Reset();
        if (left > TimeSpan.Zero) Thread.Sleep(left);
    }

    /// <summary>Runs a program inside one of the run's namespaces.</summary>
    public ProcessResult? Exec(string realNamespace, IReadOnlyList<string> argv, string? stdin = null, TimeSpan? limit = null) =>
        Runner.Execute(["ip", "netns", "exec", realNamespace, .. argv], stdin, limit ?? SetupLimit);

    /// <summary>Runs a command line already placed in a namespace of the run (see <see cref="CommandPlanner"/>).</summary>
    public ProcessResult? Run(IReadOnlyList<string> argv, string? stdin, TimeSpan? limit = null) =>
        Runner.Execute(argv, stdin, limit is { } l && l < CommandLimit ? l : CommandLimit);

    /// <summary>
    /// Starts a command line already placed in a namespace of the run as a background job; null
    /// when the run is stopped, or when it cannot start (then with <paramref name="failure"/>).
    /// The runner ends it at the latest when the run ends.
    /// </summary>
    public RealProcess? StartJob(IReadOnlyList<string> argv, string? stdin, out ProcessResult? failure) =>
        Runner.StartJob(argv, stdin, out failure);

    /// <summary>
    /// Prepares namespaces the scenario created since the last call (after each real command):
    /// IPv6 off, IPv4 all/default settings copied from the scenario's host.
    /// </summary>
    public void PrepareNew()
    {
        foreach (var name in Names.Existing())
            if (!_prepared.Contains(name) && name.StartsWith(Names.Prefix + "-", StringComparison.Ordinal))
                Prepare(name, inheritFrom: Names.Host);
    }

    /// <summary>
    /// Makes a fresh kernel namespace start as the model's does.
    /// IPv6 is turned off: NetSim does not model it, and a kernel with it on sends router
    /// solicitations and MLD reports that would show in every capture and counter.
    /// IPv4's all/default device settings are copied from <paramref name="inheritFrom"/>: the
    /// kernel copies them from the machine's initial namespace (devconf_inherit_init_net=0), which
    /// here is the scenario's host namespace, PREFIX.host (the model's inherit from its initial
    /// namespace, as the kernel does).
    /// </summary>
    private void Prepare(string name, string? inheritFrom)
    {
        _prepared.Add(name);
        Exec(name, ["sysctl", "-q", "-w", "net.ipv6.conf.all.disable_ipv6=1", "net.ipv6.conf.default.disable_ipv6=1"]);
        if (inheritFrom is null) return;
        var settings = Exec(inheritFrom, ["sysctl", "-e", "net.ipv4.conf.all", "net.ipv4.conf.default"]);
        if (settings is null || settings.ExitStatus != 0) return;
        var writes = settings.Stdout.Split('\n')
            .Select(line => line.Split(" = ", 2))
            .Where(kv => kv.Length == 2)
            .Select(kv => $"{kv[0].Trim()}={kv[1].Trim()}")
            .ToList();
        WriteSysctls(name, writes);
    }

    /// <summary>Writes settings (KEY=VALUE, all under net.) in a namespace of the run; read-only ones are ignored.</summary>
    public void WriteSysctls(string realNamespace, IReadOnlyList<string> assignments)
    {
        var safe = assignments.Where(a => a.StartsWith("net.", StringComparison.Ordinal)).ToList();
        if (safe.Count > 0) Exec(realNamespace, ["sysctl", "-q", "-e", "-w", .. safe]);
    }

    /// <summary>
    /// True for the files a namespace has its own of: /proc/sys/net, and /sys/class/net (ip netns
    /// exec mounts the namespace's sysfs, so BR/brif/PORT/hairpin_mode is the run's device's).
    /// </summary>
    public static bool IsNamespaceFile(string path) =>
        (path.StartsWith("/proc/sys/net/", StringComparison.Ordinal) || path.StartsWith("/sys/class/net/", StringComparison.Ordinal)) &&
        !path.Contains("/../", StringComparison.Ordinal);

    /// <summary>
    /// Writes a /proc/sys/net or /sys/class/net file in a namespace of the run, as a shell
    /// redirection would. Only those: the others are the machine's, whichever namespace writes them.
    /// </summary>
    public ProcessResult? WriteProcFile(string realNamespace, string path, string content)
    {
        if (!IsNamespaceFile(path))
            throw new ArgumentException($"{path} is not a per-namespace file", nameof(path));
        return Exec(realNamespace, ["sh", "-c", "printf %s \"$1\" > \"$2\"", "sh", content, path]);
    }

    /// <summary>
    /// Kills whatever still runs inside a namespace of the run once the runner has ended its own
    /// programs: a process a job left behind (a daemon it started). A namespace lives on, unnamed,
    /// while a process is inside it, so deleting the name alone would not end it. Only processes
    /// inside the run's namespaces are touched, and nothing else enters those.
    /// </summary>
    private void KillLeftovers()
    {
        foreach (var name in Names.Existing())
        {
            var pids = ProcessRunner.Run(["ip", "netns", "pids", name], null, SetupLimit);
            foreach (var line in pids.Stdout.Split('\n'))
                if (int.TryParse(line, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int pid) && pid != Environment.ProcessId)
                    NativeCalls.SendSignal(pid, NativeCalls.SigKill);
        }
    }

    /// <summary>
    /// Stops every program and deletes every namespace of the run. Safe to call twice and from a
    /// signal handler: a second caller waits until the first has finished, and while a signal is
    /// ending the process the script's thread waits here for the exit rather than going on.
    /// </summary>
    public void Dispose()
    {
        lock (_cleanup)
        {
            if (!_disposed)
            {
                _disposed = true;
                Runner.Close();
                KillLeftovers();
                Names.DeleteAll();
                try
                {
                    Directory.Delete(ScratchDirectory, recursive: true);
                }
                catch (IOException)
                {
                }
                catch (UnauthorizedAccessException)
                {
                }
            }
        }
        if (SignalCleanup.Stopping && !SignalCleanup.IsHandlerThread) Thread.Sleep(Timeout.Infinite);
    }
}
