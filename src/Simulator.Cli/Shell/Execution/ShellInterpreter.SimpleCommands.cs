using System.Globalization;
using Simulator.Cli.Shell.Builtins;
using Simulator.Cli.Shell.Execution;
using Simulator.Cli.Shell.Syntax;

namespace Simulator.Cli.Shell;

// Simple commands: expansion, assignments, tracing, and finding what to run.
public sealed partial class ShellInterpreter
{
    private static readonly HashSet<string> DeclarationCommands = new(StringComparer.Ordinal)
    {
        "export", "local", "declare", "typeset", "readonly",
    };

    private int ExecuteSimple(SimpleCommand command, Io io)
    {
        _location = command.Location;
        LastSubstitutionStatus = null;
        WordExpander expander = Expander(io);
        List<string> argv = expander.ExpandCommandWords(command.Words, DeclarationCommands);
        int status;
        if (argv.Count == 0)
        {
            status = 0;
            foreach (Assignment assignment in command.Assignments)
            {
                string value = ExpandAssignment(expander, assignment, io);
                if (!AssignVariable(assignment.Name, value, io))
                {
                    status = 1;
                }
            }

            OpenRedirections? onlyRedirections = ApplyRedirections(command.Redirections, io, command.Location);
            if (onlyRedirections is null)
            {
                _lastStatus = 1;
                return 1;
            }

            status = CloseRedirections(onlyRedirections, status == 0 ? LastSubstitutionStatus ?? 0 : status, null);
            _lastStatus = status;
            return status;
        }

        var prefix = new List<KeyValuePair<string, string>>();
        foreach (Assignment assignment in command.Assignments)
        {
            prefix.Add(new(assignment.Name, ExpandAssignment(expander, assignment, io)));
        }

        if (_options.Xtrace)
        {
            WriteTrace(io, ShellQuoting.Join(argv));
        }

        if (UnsupportedBuiltins.Contains(argv[0]) && !_functions.ContainsKey(argv[0]))
        {
            // Before redirections: "exec 3>log" is about exec, not about descriptor 3.
            throw UnsupportedBuiltin(new BuiltinCall(this, argv, io, command.Location, Namespace, null, isShellBuiltin: true));
        }

        OpenRedirections? redirections = ApplyRedirections(command.Redirections, io, command.Location);
        if (redirections is null)
        {
            _lastStatus = 1;
            return 1;
        }

        status = 1;
        try
        {
            status = Dispatch(argv, prefix, redirections.Io, command.Location);
        }
        finally
        {
            status = CloseRedirections(redirections, status, argv[0]);
            _lastStatus = status;
        }

        return status;
    }

    // Expands an assignment's value (with += appending) and traces it.
    private string ExpandAssignment(WordExpander expander, Assignment assignment, Io io)
    {
        string value = expander.ExpandAssignmentValue(assignment.Value);
        if (_options.Xtrace)
        {
            WriteTrace(io, assignment.Append
                ? assignment.Name + "+=" + ShellQuoting.QuoteAssignment("", value)[1..]
                : ShellQuoting.QuoteAssignment(assignment.Name, value));
        }

        return assignment.Append ? (_vars.Get(assignment.Name) ?? "") + value : value;
    }

    private int Dispatch(List<string> argv, List<KeyValuePair<string, string>> prefix, Io io, SourceLocation location)
    {
        string name = argv[0];
        if (_functions.TryGetValue(name, out FunctionDefinition? function))
        {
            return WithTemporary(prefix, () => CallFunction(function, argv, io));
        }

        if (_builtins.TryGetValue(name, out Func<BuiltinCall, int>? builtin))
        {
            var call = new BuiltinCall(this, argv, io, location, Namespace, null, isShellBuiltin: true);
            return WithTemporary(prefix, () => builtin(call));
        }

        Dictionary<string, string> env = _vars.Environment();
        foreach ((string key, string value) in prefix)
        {
            env[key] = value;
        }

        if (name == "sudo")
        {
            return RunSudo(argv, env, io, location);
        }

        int? status = RunProgram(argv, env, io, location, Namespace, _inBackground);
        if (status is null)
        {
            ReportError(io, location, name.Contains('/', StringComparison.Ordinal)
                ? $"{name}: {Errno.NoEntry}"
                : $"{name}: command not found");
            return 127;
        }

        return status.Value;
    }

    private int WithTemporary(List<KeyValuePair<string, string>> bindings, Func<int> action)
    {
        if (bindings.Count == 0)
        {
            return action();
        }

        _vars.PushTemporary(bindings);
        try
        {
            return action();
        }
        finally
        {
            _vars.PopScope();
        }
    }

    // Tutorials write "sudo cmd"; the scenario already runs as root, so sudo just runs cmd
    // (as a program: like the real sudo it cannot run shell functions or builtins such as cd).
    private int RunSudo(List<string> argv, Dictionary<string, string> env, Io io, SourceLocation location)
    {
        int i = 1;
        while (i < argv.Count && argv[i].StartsWith('-'))
        {
            string option = argv[i++];
            if (option == "--")
            {
                break;
            }

            if (option is "-u" or "-g" or "-C" or "-p" or "-h" or "-r" or "-t" or "-U" or "-D")
            {
                i++;
            }
        }

        while (i < argv.Count && argv[i].IndexOf('=', StringComparison.Ordinal) is > 0 and var eq &&
               ShellLexer.IsName(argv[i][..eq]))
        {
            env[argv[i][..eq]] = argv[i][(eq + 1)..];
            i++;
        }

        if (i >= argv.Count)
        {
            io.Err.Write("usage: sudo [-u user] command\n");
            return 1;
        }

        List<string> rest = argv[i..];
        int? status = RunProgram(rest, env, io, location, Namespace, _inBackground);
        if (status is null)
        {
            io.Err.Write($"sudo: {rest[0]}: command not found\n");
            return 1;
        }

        return status.Value;
    }

