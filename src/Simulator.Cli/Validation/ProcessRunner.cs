using Simulator.Cli.Shell;

namespace Simulator.Cli.Validation;

/// <summary>What a real program did: exit status and what it wrote, both streams in the order written.</summary>
public sealed record ProcessResult(int ExitStatus, IReadOnlyList<OutputChunk> Output, bool TimedOut)
{
    /// <summary>The status a shell gives a command that could not be started.</summary>
    public const int NotFound = 127;

    public string Stdout => OutputChunks.Text(Output, OutputStream.Stdout);

    public string Stderr => OutputChunks.Text(Output, OutputStream.Stderr);

    /// <summary>Both streams as a terminal shows them.</summary>
    public string Text => OutputChunks.Text(Output);
}

/// <summary>
/// Runs real programs for a validation run (see <see cref="RealProcess"/>): in the foreground,
/// within a wall-clock limit, or as background jobs. Once <see cref="Close"/> is called (Ctrl-C,
/// SIGTERM, the end of the run) no new program starts, the running one is killed and every job
/// is ended, so cleanup cannot race a command that is still creating namespaces, and no program
/// outlives the run inside its namespaces.
/// </summary>
public sealed class ProcessRunner
{
    /// <summary>How long a job has to end after SIGTERM before it is killed.</summary>
    public static readonly TimeSpan TerminateGrace = TimeSpan.FromSeconds(2);

    private readonly object _gate = new();
    private readonly List<RealProcess> _jobs = [];
    private RealProcess? _current;
    private bool _closed;

    public ProcessRunner(string workingDirectory)
    {
        WorkingDirectory = workingDirectory;
    }

    public string WorkingDirectory { get; }

    public bool IsClosed
    {
        get
        {
            lock (_gate) return _closed;
        }
    }

    /// <summary>Jobs started and not yet finished.</summary>
    public int RunningJobs
    {
        get
        {
            lock (_gate) return _jobs.Count;
        }
    }

    /// <summary>Runs <paramref name="argv"/> to its end; null when the runner is closed.</summary>
    public ProcessResult? Execute(IReadOnlyList<string> argv, string? stdin, TimeSpan limit)
    {
        RealProcess? process;
        lock (_gate)
        {
            if (_closed) return null;
            process = RealProcess.Start(argv, stdin, WorkingDirectory, out var failure);
            if (process is null) return failure;
            _current = process;
        }
        try
        {
            return process.Finish(limit);
        }
        finally
        {
            lock (_gate) _current = null;
            process.Dispose();
        }
    }

    /// <summary>
    /// Starts <paramref name="argv"/> as a background job and returns at once; null when the runner
    /// is closed, or the failure's result in <paramref name="failure"/> when it cannot start.
    /// </summary>
    public RealProcess? StartJob(IReadOnlyList<string> argv, string? stdin, out ProcessResult? failure)
    {
        lock (_gate)
        {
            failure = null;
            if (_closed) return null;
            var process = RealProcess.Start(argv, stdin, WorkingDirectory, out failure);
            if (process != null) _jobs.Add(process);
            return process;
        }
    }

    /// <summary>
    /// Waits up to <paramref name="limit"/> for a job to end by itself, kills it if it does not,
    /// and gives what it did.
    /// </summary>
    public ProcessResult FinishJob(RealProcess job, TimeSpan limit) => Retire(job, job.Finish(limit));

    /// <summary>Ends a job that would run on (SIGTERM, SIGKILL after a grace) and gives what it did.</summary>
    public ProcessResult TerminateJob(RealProcess job)
    {
        job.Terminate(TerminateGrace);
        return Retire(job, job.Result(timedOut: false));
    }

    private ProcessResult Retire(RealProcess job, ProcessResult result)
    {
        lock (_gate) _jobs.Remove(job);
        job.Dispose();
        return result;
    }

    /// <summary>
    /// Stops starting programs, kills the one running, and ends every job: SIGTERM to all, SIGKILL
    /// to whatever is left after <see cref="TerminateGrace"/>. Returns when all have exited.
    /// </summary>
    public void Close()
    {
        RealProcess? running;
        List<RealProcess> jobs;
        lock (_gate)
        {
            _closed = true;
            running = _current;
            jobs = [.. _jobs];
        }
        running?.Kill();
        foreach (var job in jobs) job.Signal(NativeCalls.SigTerm);
        var deadline = DateTime.UtcNow + TerminateGrace;
        foreach (var job in jobs)
        {
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || !job.WaitForExit(left)) job.Kill();
        }
    }

    /// <summary>Runs a program outside any run's gate (cleanup, probes before a run starts).</summary>
    public static ProcessResult Run(IReadOnlyList<string> argv, string? stdin, TimeSpan limit)
    {
        using var process = RealProcess.Start(argv, stdin, "/", out var failure);
        return process?.Finish(limit) ?? failure!;
    }
}
