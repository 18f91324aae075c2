using System.Globalization;
using System.Text;
using Simulator.Cli.Shell.Builtins;
using Simulator.Cli.Shell.Execution;
using Simulator.Cli.Shell.Syntax;

namespace Simulator.Cli.Shell;

// Builtins that read or change the shell's own state: the tables, cd, set, shift, read, let, wait.
public sealed partial class ShellInterpreter
{
    /// <summary>bash builtins NetSim does not interpret: running one ends the script, status 2.</summary>
    private static readonly string[] UnsupportedBuiltins =
    [
        "trap", "alias", "unalias", "shopt", "getopts", "exec", "ulimit", "umask", "pushd", "popd", "dirs",
        "fg", "bg", "disown", "hash", "enable", "builtin", "caller", "complete", "compgen", "compopt",
        "mapfile", "readarray", "history", "fc", "logout", "suspend", "times", "bind", "command", "type", "help",
    ];

    /// <summary>Commands that are programs on a real system (/bin/echo, /bin/cat, ...), here carried by the shell.</summary>
    private static readonly Dictionary<string, Func<BuiltinCall, int>> Utilities = new(StringComparer.Ordinal)
    {
        ["echo"] = OutputCommands.Echo,
        ["printf"] = OutputCommands.Printf,
        ["test"] = TestBuiltin.Test,
        ["["] = TestBuiltin.Test,
        ["true"] = _ => 0,
        ["false"] = _ => 1,
        ["pwd"] = call => Pwd(call),
        ["cat"] = FileCommands.Cat,
        ["tee"] = FileCommands.Tee,
        ["mkdir"] = FileCommands.Mkdir,
        ["rmdir"] = FileCommands.Rmdir,
        ["rm"] = FileCommands.Rm,
        ["touch"] = FileCommands.Touch,
        ["cp"] = FileCommands.Cp,
        ["mv"] = FileCommands.Mv,
        ["chmod"] = FileCommands.Chmod,
        ["grep"] = GrepCommand.Run,
        ["egrep"] = GrepCommand.Run,
        ["fgrep"] = GrepCommand.Run,
        ["head"] = TextCommands.Head,
        ["tail"] = TextCommands.Tail,
        ["wc"] = TextCommands.Wc,
        ["sort"] = TextCommands.Sort,
        ["uniq"] = TextCommands.Uniq,
        ["tr"] = TextCommands.Tr,
        ["cut"] = TextCommands.Cut,
        ["basename"] = TextCommands.Basename,
        ["dirname"] = TextCommands.Dirname,
        ["seq"] = TextCommands.Seq,
        ["bash"] = ShellCommands.Bash,
        ["sh"] = ShellCommands.Bash,
        ["env"] = ShellCommands.Env,
        ["id"] = ShellCommands.Id,
        ["whoami"] = call => ShellCommands.Id(call),
    };

    private readonly Dictionary<string, Func<BuiltinCall, int>> _builtins = new(StringComparer.Ordinal);

    private void InitBuiltins()
    {
        foreach (string name in new[] { "echo", "printf", "test", "[", "true", "false" })
        {
            _builtins[name] = Utilities[name];
        }

        _builtins[":"] = _ => 0;
        _builtins["pwd"] = Pwd;
        _builtins["cd"] = Cd;
        _builtins["export"] = Export;
        _builtins["readonly"] = Readonly;
        _builtins["unset"] = Unset;
        _builtins["local"] = Local;
        _builtins["declare"] = Declare;
        _builtins["typeset"] = Declare;
        _builtins["set"] = Set;
        _builtins["shift"] = Shift;
        _builtins["source"] = Source;
        _builtins["."] = Source;
        _builtins["exit"] = Exit;
        _builtins["return"] = Return;
        _builtins["break"] = call => LoopControl(call, isBreak: true);
        _builtins["continue"] = call => LoopControl(call, isBreak: false);
        _builtins["eval"] = Eval;
        _builtins["read"] = Read;
        _builtins["let"] = Let;
        _builtins["wait"] = Wait;
        foreach (string name in UnsupportedBuiltins)
        {
            _builtins[name] = call => throw UnsupportedBuiltin(call);
        }
    }

