namespace Simulator.Cli.Shell.Builtins;

/// <summary>Programs that start other programs: <c>bash</c>/<c>sh</c> (a child shell) and <c>env</c>.</summary>
internal static class ShellCommands
{
    /// <summary>
    /// <c>bash -c 'cmds' [name args]</c>, <c>bash file [args]</c>, or <c>bash</c> reading its script
    /// from standard input (<c>ip netns exec ns1 bash &lt;&lt;EOF</c>). Options -x and -e are honoured.
    /// </summary>
    public static int Bash(BuiltinCall call)
    {
        bool trace = false;
        bool errexit = false;
        bool commandString = false;
        int i = 1;
        for (; i < call.Args.Count; i++)
        {
            string arg = call.Args[i];
            if (arg == "--" || arg == "-")
            {
                i++;
                break;
            }

            if (arg.Length < 2 || arg[0] is not ('-' or '+'))
            {
                break;
            }

            foreach (char c in arg[1..])
            {
                switch (c)
                {
                    case 'c':
                        commandString = true;
                        break;
                    case 'x':
                        trace = arg[0] == '-';
                        break;
                    case 'e':
                        errexit = arg[0] == '-';
                        break;
                    case 'l' or 's':
                        break;
                    default:
                        throw call.Shell.UnsupportedBuiltin(call, $"{call.Name} {arg[0]}{c}");
                }
            }
        }

        List<string> operands = call.Args.Skip(i).ToList();
        string text;
        string name;
        List<string> args;
        if (commandString)
        {
            if (operands.Count == 0)
            {
                call.Err.Write($"{call.Name}: -c: option requires an argument\n");
                return 2;
            }

            text = operands[0];
            name = operands.Count > 1 ? operands[1] : call.Name;
            args = operands.Skip(2).ToList();
        }
        else if (operands.Count > 0)
        {
            name = operands[0];
            string? script = call.Shell.FindScript(name, out string? error);
            if (script is null)
            {
                call.Err.Write($"{call.Name}: {name}: {error ?? Errno.NoEntry}\n");
                return 127;
            }

            text = script;
            args = operands.Skip(1).ToList();
        }
        else
        {
            text = call.In.ReadToEnd();
            name = call.Name;
            args = [];
        }

        return call.Shell.RunChildShell(text, name, args, call.Environment, call.Io, call.Namespace, trace, errexit);
    }

    /// <summary><c>env</c> prints the environment; <c>env NAME=value cmd</c> runs cmd with it changed.</summary>
    public static int Env(BuiltinCall call)
    {
        var environment = new Dictionary<string, string>(call.Environment, StringComparer.Ordinal);
        int i = 1;
        for (; i < call.Args.Count; i++)
        {
            string arg = call.Args[i];
            if (arg is "-i" or "-")
            {
                environment.Clear();
            }
            else if (arg == "-u" && i + 1 < call.Args.Count)
            {
                environment.Remove(call.Args[++i]);
            }
            else if (arg.IndexOf('=', StringComparison.Ordinal) > 0)
            {
                int eq = arg.IndexOf('=', StringComparison.Ordinal);
                environment[arg[..eq]] = arg[(eq + 1)..];
            }
            else
            {
                break;
            }
        }

        if (i >= call.Args.Count)
        {
            foreach ((string key, string value) in environment.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                call.Out.Write($"{key}={value}\n");
            }

            return 0;
        }

        List<string> argv = call.Args.Skip(i).ToList();
        int? status = call.Shell.RunProgramFor(call, argv, environment);
        if (status is null)
        {
            call.Err.Write($"env: '{argv[0]}': {Errno.NoEntry}\n");
            return 127;
        }

        return status.Value;
    }

    /// <summary><c>id</c> and <c>whoami</c>: the scenario runs as root.</summary>
    public static int Id(BuiltinCall call)
    {
        string options = string.Concat(call.Args.Skip(1).Where(a => a.StartsWith('-')).Select(a => a[1..]));
        bool name = options.Contains('n', StringComparison.Ordinal) || call.Name == "whoami";
        string text = options.Contains('u', StringComparison.Ordinal) || options.Contains('g', StringComparison.Ordinal) || call.Name == "whoami"
            ? name ? "root" : "0"
            : "uid=0(root) gid=0(root) groups=0(root)";
        call.Out.Write(text + "\n");
        return 0;
    }
}