    /// <summary>Runs a program: a script by path, one of the shell's utilities, or a host command.</summary>
    private int? RunProgram(
        IReadOnlyList<string> argv, IReadOnlyDictionary<string, string> env, Io io, SourceLocation location, string? ns, bool background)
    {
        string name = argv[0];
        if (name.Contains('/', StringComparison.Ordinal))
        {
            string path = ResolvePath(name, ns);
            if (FileSystem.DirectoryExists(path))
            {
                ReportError(io, location, $"{name}: {Errno.IsDirectory}");
                return 126;
            }

            if (FileSystem.FileExists(path))
            {
                if (!FileSystem.IsExecutable(path))
                {
                    ReportError(io, location, $"{name}: {Errno.PermissionDenied}");
                    return 126;
                }

                string text = FileSystem.ReadFile(path, out _) ?? "";
                return RunChildShell(text, name, [.. argv.Skip(1)], env, io, ns, trace: false, errexit: false);
            }
        }

        // "/bin/echo", "/usr/bin/grep": the shell's utilities stand for those programs too.
        string utilityName = name.StartsWith('/') && VirtualFileSystem.ParentOf(name) is "/bin" or "/usr/bin" or "/sbin" or "/usr/sbin"
            ? name[(name.LastIndexOf('/') + 1)..]
            : name;
        if (Utilities.TryGetValue(utilityName, out Func<BuiltinCall, int>? utility))
        {
            return utility(new BuiltinCall(this, argv, io, location, ns, env, isShellBuiltin: false));
        }

        var context = new CommandContext(argv, io.In, io.Out, io.Err, location, env, ns, background);
        return _host.RunExternal(context);
    }

    /// <summary>Runs a program on behalf of a utility that starts one (<c>env</c>).</summary>
    internal int? RunProgramFor(BuiltinCall call, IReadOnlyList<string> argv, IReadOnlyDictionary<string, string> env) =>
        RunProgram(argv, env, call.Io, call.Location, call.Namespace, _inBackground);

    /// <summary>
    /// A new bash process (<c>bash -c</c>, <c>bash file</c>, <c>./file</c>): it inherits exported
    /// variables and exported functions (<c>export -f</c>), the directory and the namespace,
    /// and shares the file system.
    /// </summary>
    internal int RunChildShell(
        string text, string name, IReadOnlyList<string> args, IReadOnlyDictionary<string, string> env, Io io, string? ns,
        bool trace, bool errexit)
    {
        var child = new ShellInterpreter(_host, new WriterShellOutput(io.Out, io.Err), FileSystem)
        {
            Namespace = ns,
            TerminalInput = io.In,
        };
        foreach ((string key, string value) in env)
        {
            child._vars.Set(key, value).Exported = true;
        }

        foreach (string function in _exportedFunctions)
        {
            if (_functions.TryGetValue(function, out FunctionDefinition? definition))
            {
                child._functions[function] = definition;
                child._exportedFunctions.Add(function);
            }
        }

        child._cwd = _cwd;
        child._vars.Set("PWD", _cwd);
        child._realScriptDirectory = _realScriptDirectory;
        child._options.Xtrace = trace;
        child._options.Errexit = errexit;
        return child.RunText(text, name, args);
    }

    /// <summary>Assigns a shell variable; false (after bash's message) when it is read-only.</summary>
    internal bool AssignVariable(string name, string value, Io io)
    {
        ShellVariable? existing = _vars.Find(name);
        if (existing is { ReadOnly: true })
        {
            ReportError(io, _location, $"{name}: readonly variable");
            return false;
        }

        _vars.Set(name, value);
        return true;
    }

    /// <summary>The value of a parameter: special ($?, $#, $1, ...) or a variable; null when unset.</summary>
    internal string? LookupParameter(string name, Io io)
    {
        switch (name)
        {
            case "?":
                return Decimal(_lastStatus);
            case "#":
                return Decimal(_positional.Count);
            case "$":
                return Decimal(ShellPid);
            case "!":
                return _lastBackgroundPid?.ToString(CultureInfo.InvariantCulture);
            case "-":
                return (_options.Errexit ? "e" : "") + "h" + (_options.Nounset ? "u" : "") + (_options.Xtrace ? "x" : "") + "B";
            case "0":
                return _scriptName;
            case "@" or "*":
                return string.Join(' ', _positional);
            case "LINENO":
                return Decimal(_location.Line);
            case "BASH_SOURCE":
                return _location.File;
            case "RANDOM":
                return Decimal(_random.Next(32768));
            case "PWD":
                return _vars.Get("PWD") ?? _cwd;
        }

        if (char.IsAsciiDigit(name[0]))
        {
            int index = int.Parse(name, CultureInfo.InvariantCulture);
            return index >= 1 && index <= _positional.Count ? _positional[index - 1] : null;
        }

        return _vars.Get(name);
    }

    internal IReadOnlyList<string> PositionalParameters => _positional;

    internal bool NounsetEnabled => _options.Nounset;

    internal bool NoglobEnabled => _options.Noglob;

    internal SourceLocation CurrentLocation => _location;
}