    private UnsupportedException UnsupportedBuiltin(BuiltinCall call) =>
        UnsupportedBuiltin(call, call.Name);

    internal UnsupportedException UnsupportedBuiltin(BuiltinCall call, string what)
    {
        ReportError(call.Io, call.Location, "netsim: unsupported shell builtin: " + what);
        return new UnsupportedException(2);
    }

    internal void TraceLine(Io io, string text) => WriteTrace(io, text);

    private static int Pwd(BuiltinCall call)
    {
        call.Out.Write(call.Shell._cwd + "\n");
        return 0;
    }

    private int Cd(BuiltinCall call)
    {
        string? target = call.Args.Count > 1 ? call.Args[1] : _vars.Get("HOME");
        bool print = false;
        if (target == "-")
        {
            target = _vars.Get("OLDPWD");
            print = true;
            if (target is null)
            {
                call.Error("OLDPWD not set");
                return 1;
            }
        }

        if (target is null)
        {
            call.Error("HOME not set");
            return 1;
        }

        if (target.Length == 0)
        {
            return 0;
        }

        string path = VirtualFileSystem.Normalize(target, _cwd);
        switch (Stat(path, Namespace))
        {
            case PathKind.Directory:
                _vars.Set("OLDPWD", _cwd).Exported = true;
                _cwd = path;
                _vars.Set("PWD", _cwd).Exported = true;
                if (print)
                {
                    call.Out.Write(_cwd + "\n");
                }

                return 0;
            case PathKind.File:
                call.Error($"{target}: {Errno.NotDirectory}");
                return 1;
            default:
                call.Error($"{target}: {Errno.NoEntry}");
                return 1;
        }
    }

    private int Set(BuiltinCall call)
    {
        if (call.Args.Count == 1)
        {
            foreach ((string name, string value) in _vars.All())
            {
                call.Out.Write(ShellQuoting.QuoteAssignment(name, value) + "\n");
            }

            return 0;
        }

        for (int i = 1; i < call.Args.Count; i++)
        {
            string arg = call.Args[i];
            if (arg == "--")
            {
                _positional = [.. call.Args.Skip(i + 1)];
                return 0;
            }

            if (arg == "-")
            {
                _options.Xtrace = false;
                _positional = [.. call.Args.Skip(i + 1)];
                return 0;
            }

            if (arg.Length < 2 || arg[0] is not ('-' or '+'))
            {
                _positional = [.. call.Args.Skip(i)];
                return 0;
            }

            bool on = arg[0] == '-';
            foreach (char c in arg[1..])
            {
                if (c == 'o')
                {
                    if (i + 1 >= call.Args.Count)
                    {
                        throw UnsupportedBuiltin(call, "set -o (listing)");
                    }

                    string option = call.Args[++i];
                    if (!SetOption(option, on))
                    {
                        if (IsBashOption(option))
                        {
                            throw UnsupportedBuiltin(call, $"set {arg[0]}o {option}");
                        }

                        call.Error($"{option}: invalid option name");
                        return 1;
                    }

                    continue;
                }

                string? name = c switch
                {
                    'e' => "errexit",
                    'u' => "nounset",
                    'x' => "xtrace",
                    'f' => "noglob",
                    _ => null,
                };
                if (name is not null)
                {
                    SetOption(name, on);
                    continue;
                }

                if ("abhkmnptvBCEHPT".Contains(c, StringComparison.Ordinal))
                {
                    if (c is 'h' or 'B')
                    {
                        continue;
                    }

                    throw UnsupportedBuiltin(call, $"set {arg[0]}{c}");
                }

                call.Error($"{arg[0]}{c}: invalid option");
                call.Err.Write("set: usage: set [-abefhkmnptuvxBCEHPT] [-o option-name] [--] [-] [arg ...]\n");
                return 2;
            }
        }

        return 0;
    }

    private bool SetOption(string name, bool on)
    {
        switch (name)
        {
            case "errexit":
                _options.Errexit = on;
                return true;
            case "nounset":
                _options.Nounset = on;
                return true;
            case "xtrace":
                _options.Xtrace = on;
                return true;
            case "pipefail":
                _options.Pipefail = on;
                return true;
            case "noglob":
                _options.Noglob = on;
                return true;
            case "hashall" or "braceexpand" or "interactive-comments":
                return true;
            default:
                return false;
        }
    }

