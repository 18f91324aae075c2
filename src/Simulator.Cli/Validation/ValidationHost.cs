using System.Globalization;
using Simulator.Cli.Host;
using Simulator.Cli.Host.Processes;
using Simulator.Cli.Shell;
using Simulator.Core.Engine;

namespace Simulator.Cli.Validation;

/// <summary>
/// The shell's host during <c>netsim validate</c>: it wraps the model's <see cref="Machine"/>.
/// Each command of the script runs in the model first (its status drives the script, as in
/// <c>netsim run</c>), then, planned by <see cref="CommandPlanner"/>, on the kernel in the
/// run's namespaces; the pair is compared after normalisation. Commands that a command runs
/// in turn (the program of <c>ip netns exec</c>) are the model's business only: the kernel ran
/// the whole command line. Writes to /proc/sys/net go to both.
/// </summary>
public sealed class ValidationHost : ICommandHost
{
    private readonly Machine _model;
    private readonly KernelSide _kernel;
    private readonly CommandPlanner _planner;
    private readonly List<CommandComparison> _rows = [];
    private readonly List<int> _pendingWrites = [];
    private readonly KernelTranscript _transcript;
    private readonly ScriptJobs _jobs;
    private int _depth;

    public ValidationHost(Machine model, KernelSide kernel, CommandPlanner planner, KernelTranscript transcript)
    {
        _model = model;
        _kernel = kernel;
        _planner = planner;
        _transcript = transcript;
        _jobs = new ScriptJobs(model, kernel, transcript);
    }

    /// <summary>One row per command of the script, in the order they ran.</summary>
    public IReadOnlyList<CommandComparison> Rows => _rows;

    /// <summary>
    /// Gives writes to /proc/sys (made by the shell, which names no line) the location of the
    /// statement that made them; subscribe to <see cref="ShellInterpreter.StatementCompleted"/>.
    /// </summary>
    public void OnStatementCompleted(StatementResult statement)
    {
        foreach (var index in _pendingWrites)
            _rows[index] = _rows[index] with { Location = statement.Location };
        _pendingWrites.Clear();
    }

    public int? RunExternal(CommandContext context)
    {
        if (_depth > 0) return _model.RunExternal(context);
        var plan = _planner.Plan(context.Arguments, context.Namespace, context.Background);
        var text = ShellQuoting.Join(context.Arguments);
        if (plan.Kind == PlanKind.Transparent)
        {
            _rows.Add(CommandComparison.Skipped(context.Location, text, null, plan.Reason!));
            int row = _rows.Count - 1;
            var status = _model.RunExternal(context);
            _rows[row] = _rows[row] with { ModelStatus = status ?? ProcessResult.NotFound };
            return status;
        }
        var result = plan.Kind switch
        {
            PlanKind.Job => RunJob(context, plan, text),
            PlanKind.JobControl => RunJobControl(context, plan, text),
            _ => RunCommand(context, plan, text),
        };
        // Jobs whose model side ended during this command end on the kernel now that the
        // kernel has run it too.
        _rows.AddRange(_jobs.Settle());
        return result;
    }

    /// <summary>
    /// The script has ended: the jobs still running end on both sides, each with its row.
    /// Call once, after the script.
    /// </summary>
    public void EndOfScript() => _rows.AddRange(_jobs.EndOfScript());

    private int? RunModel(CommandContext context, TextReader stdin, ModelStreams streams)
    {
        var modelContext = new CommandContext(context.Arguments, stdin, streams.Stdout, streams.Stderr,
            context.Location, context.Environment, context.Namespace, context.Background);
        _depth++;
        try
        {
            return _model.RunExternal(modelContext);
        }
        finally
        {
            _depth--;
        }
    }

