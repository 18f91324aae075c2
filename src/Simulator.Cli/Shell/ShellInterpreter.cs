using System.Text;
using Simulator.Cli.Shell.Execution;
using Simulator.Cli.Shell.Syntax;

namespace Simulator.Cli.Shell;

/// <summary>
/// Runs scenario scripts: the subset of bash that virtual-networking tutorials use. Shell syntax,
/// variables, functions, builtins, small text utilities and an in-memory file system are handled
/// here; every other command (ip, iptables, ping, sysctl, ...) goes to the <see cref="ICommandHost"/>.
/// </summary>
/// <remarks>
/// Like bash, the interpreter parses one complete command, runs it, then parses the next, so a
/// script runs up to the first line it cannot parse. Syntax NetSim does not interpret (case,
/// arrays, ...) is reported as <c>FILE: line N: netsim: unsupported shell syntax: WHAT</c> and ends
/// the script with status 2: nothing is silently skipped.
/// </remarks>
public sealed partial class ShellInterpreter
{
    private const string DefaultPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    /// <summary><c>$$</c>: a fixed process id, so that runs are reproducible.</summary>
    private const int ShellPid = 4241;

    /// <summary>How deep functions and sourced files may nest before the shell refuses (bash's FUNCNEST).</summary>
    private const int MaxNesting = 200;

    private readonly ICommandHost _host;
    private readonly TextWriter _terminalOut;
    private readonly TextWriter _terminalErr;
    private readonly ShellVariables _vars = new();
    private readonly List<StatementRecorder> _recorders = [];
    private readonly Random _random = new(4711);
    private Dictionary<string, FunctionDefinition> _functions = new(StringComparer.Ordinal);
    private HashSet<string> _exportedFunctions = new(StringComparer.Ordinal);
    private List<string> _positional = [];
    private string _scriptName = "bash";
    private string _cwd = "/root";
    private ShellOptions _options = new();
    private int _lastStatus;
    private int _sourceDepth;
    private int _traceDepth;
    private int _functionDepth;
    private int _loopDepth;
    private int _errexitSuppressed;
    private bool _inBackground;
    private int _nextPid = 4242;
    private int? _lastBackgroundPid;
    private string? _realScriptDirectory;
    private SourceLocation _location = new("bash", 0);

    /// <param name="host">Runs the programs that are not part of the shell.</param>
    /// <param name="output">Receives terminal output in order; a <see cref="TranscriptOutput"/> when null.</param>
    /// <param name="fileSystem">The scenario's files; shared with child shells. A fresh one when null.</param>
    public ShellInterpreter(ICommandHost host, IShellOutput? output = null, VirtualFileSystem? fileSystem = null)
    {
        _host = host;
        Output = output ?? new TranscriptOutput();
        FileSystem = fileSystem ?? new VirtualFileSystem();
        _terminalOut = new TerminalWriter(this, OutputStream.Stdout);
        _terminalErr = new TerminalWriter(this, OutputStream.Stderr);
        foreach ((string name, string value) in new[]
                 {
                     ("HOME", "/root"), ("PWD", _cwd), ("PATH", DefaultPath), ("USER", "root"),
                     ("LOGNAME", "root"), ("SHELL", "/bin/bash"),
                 })
        {
            _vars.Set(name, value).Exported = true;
        }

        // The scenario runs as root (tutorials check "[ $EUID -ne 0 ]").
        _vars.Set("UID", "0").ReadOnly = true;
        _vars.Set("EUID", "0").ReadOnly = true;
        _vars.Set("IFS", " \t\n");
        _vars.Set("PS4", "+ ");
        InitBuiltins();
    }

    /// <summary>Raised after each top-level statement of each file (sourced files included) completes.</summary>
    public event Action<StatementResult>? StatementCompleted;

    public IShellOutput Output { get; }

    public VirtualFileSystem FileSystem { get; }

    /// <summary>The <c>-x</c> flag: trace commands to stderr as <c>set -x</c> does (also set by the script).</summary>
    public bool Trace
    {
        get => _options.Xtrace;
        set => _options.Xtrace = value;
    }

