using System.Text;
using Simulator.Cli.Shell;

namespace Simulator.Cli.Validation;

/// <summary>
/// The script's terminal as it would read had the kernel run its commands: the model's
/// transcript with each compared command's output replaced by the kernel's, so the scenario's
/// <c># expect:</c> lines can be checked against the kernel too. A command whose output went
/// into a pipe or a file (<c>ip link | grep veth</c>) keeps the model's text there, since the
/// rest of the pipeline ran on the model's output, and so does a command that was not compared
/// (skipped as unmodelled, say); such statements are listed.
/// </summary>
/// <remarks>
/// Background jobs: a job's lines reach the terminal while later commands run (the model's ping
/// replies show up during <c>wait</c> or <c>sleep</c>). On the kernel they arrive at the
/// machine's pace, so which statement a real line falls into is a matter of timing, not of the
/// kernel's behaviour. What is fair to check is the kernel's lines in the model's arrangement:
/// when the job has ended on both sides, the kernel's lines are laid, in order, where the model's
/// job wrote its lines, as many in each place as the model wrote there; lines the kernel's job
/// printed beyond the model's count go where the job ended (the <c>wait</c> or <c>kill</c>
/// statement). So <c># expect:</c> after <c>wait</c> sees the kernel's replies and statistics
/// when the two jobs printed the same kind of lines, and a line the kernel's job did not print
/// is missing there. A job whose output did not all reach the terminal (redirected) keeps the
/// model's text, as a piped command does. What a job prints when the script has ended (the
/// validator ends the jobs still running) is compared in the job's row only.
/// The same goes the other way: a job's lines written while a compared command runs (a
/// background tcpdump printing the packets of a foreground ping) split that command's output
/// into parts, and the kernel's command lines are dealt to the parts as the model's were, the
/// lines beyond the model's count going to the last part.
/// </remarks>
public sealed class KernelTranscript : IShellOutput
{
    private readonly IShellOutput? _forward;
    private readonly List<Segment> _segments = [];
    private readonly List<RecordedStatement> _statements = [];
    private readonly Dictionary<int, JobText> _jobs = [];
    private int _modelLength;
    private int _previousEnd;
    private int _previousEndOffset;
    /// <summary>The parts of the compared command running: its writes between the jobs' writes.</summary>
    private List<Segment>? _commandParts;
    private int? _writingJob;
    private (int Model, int Kernel)? _last;
    private bool _statementHasModelOnly;

    public KernelTranscript(IShellOutput? forward) => _forward = forward;

    /// <summary>The kernel's version of each statement that completed.</summary>
    public IReadOnlyList<StatementResult> Statements
    {
        get
        {
            var placed = PlaceJobLines();
            return _statements.Select(s => Kernel(s, placed)).ToList();
        }
    }

    /// <summary>Statements (file, first line) where some output of a command stayed the model's on the kernel side.</summary>
    public IReadOnlySet<(string File, int Line)> ModelOnly =>
        _statements.Where(s => s.ModelOnly || Covered(s).Any(KeepsModelText))
            .Select(s => (s.Statement.File, s.Statement.StartLine)).ToHashSet();

    public void Write(OutputStream stream, string text)
    {
        _forward?.Write(stream, text);
        if (text.Length == 0) return;
        if (_writingJob is { } job) _segments.Add(new Segment(SegmentKind.Job, _modelLength, text) { Job = job });
        else if (_commandParts != null)
        {
            if (_segments[^1] != _commandParts[^1])
            {
                var part = new Segment(SegmentKind.Command, _modelLength, "");
                _segments.Add(part);
                _commandParts.Add(part);
            }
            _commandParts[^1].Model.Append(text);
        }
        else _segments.Add(new Segment(SegmentKind.Plain, _modelLength, text));
        _modelLength += text.Length;
    }

    /// <summary>A compared command starts: what it writes to the terminal is held back.</summary>
    public void BeginCommand()
    {
        var first = new Segment(SegmentKind.Command, _modelLength, "");
        _segments.Add(first);
        _commandParts = [first];
    }

    /// <summary>
    /// The compared command ended. When everything it wrote reached the terminal, the kernel's
    /// output stands in for it; otherwise the model's terminal text stays.
    /// </summary>
    public void EndCommand(int modelWritten, string? kernelText, int modelStatus, int kernelStatus)
    {
        var parts = _commandParts ?? [];
        _commandParts = null;
        int reached = parts.Sum(p => p.Model.Length);
        bool direct = kernelText != null && reached == modelWritten;
        if (direct) Deal(SplitLines(kernelText!), parts);
        if (!direct && modelWritten > 0) _statementHasModelOnly = true;
        _last = (modelStatus, kernelStatus);
    }

    /// <summary>A command ran without a kernel counterpart: the statement's status is the model's.</summary>
    public void OtherCommand() => _last = null;

    /// <summary>The statement's status, if it is the model's <paramref name="modelStatus"/>, is <paramref name="kernelStatus"/> on the kernel (wait %1).</summary>
    public void CommandStatus(int modelStatus, int kernelStatus) => _last = (modelStatus, kernelStatus);

    /// <summary>What reaches the terminal until <see cref="EndJobWrite"/> is job <paramref name="job"/>'s.</summary>
    public void BeginJobWrite(int job) => _writingJob = job;

    public void EndJobWrite() => _writingJob = null;