    /// <summary>A command started with <c>&amp;</c>: it starts on both sides; see <see cref="ScriptJobs"/>.</summary>
    private int? RunJob(CommandContext context, CommandPlan plan, string text)
    {
        string? stdinText = plan.ReadsStdin ? context.Stdin.ReadToEnd() : null;
        var job = _jobs.Prepare(context, text + " &");
        // The jobs table drops finished jobs when a new one starts (bash's numbering), so what this
        // command started is what was not there before.
        var before = _model.Jobs.Jobs.ToHashSet();
        // The status of "cmd &" is 0 on both sides.
        _transcript.OtherCommand();
        var modelStatus = RunModel(context, stdinText is null ? context.Stdin : new StringReader(stdinText), job.Model);
        var started = _model.Jobs.Jobs.Where(j => !before.Contains(j)).ToList();
        if ((plan.MissingKind is not null && modelStatus == 0 ? plan.MissingKind : Unmodelled(job.Model)) is { } reason)
        {
            job.ModelProcess = started.Count == 1 ? started[0] : null;
            job.ModelStatus = modelStatus ?? ProcessResult.NotFound;
            _rows.Add(_jobs.Unpaired(job, reason));
            return modelStatus;
        }
        if (modelStatus is null) job.Model.Note(OutputStream.Stderr, $"(NetSim has no command \"{NamespaceArguments.ToolName(context.Name)}\")\n");
        var shape = CommandShape.Of(context.Arguments);
        var argv = EtcOverlay.Wrap(plan.RealArgv, shape.NetnsTarget ?? context.Namespace, _model.Shell.FileSystem, _kernel.ScratchDirectory);
        if (!shape.ChangesLinks) _kernel.SettleLinks();
        if (_jobs.Start(job, started, modelStatus, argv, stdinText, shape) is { } row) _rows.Add(row);
        return modelStatus;
    }

    /// <summary>
    /// <c>wait</c>, <c>kill</c>, <c>pkill</c>: run by the model, whose jobs resolve %N, pids and
    /// patterns; the kernel's jobs follow (<see cref="ScriptJobs.Settle"/>). After <c>wait %N</c>
    /// the statement's status on the kernel is that of the kernel's job, as bash reports it.
    /// </summary>
    private int? RunJobControl(CommandContext context, CommandPlan plan, string text)
    {
        _transcript.OtherCommand();
        var modelStatus = _model.RunExternal(context);
        _rows.Add(CommandComparison.Skipped(context.Location, text, modelStatus ?? ProcessResult.NotFound, plan.Reason!));
        _rows.AddRange(_jobs.Settle());
        if (context.Name == "wait" && context.Arguments.Count > 1 && modelStatus is { } status &&
            WaitedFor(context.Arguments[^1]) is { } process && _jobs.KernelStatus(process) is { } kernelStatus)
            _transcript.CommandStatus(status, kernelStatus);
        return modelStatus;
    }

    /// <summary>The model's job an operand of wait names (%N, %%, a pid), as the model's wait resolves it.</summary>
    private SimulatedProcess? WaitedFor(string operand) =>
        operand.StartsWith('%') ? _model.Jobs.FindJob(operand)
        : int.TryParse(operand, NumberStyles.None, CultureInfo.InvariantCulture, out int pid)
            ? _model.Jobs.Jobs.FirstOrDefault(j => j.Pid == pid)
            : null;