    private static bool IsBashOption(string name) => name is "allexport" or "emacs" or "errtrace" or "functrace"
        or "histexpand" or "history" or "ignoreeof" or "keyword" or "monitor" or "noclobber" or "noexec" or "nolog"
        or "notify" or "onecmd" or "physical" or "posix" or "privileged" or "verbose" or "vi";

    private int Shift(BuiltinCall call)
    {
        int n = 1;
        if (call.Args.Count > 1 && !int.TryParse(call.Args[1], NumberStyles.None, CultureInfo.InvariantCulture, out n))
        {
            call.Error($"{call.Args[1]}: numeric argument required");
            return 1;
        }

        if (n > _positional.Count)
        {
            return 1;
        }

        _positional = _positional[n..];
        return 0;
    }

    private int Read(BuiltinCall call)
    {
        bool raw = false;
        var names = new List<string>();
        for (int i = 1; i < call.Args.Count; i++)
        {
            string arg = call.Args[i];
            if (names.Count == 0 && arg.StartsWith('-') && arg.Length > 1)
            {
                foreach (char c in arg[1..])
                {
                    switch (c)
                    {
                        case 'r':
                            raw = true;
                            break;
                        case 's':
                            break;
                        case 'p':
                            i++;
                            break;
                        default:
                            throw UnsupportedBuiltin(call, "read -" + c);
                    }
                }

                continue;
            }

            if (!ShellLexer.IsName(arg))
            {
                call.Error($"`{arg}': not a valid identifier");
                return 1;
            }

            names.Add(arg);
        }

        if (names.Count == 0)
        {
            names.Add("REPLY");
        }

        var line = new StringBuilder();
        bool gotLine = false;
        while (call.In.ReadLine() is { } part)
        {
            gotLine = true;
            if (!raw && part.EndsWith('\\'))
            {
                line.Append(part[..^1]);
                continue;
            }

            line.Append(part);
            break;
        }

        string text = raw ? line.ToString() : RemoveBackslashes(line.ToString());
        AssignReadFields(names, text, call.Io);
        return gotLine ? 0 : 1;
    }

    private static string RemoveBackslashes(string s)
    {
        var sb = new StringBuilder();
        for (int i = 0; i < s.Length; i++)
        {
            if (s[i] == '\\' && i + 1 < s.Length)
            {
                i++;
            }

            sb.Append(s[i]);
        }

        return sb.ToString();
    }

    // Splits a line on IFS into the names; the last name takes the rest of the line.
    private void AssignReadFields(List<string> names, string text, Io io)
    {
        string ifs = _vars.Get("IFS") ?? " \t\n";
        char[] whitespace = [.. ifs.Where(char.IsWhiteSpace)];

        // string.Trim with no characters would trim all white space; IFS= means trim nothing.
        string TrimStart(string s) => whitespace.Length == 0 ? s : s.TrimStart(whitespace);
        string Trim(string s) => whitespace.Length == 0 ? s : s.Trim(whitespace);

        string rest = names.Count == 1 && names[0] == "REPLY" ? text : Trim(text);
        for (int i = 0; i < names.Count; i++)
        {
            if (i == names.Count - 1)
            {
                AssignVariable(names[i], rest, io);
                break;
            }

            int cut = ifs.Length == 0 ? -1 : rest.IndexOfAny(ifs.ToCharArray());
            string field = cut < 0 ? rest : rest[..cut];
            rest = cut < 0 ? "" : TrimStart(rest[(cut + 1)..]);
            AssignVariable(names[i], field, io);
        }
    }

    private int Let(BuiltinCall call)
    {
        if (call.Args.Count < 2)
        {
            call.Error("expression expected");
            return 1;
        }

        long value = 0;
        foreach (string expression in call.Args.Skip(1))
        {
            value = EvaluateArithmetic(expression, call.Io, call.Location);
        }

        return value != 0 ? 0 : 1;
    }

    // Background commands already ran to completion; the host may still have something to finish.
    private int Wait(BuiltinCall call)
    {
        var context = new CommandContext(call.Args, call.In, call.Out, call.Err, call.Location, call.Environment, Namespace);
        return _host.RunExternal(context) ?? 0;
    }
}