    /// <summary>
    /// Job <paramref name="job"/> has ended on both sides: <paramref name="kernelText"/> (null when
    /// the kernel's job gave nothing to stand in) takes the place of the model's lines, if all
    /// <paramref name="modelWritten"/> characters the model's job wrote reached the terminal.
    /// </summary>
    public void EndJob(int job, string? kernelText, int modelWritten)
    {
        _segments.Add(new Segment(SegmentKind.JobEnd, _modelLength, "") { Job = job });
        int reached = _segments.Where(s => s.Kind == SegmentKind.Job && s.Job == job).Sum(s => s.Model.Length);
        _jobs[job] = new JobText(kernelText != null && reached == modelWritten ? kernelText : null);
    }

    public void OnStatementCompleted(StatementResult statement)
    {
        int modelStart = _modelLength - statement.Output.Length;
        int first = _segments.FindIndex(s => s.ModelStart >= modelStart);
        if (first < 0) first = _segments.Count;
        // Offsets cannot tell apart segments that wrote nothing (a silent command, whose kernel
        // text may not be silent) at the boundary: a statement that began after the previous one
        // ended starts after that one's segments. (One that encloses it, a source, starts earlier.)
        if (modelStart >= _previousEndOffset) first = Math.Max(first, _previousEnd);
        int status = _last is { } last && last.Model == statement.ExitStatus ? last.Kernel : statement.ExitStatus;
        _statements.Add(new RecordedStatement(statement, first, _segments.Count, status, _statementHasModelOnly));
        _statementHasModelOnly = false;
        _previousEnd = _segments.Count;
        _previousEndOffset = _modelLength;
    }

    private IEnumerable<Segment> Covered(RecordedStatement statement) =>
        _segments.Skip(statement.First).Take(statement.End - statement.First);

    /// <summary>A job's lines that stay the model's: its job ended without kernel text to stand in.</summary>
    private bool KeepsModelText(Segment segment) =>
        segment.Kind == SegmentKind.Job && segment.Model.Length > 0 && (!_jobs.TryGetValue(segment.Job, out var job) || job.Kernel is null);

    private StatementResult Kernel(RecordedStatement recorded, Dictionary<Segment, string> placed)
    {
        var text = new StringBuilder();
        foreach (var segment in Covered(recorded))
        {
            text.Append(segment.Kind switch
            {
                SegmentKind.Command => segment.Kernel ?? segment.Model.ToString(),
                SegmentKind.Job or SegmentKind.JobEnd => placed.TryGetValue(segment, out var lines) ? lines : segment.Model.ToString(),
                _ => segment.Model.ToString(),
            });
        }
        var output = text.ToString();
        return recorded.Statement with { Output = output, Stdout = output, Stderr = "", ExitStatus = recorded.Status };
    }

    /// <summary>A command's kernel lines, as many to each part as the model wrote there, the rest to the last.</summary>
    private static void Deal(List<string> lines, List<Segment> parts)
    {
        int next = 0;
        for (int i = 0; i < parts.Count; i++)
        {
            int count = i == parts.Count - 1 ? lines.Count : parts[i].Model.ToString().Count(c => c == '\n');
            parts[i].Kernel = string.Concat(lines.Skip(next).Take(count));
            next = Math.Min(lines.Count, next + count);
        }
    }

    /// <summary>Each job's kernel lines, dealt to the places its model lines were (see the remarks).</summary>
    private Dictionary<Segment, string> PlaceJobLines()
    {
        var placed = new Dictionary<Segment, string>();
        foreach (var (job, ended) in _jobs)
        {
            if (ended.Kernel is null) continue;
            var lines = SplitLines(ended.Kernel);
            int next = 0;
            foreach (var segment in _segments.Where(s => s.Job == job))
            {
                if (segment.Kind == SegmentKind.JobEnd)
                {
                    placed[segment] = string.Concat(lines.Skip(next));
                    next = lines.Count;
                    continue;
                }
                int count = segment.Model.ToString().Count(c => c == '\n');
                placed[segment] = string.Concat(lines.Skip(next).Take(count));
                next = Math.Min(lines.Count, next + count);
            }
        }
        return placed;
    }

    /// <summary>Lines with their newlines; a last line without one is kept as it is.</summary>
    private static List<string> SplitLines(string text)
    {
        var lines = new List<string>();
        int start = 0;
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] != '\n') continue;
            lines.Add(text[start..(i + 1)]);
            start = i + 1;
        }
        if (start < text.Length) lines.Add(text[start..]);
        return lines;
    }

    private enum SegmentKind
    {
        /// <summary>Written by the shell or a command without a kernel counterpart: the same on both sides.</summary>
        Plain,
        /// <summary>A compared command's output: the kernel's stands in when it all reached the terminal.</summary>
        Command,
        /// <summary>One write of a background job.</summary>
        Job,
        /// <summary>Where a job ended: the kernel's lines beyond the model's count go here.</summary>
        JobEnd,
    }

    private sealed class Segment(SegmentKind kind, int modelStart, string model)
    {
        public SegmentKind Kind { get; } = kind;

        /// <summary>Where the segment starts in the model's transcript (statements are found by these offsets).</summary>
        public int ModelStart { get; } = modelStart;

        public StringBuilder Model { get; } = new(model);

        public string? Kernel { get; set; }

        /// <summary>For job segments, the job's number.</summary>
        public int Job { get; init; } = -1;
    }

    private sealed record RecordedStatement(StatementResult Statement, int First, int End, int Status, bool ModelOnly);

    /// <summary>A job's kernel text, or null when the model's stays.</summary>
    private sealed record JobText(string? Kernel);
}