    private int? RunCommand(CommandContext context, CommandPlan plan, string text)
    {
        string? stdinText = plan.Kind == PlanKind.Compare && plan.ReadsStdin ? context.Stdin.ReadToEnd() : null;
        var streams = new ModelStreams(context.Stdout, context.Stderr);
        if (plan.Kind == PlanKind.Compare) _transcript.BeginCommand();
        else _transcript.OtherCommand();
        long modelStart = _model.Simulation.Now;
        var modelStatus = RunModel(context, stdinText is null ? context.Stdin : new StringReader(stdinText), streams);
        var modelTook = TimeSpan.FromMilliseconds((double)(_model.Simulation.Now - modelStart) / Simulation.Millisecond);

        switch (plan.Kind)
        {
            case PlanKind.Skip:
                _rows.Add(CommandComparison.Skipped(context.Location, text, modelStatus ?? ProcessResult.NotFound, plan.Reason!));
                break;
            case PlanKind.Pace:
                _kernel.Run(plan.RealArgv, null);
                _rows.Add(CommandComparison.Skipped(context.Location, text, modelStatus ?? ProcessResult.NotFound, plan.Reason!));
                break;
            case PlanKind.Compare when (plan.MissingKind is not null && modelStatus == 0 ? plan.MissingKind : Unmodelled(streams)) is { } reason:
                // The kernel cannot do what the model did, or the model says it does not model it:
                // nothing to compare, and the kernel's text would not stand for the model's.
                if (plan.MissingKind is not null && modelStatus == 0) _planner.MarkSkipped(plan.CreatedDevices);
                _transcript.EndCommand(streams.Written, null, 0, 0);
                _transcript.OtherCommand();
                _rows.Add(CommandComparison.Skipped(context.Location, text, modelStatus, reason));
                break;
            case PlanKind.Compare:
                var shape = CommandShape.Of(context.Arguments);
                var argv = EtcOverlay.Wrap(plan.RealArgv, shape.NetnsTarget ?? context.Namespace, _model.Shell.FileSystem, _kernel.ScratchDirectory);
                if (!shape.ChangesLinks) _kernel.SettleLinks();
                TimeSpan? limit = plan.EndsWithPeer ? modelTook + CommandPlanner.PeerGrace : null;
                var real = _kernel.Run(argv, stdinText, limit);
                if (shape.ChangesLinks) _kernel.NoteLinkChange();
                _kernel.PrepareNew();
                var skipped = real is null ? "the run was stopped"
                    : real.TimedOut && limit is { } given ? string.Create(CultureInfo.InvariantCulture,
                        $"the kernel's command had not ended {given.TotalSeconds:0.#} s after it started (the model's ended after {modelTook.TotalSeconds:0.###} s) and was killed")
                    : NotInstalled(real, shape);
                int written = streams.Written;
                if (skipped != null)
                {
                    _transcript.EndCommand(written, null, 0, 0);
                    _transcript.OtherCommand();
                    _rows.Add(CommandComparison.Skipped(context.Location, text, modelStatus, skipped));
                    break;
                }
                var unmapping = new NormalisationContext(Side.Kernel, context.Arguments, _kernel.Names);
                // The terminal's text: both streams in the order written.
                var kernelText = HostWithoutName(real!.Text, shape, context.Namespace);
                _transcript.EndCommand(written, Normalisation.Unmap(kernelText, unmapping),
                    modelStatus ?? ProcessResult.NotFound, real.ExitStatus);
                if (modelStatus is null) streams.Note(OutputStream.Stderr, $"(NetSim has no command \"{NamespaceArguments.ToolName(context.Name)}\")\n");
                _rows.Add(OutputComparer.Compare(context.Location, context.Arguments, text, modelStatus ?? ProcessResult.NotFound,
                    streams.Chunks, real, _kernel.Names));
                break;
        }
        return modelStatus;
    }

    /// <summary>NetSim's own note that it does not model what the command asked for, or null.</summary>
    private static string? Unmodelled(ModelStreams model)
    {
        foreach (var line in OutputChunks.Text(model.Chunks, OutputStream.Stderr).Split('\n'))
            if (line.StartsWith("netsim: ", StringComparison.Ordinal) && line.Contains("not modelled", StringComparison.Ordinal))
                return "not modelled by NetSim (" + line["netsim: ".Length..] + ")";
        return null;
    }

