using System.Text;
using Simulator.Cli.Host;
using Simulator.Cli.Shell;

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
    private int _depth;

    public ValidationHost(Machine model, KernelSide kernel, CommandPlanner planner, KernelTranscript transcript)
    {
        _model = model;
        _kernel = kernel;
        _planner = planner;
        _transcript = transcript;
    }

    private readonly KernelTranscript _transcript;

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

        string? stdinText = plan.Kind == PlanKind.Compare && plan.ReadsStdin ? context.Stdin.ReadToEnd() : null;
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        var modelContext = new CommandContext(context.Arguments,
            stdinText is null ? context.Stdin : new StringReader(stdinText),
            new TeeWriter(context.Stdout, stdout), new TeeWriter(context.Stderr, stderr),
            context.Location, context.Environment, context.Namespace, context.Background);
        int? modelStatus;
        if (plan.Kind == PlanKind.Compare) _transcript.BeginCommand();
        else _transcript.OtherCommand();
        _depth++;
        try
        {
            modelStatus = _model.RunExternal(modelContext);
        }
        finally
        {
            _depth--;
        }

        switch (plan.Kind)
        {
            case PlanKind.Skip:
                _rows.Add(CommandComparison.Skipped(context.Location, text, modelStatus ?? ProcessResult.NotFound, plan.Reason!));
                break;
            case PlanKind.Pace:
                _kernel.Run(plan.RealArgv, null);
                _rows.Add(CommandComparison.Skipped(context.Location, text, modelStatus ?? ProcessResult.NotFound, plan.Reason!));
                break;
            case PlanKind.Compare when (plan.MissingKind is not null && modelStatus == 0 ? plan.MissingKind : Unmodelled(stderr)) is { } reason:
                // The kernel cannot do what the model did, or the model says it does not model it:
                // nothing to compare, and the kernel's text would not stand for the model's.
                if (plan.MissingKind is not null && modelStatus == 0) _planner.MarkSkipped(plan.CreatedDevices);
                _transcript.EndCommand(stdout.Length + stderr.Length, null, 0, 0);
                _transcript.OtherCommand();
                _rows.Add(CommandComparison.Skipped(context.Location, text, modelStatus, reason));
                break;
            case PlanKind.Compare:
                var shape = CommandShape.Of(context.Arguments);
                var argv = EtcOverlay.Wrap(plan.RealArgv, shape.NetnsTarget ?? context.Namespace, _model.Shell.FileSystem, _kernel.ScratchDirectory);
                if (!shape.ChangesLinks) _kernel.SettleLinks();
                var real = _kernel.Run(argv, stdinText);
                if (shape.ChangesLinks) _kernel.NoteLinkChange();
                _kernel.PrepareNew();
                var skipped = real is null ? "the run was stopped" : NotInstalled(real, shape);
                int written = stdout.Length + stderr.Length;
                if (skipped != null)
                {
                    _transcript.EndCommand(written, null, 0, 0);
                    _transcript.OtherCommand();
                    _rows.Add(CommandComparison.Skipped(context.Location, text, modelStatus, skipped));
                    break;
                }
                var unmapping = new NormalisationContext(Side.Kernel, context.Arguments, _kernel.Names);
                var kernelText = HostWithoutName(real!.Stdout + real.Stderr, shape, context.Namespace);
                _transcript.EndCommand(written, Normalisation.Unmap(kernelText, unmapping),
                    modelStatus ?? ProcessResult.NotFound, real.ExitStatus);
                if (modelStatus is null) stderr.Append($"(NetSim has no command \"{NamespaceArguments.ToolName(context.Name)}\")\n");
                _rows.Add(OutputComparer.Compare(context.Location, context.Arguments, text, modelStatus ?? ProcessResult.NotFound,
                    stdout.ToString(), stderr.ToString(), real, _kernel.Names));
                break;
        }
        return modelStatus;
    }

    /// <summary>NetSim's own note that it does not model what the command asked for, or null.</summary>
    private static string? Unmodelled(StringBuilder modelStderr)
    {
        foreach (var line in modelStderr.ToString().Split('\n'))
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
    private static string? NotInstalled(ProcessResult real, CommandShape shape)
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

    /// <summary>Writes to the script's stream and keeps a copy.</summary>
    private sealed class TeeWriter(TextWriter inner, StringBuilder copy) : TextWriter
    {
        public override Encoding Encoding => inner.Encoding;

        public override void Write(char value)
        {
            copy.Append(value);
            inner.Write(value);
        }

        public override void Write(string? value)
        {
            copy.Append(value);
            inner.Write(value);
        }

        public override void Write(char[] buffer, int index, int count)
        {
            copy.Append(buffer, index, count);
            inner.Write(buffer, index, count);
        }

        public override void Flush() => inner.Flush();
    }
}
