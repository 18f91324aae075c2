using Simulator.Cli.Shell.Execution;

namespace Simulator.Cli.Shell.Builtins;

/// <summary>One invocation of a builtin or utility: argv, streams, where it was written, its namespace.</summary>
internal sealed class BuiltinCall(
    ShellInterpreter shell,
    IReadOnlyList<string> args,
    Io io,
    SourceLocation location,
    string? ns,
    IReadOnlyDictionary<string, string>? environment,
    bool isShellBuiltin)
{
    public ShellInterpreter Shell { get; } = shell;

    public IReadOnlyList<string> Args { get; } = args;

    public string Name => Args[0];

    public Io Io { get; } = io;

    public TextReader In => Io.In;

    public TextWriter Out => Io.Out;

    public TextWriter Err => Io.Err;

    public SourceLocation Location { get; } = location;

    public string? Namespace { get; } = ns;

    /// <summary>The environment a program was started with; for shell builtins, the shell's exports.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; } = environment ?? shell.Environment;

    /// <summary>Run by the shell itself (errors read "FILE: line N: name: ..."), not as a program ("name: ...").</summary>
    public bool IsShellBuiltin { get; } = isShellBuiltin;

    public void Error(string message)
    {
        if (IsShellBuiltin)
        {
            Shell.ReportError(Io, Location, $"{Name}: {message}");
        }
        else
        {
            Err.Write($"{Name}: {message}\n");
        }
    }

    /// <summary>Reads a file operand as the utilities do ("-" is standard input).</summary>
    public string? ReadFile(string path, out string? error) => Shell.ReadFile(path, Namespace, In, out error);
}