    /// <summary>
    /// The scenario's host namespace has no name in the model, so ip shows a peer there as
    /// <c>link-netnsid N</c>; on the kernel it is PREFIX.host and ip shows <c>link-netns PREFIX.host</c>.
    /// For the scenario's expectations, the kernel's text shows what ip prints for an unnamed
    /// namespace, with the id the kernel gave it (asked with <c>ip netns list-id</c> where the command ran).
    /// </summary>
    private string HostWithoutName(string text, CommandShape shape, string? contextNamespace)
    {
        var named = "link-netns " + _kernel.Names.Host;
        if (!text.Contains(named, StringComparison.Ordinal)) return text;
        var where = _kernel.Names.MapContext(shape.RunsIn(contextNamespace));
        var ids = _kernel.Exec(where, ["ip", "netns", "list-id"]);
        var prefix = "nsid ";
        var suffix = $" (iproute2 netns name: {_kernel.Names.Host})";
        var line = ids?.Stdout.Split('\n').FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal) && l.EndsWith(suffix, StringComparison.Ordinal));
        return line is null ? text : text.Replace(named, "link-netnsid " + line[prefix.Length..^suffix.Length], StringComparison.Ordinal);
    }

    /// <summary>The kernel side could not start the program: it is not installed on this machine.</summary>
    internal static string? NotInstalled(ProcessResult real, CommandShape shape)
    {
        if (real.ExitStatus is not (ProcessResult.NotFound or 255)) return null;
        bool missing = real.Stderr.Contains($"exec of \"{shape.Program[0]}\" failed: No such file or directory", StringComparison.Ordinal) ||
                       real.Stderr.StartsWith($"{shape.Program[0]}: ", StringComparison.Ordinal) && real.Stderr.Contains("No such file", StringComparison.Ordinal);
        return missing ? $"{shape.Name} is not installed on this machine" : null;
    }

    public string? ReadSpecialFile(string? @namespace, string path, out string? error) =>
        _model.ReadSpecialFile(@namespace, path, out error);

    public SpecialPathKind? ProbeSpecialPath(string? @namespace, string path) => _model.ProbeSpecialPath(@namespace, path);

    public int? LastBackgroundPid => _model.LastBackgroundPid;

    /// <summary>
    /// A write to a kernel file (<c>echo 1 &gt; /proc/sys/net/ipv4/ip_forward</c>): the model's, and
    /// for /proc/sys/net files the mapped namespace's on the kernel too; the two outcomes
    /// (written or refused) are compared. Other /proc/sys files are the machine's, whatever
    /// namespace writes them, so they stay in the model.
    /// </summary>
    public bool? WriteSpecialFile(string? @namespace, string path, string content, bool append, out string? error)
    {
        var written = _model.WriteSpecialFile(@namespace, path, content, append, out error);
        if (written is null || _depth > 0) return written;
        var text = $"{(append ? ">>" : ">")} {path} <<< {ShellQuoting.Quote(content.TrimEnd('\n'))}";
        var location = new SourceLocation("?", 0);
        int modelStatus = written.Value ? 0 : 1;
        if (!KernelSide.IsNamespaceFile(path))
        {
            _rows.Add(CommandComparison.Skipped(location, text, modelStatus, "not a per-namespace file: it is the machine's"));
        }
        else
        {
            var real = _kernel.WriteProcFile(_kernel.Names.MapContext(@namespace), path, content);
            _rows.Add(real is null
                ? CommandComparison.Skipped(location, text, modelStatus, "the run was stopped")
                : new CommandComparison(location, text, modelStatus, real.ExitStatus == 0 ? 0 : 1,
                    (modelStatus == 0) == (real.ExitStatus == 0) ? Verdict.Agree : Verdict.Differ, null,
                    (modelStatus == 0) == (real.ExitStatus == 0) ? [] : [$"model: {(written.Value ? "written" : error)}", $"kernel: {(real.ExitStatus == 0 ? "written" : real.Stderr.Trim())}"],
                    []));
        }
        _pendingWrites.Add(_rows.Count - 1);
        return written;
    }
}
