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
public sealed class KernelTranscript : IShellOutput
{
    private readonly IShellOutput? _forward;
    private readonly StringBuilder _model = new();
    private readonly StringBuilder _kernel = new();
    private readonly Dictionary<int, int> _offsets = new() { [0] = 0 };
    private readonly List<StatementResult> _statements = [];
    private readonly HashSet<(string, int)> _modelOnly = [];
    private StringBuilder? _span;
    private (int Model, int Kernel)? _last;
    private bool _statementHasModelOnly;

    public KernelTranscript(IShellOutput? forward) => _forward = forward;

    /// <summary>The kernel's version of each statement that completed.</summary>
    public IReadOnlyList<StatementResult> Statements => _statements;

    /// <summary>Statements (file, first line) where some output of a command stayed the model's on the kernel side.</summary>
    public IReadOnlySet<(string File, int Line)> ModelOnly => _modelOnly;

    public void Write(OutputStream stream, string text)
    {
        _forward?.Write(stream, text);
        _model.Append(text);
        if (_span != null) _span.Append(text);
        else _kernel.Append(text);
        _offsets[_model.Length] = _kernel.Length;
    }

    /// <summary>A compared command starts: what it writes to the terminal is held back.</summary>
    public void BeginCommand() => _span = new StringBuilder();

    /// <summary>
    /// The compared command ended. When everything it wrote reached the terminal, the kernel's
    /// output stands in for it; otherwise the model's terminal text stays.
    /// </summary>
    public void EndCommand(int modelWritten, string? kernelText, int modelStatus, int kernelStatus)
    {
        var span = _span?.ToString() ?? "";
        _span = null;
        bool direct = kernelText != null && span.Length == modelWritten;
        _kernel.Append(direct ? kernelText! : span);
        if (!direct && modelWritten > 0) _statementHasModelOnly = true;
        _offsets[_model.Length] = _kernel.Length;
        _last = (modelStatus, kernelStatus);
    }

    /// <summary>A command ran without a kernel counterpart: the statement's status is the model's.</summary>
    public void OtherCommand() => _last = null;

    public void OnStatementCompleted(StatementResult statement)
    {
        int modelStart = _model.Length - statement.Output.Length;
        int kernelStart = _offsets.TryGetValue(modelStart, out var k) ? k : _kernel.Length;
        var text = _kernel.ToString(kernelStart, _kernel.Length - kernelStart);
        int status = _last is { } last && last.Model == statement.ExitStatus ? last.Kernel : statement.ExitStatus;
        _statements.Add(statement with { Output = text, Stdout = text, Stderr = "", ExitStatus = status });
        if (_statementHasModelOnly) _modelOnly.Add((statement.File, statement.StartLine));
        _statementHasModelOnly = false;
    }
}
