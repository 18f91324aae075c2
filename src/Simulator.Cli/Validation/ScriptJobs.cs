using Simulator.Cli.Host;
using Simulator.Cli.Host.Processes;
using Simulator.Cli.Shell;

namespace Simulator.Cli.Validation;

/// <summary>
/// The script's background jobs on both sides. A command started with <c>&amp;</c> starts in the
/// model (a <see cref="SimulatedProcess"/> in the machine's job table, or nothing when the
/// command ended at once, a ping that could not start, say) and on the kernel (a
/// <see cref="RealProcess"/>, not waited for). The two are paired; what happens to the model's
/// job happens to the kernel's:
/// <list type="bullet">
/// <item>a signal a command sends the model's job (<c>kill %1</c>, <c>pkill ping</c>) is sent,
/// the same signal, to the kernel's job; NetSim's own signals (the end of a model
/// <c>timeout</c>) are not, since the real <c>timeout</c> sends its own;</item>
/// <item>when the model's job has ended (it ran its course during <c>wait</c> or <c>sleep</c>,
/// its <c>timeout</c> expired, a signal ended it), the kernel's is waited for, once the command
/// during which that happened has run on the kernel too (the kernel's time has then caught up);
/// </item>
/// <item>when the script ends, jobs still running on either side (a tcpdump or nc -l nobody
/// killed) are sent SIGTERM on both sides, the kernel's killed after a grace: the end of the
/// script is the same point on both, and programs that buffer their output (tcpdump writes to a
/// pipe in blocks) flush it on both alike as they end. What the model's job says then is
/// compared but is not part of the script's transcript.</item>
/// </list>
/// Each job gives one row, at the line where it was started, once both sides have ended.
/// </summary>
public sealed class ScriptJobs
{
    /// <summary>How long the kernel's job may run on when the model's ended as it started.</summary>
    public static readonly TimeSpan NeverRanLimit = TimeSpan.FromSeconds(3);

    private readonly Machine _model;
    private readonly KernelSide _kernel;
    private readonly KernelTranscript _transcript;
    private readonly List<Job> _running = [];
    private readonly List<(Job Job, int Signal)> _signals = [];
    private readonly Dictionary<SimulatedProcess, int> _kernelStatus = [];
    private int _numbers;

    public ScriptJobs(Machine model, KernelSide kernel, KernelTranscript transcript)
    {
        _model = model;
        _kernel = kernel;
        _transcript = transcript;
        model.Jobs.SignalSent += (process, signal) =>
        {
            if (_running.FirstOrDefault(j => j.ModelProcess == process) is { } job) _signals.Add((job, signal));
        };
    }

    /// <summary>A job about to start in the model: its streams, which tell the transcript its writes are the job's.</summary>
    public Job Prepare(CommandContext context, string command)
    {
        int number = ++_numbers;
        return new Job(number, context.Location, command, context.Arguments,
            new ModelStreams(context.Stdout, context.Stderr, _transcript, number));
    }

    /// <summary>
    /// The model has run the command: pair it with the job it started (<paramref name="started"/>,
    /// none when it ended at once with <paramref name="modelStatus"/>) and start the kernel's.
    /// Returns the row when there is nothing to pair (the run was stopped).
    /// </summary>
    public CommandComparison? Start(Job job, IReadOnlyList<SimulatedProcess> started, int? modelStatus,
        IReadOnlyList<string> realArgv, string? stdin, CommandShape shape)
    {
        job.ModelProcess = started.Count == 1 ? started[0] : null;
        job.ModelStatus = modelStatus ?? ProcessResult.NotFound;
        job.Shape = shape;
        if (started.Count > 1)
            return Unpaired(job, "started several jobs in the model; the kernel's run cannot be paired with them");
        job.Real = _kernel.StartJob(realArgv, stdin, out var failure);
        if (job.Real is null)
        {
            if (failure is null) return Unpaired(job, "the run was stopped");
            job.Failure = failure;
        }
        _running.Add(job);
        return null;
    }

    /// <summary>A job that does not run on the kernel: the transcript keeps the model's lines.</summary>
    public CommandComparison Unpaired(Job job, string reason)
    {
        _transcript.EndJob(job.Number, null, job.Model.Written);
        return CommandComparison.Skipped(job.Location, job.Command, job.ModelProcess is null ? job.ModelStatus : null, reason);
    }