    /// <summary><c>$?</c>: the status of the last command, and after a run the script's exit status.</summary>
    public int ExitStatus => _lastStatus;

    /// <summary>The network namespace every command of this shell runs in (null: the initial one).</summary>
    public string? Namespace { get; init; }

    /// <summary>The shell's current directory in the virtual file system.</summary>
    public string WorkingDirectory => _cwd;

    /// <summary>Exported variables with values: what a program started now would inherit.</summary>
    public IReadOnlyDictionary<string, string> Environment => _vars.Environment();

    /// <summary>Standard input of the script itself (a child shell's inherited input). Empty by default.</summary>
    internal TextReader TerminalInput { get; set; } = TextReader.Null;

    private Io TerminalIo => new(TerminalInput, _terminalOut, _terminalErr);

    public string? GetVariable(string name) => _vars.Get(name);

    /// <summary>
    /// Reads a file as a process in <paramref name="namespace"/> would see it: host files, then
    /// virtual ones, with /etc/netns/NS/X over /etc/X (where a host resolves names, say).
    /// Null when it cannot be read.
    /// </summary>
    public string? ReadFile(string path, string? @namespace = null) =>
        ReadFile(path, @namespace, TextReader.Null, out _);

    public void SetVariable(string name, string value, bool exported = false)
    {
        ShellVariable v = _vars.Set(name, value);
        v.Exported |= exported;
    }

    /// <summary>Runs a script from the real disk (read-only); <c>source</c> of a relative name also looks beside it.</summary>
    public int RunFile(string realPath, IReadOnlyList<string>? arguments = null)
    {
        string text;
        try
        {
            text = System.IO.File.ReadAllText(realPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _terminalErr.Write($"bash: {realPath}: {Errno.NoEntry}\n");
            _lastStatus = 127;
            return _lastStatus;
        }

        _realScriptDirectory = Path.GetDirectoryName(Path.GetFullPath(realPath));
        return RunText(text, realPath, arguments);
    }

    /// <summary>Runs script text; <paramref name="fileName"/> is how errors name it (bash prints the path as given).</summary>
    public int RunText(string text, string fileName, IReadOnlyList<string>? arguments = null)
    {
        _scriptName = fileName;
        _positional = arguments is null ? [] : [.. arguments];
        try
        {
            RunStatements(text, fileName, TerminalIo, sourced: false);
        }
        catch (ControlFlowException e) when (e is ExitException or UnsupportedException)
        {
            _lastStatus = e.Status;
        }

        return _lastStatus;
    }

    /// <summary>
    /// Runs one program-like command for the host: what <c>ip netns exec NS cmd ...</c> executes.
    /// The shell's utilities (echo, cat, grep, bash -c, ...) run here, in the context's namespace;
    /// anything else goes back to <see cref="ICommandHost.RunExternal"/>. Shell functions and
    /// shell-only builtins (cd, export) are not programs and are not found, as with a real exec.
    /// </summary>
    /// <returns>The exit status, or null when there is no such command.</returns>
    public int? RunCommand(CommandContext context)
    {
        var io = new Io(context.Stdin, context.Stdout, context.Stderr);
        return RunProgram(context.Arguments, context.Environment, io, context.Location, context.Namespace, context.Background);
    }

    // Parses and runs statements one at a time. Returns the last status; for the top-level script a
    // syntax error ends the shell (status 2), for a sourced file it ends only that file.
    private int RunStatements(string text, string fileName, Io io, bool sourced)
    {
        var parser = new ShellParser(text, fileName);
        while (true)
        {
            var recorder = new StatementRecorder();
            _recorders.Add(recorder);
            Statement? statement = null;
            int start = 0;
            int end = 0;
            try
            {
                try
                {
                    statement = parser.ParseNextStatement();
                }
                catch (ShellSyntaxException e)
                {
                    WriteWarnings(parser, io);
                    start = end = e.Line;
                    io.Err.Write($"{fileName}: line {e.Line}: {e.Message}\n");
                    if (e.Context is not null)
                    {
                        io.Err.Write($"{fileName}: line {e.Line}: `{e.Context}'\n");
                    }

                    _lastStatus = 2;
                    if (e.Message.StartsWith("netsim:", StringComparison.Ordinal))
                    {
                        throw new UnsupportedException(2);
                    }

                    if (!sourced)
                    {
                        throw new ExitException(2);
                    }

                    return 2;
                }

                WriteWarnings(parser, io);
                if (statement is null)
                {
                    return _lastStatus;
                }

                start = statement.StartLine;
                end = statement.EndLine;
                try
                {
                    ExecuteList(statement.Body, io);
                }
                catch (AbortCommandException)
                {
                    _lastStatus = 1;
                }
            }
            catch (ControlFlowException e) when (e is ExitException or UnsupportedException)
            {
                _lastStatus = e.Status;
                throw;
            }
            finally
            {
                _recorders.Remove(recorder);
                if (start > 0)
                {
                    StatementCompleted?.Invoke(new StatementResult(
                        fileName, start, end, recorder.Stdout.ToString(), recorder.Stderr.ToString(),
                        recorder.Both.ToString(), _lastStatus, _sourceDepth));
                }
            }
        }
    }

    private static void WriteWarnings(ShellParser parser, Io io)
    {
        foreach (string warning in parser.Warnings)
        {
            io.Err.Write(warning + "\n");
        }

        parser.Warnings.Clear();
    }

    /// <summary>Writes "FILE: line N: message" as bash reports errors of the shell and its builtins.</summary>
    internal void ReportError(Io io, SourceLocation location, string message) =>
        io.Err.Write($"{location.File}: line {location.Line}: {message}\n");

    /// <summary>An error that ends a non-interactive shell (<c>${x:?}</c>, <c>set -u</c>).</summary>
    internal ExitException Fatal(Io io, string message)
    {
        ReportError(io, _location, message);
        return new ExitException(1);
    }

    /// <summary>A runtime construct NetSim does not interpret: report it and end the script.</summary>
    internal UnsupportedException Unsupported(Io io, SourceLocation location, string what)
    {
        ReportError(io, location, "netsim: unsupported shell syntax: " + what);
        return new UnsupportedException(2);
    }

    private void WriteTrace(Io io, string text)
    {
        string ps4 = _vars.Get("PS4") ?? "+ ";
        string prefix = ps4.Length == 0 ? "" : new string(ps4[0], 1 + _traceDepth + _sourceDepth) + ps4[1..];
        io.Err.Write(prefix + text + "\n");
    }

    private void WriteTerminal(OutputStream stream, string text)
    {
        if (text.Length == 0)
        {
            return;
        }

        Output.Write(stream, text);
        foreach (StatementRecorder recorder in _recorders)
        {
            (stream == OutputStream.Stdout ? recorder.Stdout : recorder.Stderr).Append(text);
            recorder.Both.Append(text);
        }
    }

    private sealed class StatementRecorder
    {
        public StringBuilder Stdout { get; } = new();

        public StringBuilder Stderr { get; } = new();

        public StringBuilder Both { get; } = new();
    }

    /// <summary>The terminal: forwards to the output sink and to every statement being recorded.</summary>
    private sealed class TerminalWriter(ShellInterpreter shell, OutputStream stream) : TextWriter
    {
        public override Encoding Encoding => Encoding.UTF8;

        public override void Write(char value) => shell.WriteTerminal(stream, value.ToString());

        public override void Write(string? value) => shell.WriteTerminal(stream, value ?? "");

        public override void Write(char[] buffer, int index, int count) =>
            shell.WriteTerminal(stream, new string(buffer, index, count));
    }

    private sealed class ShellOptions
    {
        public bool Xtrace { get; set; }

        public bool Errexit { get; set; }

        public bool Nounset { get; set; }

        public bool Pipefail { get; set; }

        public bool Noglob { get; set; }

        public ShellOptions Clone() => (ShellOptions)MemberwiseClone();
    }
}