    /// <summary>
    /// After each command of the script has run on both sides: the signals its model side sent go
    /// to the kernel's jobs, and the jobs whose model side has ended are ended on the kernel and
    /// compared.
    /// </summary>
    public IReadOnlyList<CommandComparison> Settle()
    {
        foreach (var (job, signal) in _signals) job.Real?.Signal(signal);
        _signals.Clear();
        var rows = new List<CommandComparison>();
        foreach (var job in _running.Where(j => j.ModelProcess is null || j.ModelProcess.HasExited).ToList())
            rows.Add(Finish(job, terminate: false));
        return rows;
    }

    /// <summary>The script has ended: every job still running is ended on both sides and compared.</summary>
    public IReadOnlyList<CommandComparison> EndOfScript()
    {
        var rows = new List<CommandComparison>(Settle());
        foreach (var job in _running.ToList())
        {
            job.Model.Detach();
            if (job.ModelProcess is { HasExited: false } process) process.Signal(SimulatedProcess.SigTerm);
            rows.Add(Finish(job, terminate: true));
        }
        return rows;
    }

    /// <summary>The exit status of the kernel's job paired with <paramref name="process"/>, once it has ended.</summary>
    public int? KernelStatus(SimulatedProcess process) => _kernelStatus.TryGetValue(process, out var status) ? status : null;

    private CommandComparison Finish(Job job, bool terminate)
    {
        _running.Remove(job);
        // A job the model ended at once (a ping that could not start, a program NetSim lacks)
        // has had no time: the kernel's, if it runs on, is ended after a moment and compared.
        if (job.ModelProcess is null && job.Real != null && !job.Real.WaitForExit(NeverRanLimit)) terminate = true;
        var real = job.Failure ?? (terminate
            ? _kernel.Runner.TerminateJob(job.Real!)
            : _kernel.Runner.FinishJob(job.Real!, KernelSide.CommandLimit));
        int? modelStatus = job.ModelProcess is { } process ? process.HasExited ? process.ExitStatus : null : job.ModelStatus;
        if (job.ModelProcess != null) _kernelStatus[job.ModelProcess] = real.ExitStatus;
        var unmapping = new NormalisationContext(Side.Kernel, job.Arguments, _kernel.Names);
        bool usable = !real.TimedOut && ValidationHost.NotInstalled(real, job.Shape!) is null;
        _transcript.EndJob(job.Number, usable ? Normalisation.Unmap(real.Text, unmapping) : null, job.Model.Written);
        if (ValidationHost.NotInstalled(real, job.Shape!) is { } missing)
            return CommandComparison.Skipped(job.Location, job.Command, modelStatus, missing);
        if (modelStatus is null)
            return CommandComparison.Skipped(job.Location, job.Command, null, "the model's job did not end when sent SIGTERM");
        if (!real.TimedOut) return OutputComparer.Compare(job.Location, job.Arguments, job.Command, modelStatus.Value, job.Model.Chunks, real, _kernel.Names);
        return CommandComparison.Skipped(job.Location, job.Command, modelStatus, "the kernel's job did not end in time and was killed");
    }

    /// <summary>One command started with <c>&amp;</c>.</summary>
    public sealed class Job(int number, SourceLocation location, string command, IReadOnlyList<string> arguments, ModelStreams model)
    {
        /// <summary>Its number in the transcript (the validator's own count, not the shell's %N).</summary>
        public int Number { get; } = number;

        public SourceLocation Location { get; } = location;

        /// <summary>The command as the report shows it, with its <c>&amp;</c>.</summary>
        public string Command { get; } = command;

        public IReadOnlyList<string> Arguments { get; } = arguments;

        public ModelStreams Model { get; } = model;

        public SimulatedProcess? ModelProcess { get; set; }

        /// <summary>The status of the model's command when it started no job.</summary>
        public int ModelStatus { get; set; }

        public RealProcess? Real { get; set; }

        /// <summary>The kernel could not start it (not installed).</summary>
        public ProcessResult? Failure { get; set; }

        public CommandShape? Shape { get; set; }
    }
}
