using Simulator.Cli.Host;
using Simulator.Devices;
using Simulator.Devices.Sysctl;

namespace Simulator.Cli.Commands.Sysctl;

/// <summary>
/// procps-ng sysctl: read (<c>sysctl NAME</c>, <c>-n</c>, <c>-a</c>), write (<c>-w NAME=VALUE</c>
/// or just <c>NAME=VALUE</c>) and load (<c>-p [FILE]</c>) the namespace's kernel settings.
/// </summary>
public sealed class SysctlCommand : INetworkCommand
{
    public IReadOnlyList<string> Names { get; } = ["sysctl"];

    private sealed class Options
    {
        public bool ValuesOnly, NamesOnly, Quiet, IgnoreUnknown, WriteMode, All;
        public string? LoadFile;
        public bool Load;
    }

    public int Run(Invocation invocation)
    {
        var options = new Options();
        var operands = new List<string>();
        var args = invocation.Args;
        for (int i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg.StartsWith("--", StringComparison.Ordinal))
            {
                switch (arg)
                {
                    case "--values": options.ValuesOnly = true; break;
                    case "--names": options.NamesOnly = true; break;
                    case "--quiet": options.Quiet = true; break;
                    case "--ignore": options.IgnoreUnknown = true; break;
                    case "--write": options.WriteMode = true; break;
                    case "--all": options.All = true; break;
                    case "--load": options.Load = true; break;
                    default:
                        if (arg.StartsWith("--load=", StringComparison.Ordinal))
                        {
                            options.Load = true;
                            options.LoadFile = arg["--load=".Length..];
                            break;
                        }
                        invocation.Err.WriteLine($"sysctl: unrecognized option '{arg}'");
                        return Usage(invocation);
                }
                continue;
            }
            if (arg.Length > 1 && arg[0] == '-')
            {
                for (int j = 1; j < arg.Length; j++)
                {
                    switch (arg[j])
                    {
                        case 'n': options.ValuesOnly = true; break;
                        case 'N': options.NamesOnly = true; break;
                        case 'q': options.Quiet = true; break;
                        case 'e': options.IgnoreUnknown = true; break;
                        case 'w': options.WriteMode = true; break;
                        case 'a' or 'A' or 'X': options.All = true; break;
                        case 'p':
                            options.Load = true;
                            if (j + 1 < arg.Length) { options.LoadFile = arg[(j + 1)..]; j = arg.Length; }
                            break;
                        default:
                            invocation.Err.WriteLine($"sysctl: invalid option -- '{arg[j]}'");
                            return Usage(invocation);
                    }
                }
                continue;
            }
            operands.Add(arg);
        }

        var tree = invocation.Namespace.Sysctls;
        if (options.Load)
        {
            var file = options.LoadFile ?? (operands.Count > 0 ? operands[0] : "/etc/sysctl.conf");
            return Load(invocation, tree, file, options);
        }
        if (options.All)
        {
            foreach (var name in tree.Names()) Print(invocation, tree, name, options);
            return 0;
        }
        if (operands.Count == 0) return Usage(invocation);

        int status = 0;
        foreach (var operand in operands)
        {
            int equals = operand.IndexOf('=');
            if (equals < 0)
            {
                if (options.WriteMode)
                {
                    invocation.Err.WriteLine("sysctl: command line(0): invalid syntax, continuing...");
                    status = 1;
                    continue;
                }
                status |= Read(invocation, tree, operand, options);
            }
            else
            {
                status |= Write(invocation, tree, operand[..equals].Trim(), operand[(equals + 1)..].Trim(), options);
            }
        }
        return status;
    }

    private static int Read(Invocation invocation, SysctlTree tree, string name, Options options)
    {
        var normalized = SysctlTree.Normalize(name);
        if (tree.TryRead(normalized, out _))
        {
            Print(invocation, tree, normalized, options);
            return 0;
        }
        if (tree.IsDirectory(normalized))
        {
            foreach (var child in tree.Names(normalized)) Print(invocation, tree, child, options);
            return 0;
        }
        if (options.IgnoreUnknown) return 0;
        invocation.Err.WriteLine($"sysctl: cannot stat /proc/sys/{normalized.Replace('.', '/')}: No such file or directory");
        return 1;
    }

    private static void Print(Invocation invocation, SysctlTree tree, string name, Options options)
    {
        if (!tree.TryRead(name, out var value)) return;
        if (options.NamesOnly) invocation.Out.WriteLine(name);
        else if (options.ValuesOnly) invocation.Out.WriteLine(value);
        else invocation.Out.WriteLine($"{name} = {value}");
    }

    private static int Write(Invocation invocation, SysctlTree tree, string name, string value, Options options)
    {
        var normalized = SysctlTree.Normalize(name);
        var error = tree.Write(normalized, value);
        if (error == Errno.ENOENT)
        {
            if (options.IgnoreUnknown) return 0;
            invocation.Err.WriteLine($"sysctl: cannot stat /proc/sys/{normalized.Replace('.', '/')}: No such file or directory");
            return 1;
        }
        if (error != null)
        {
            invocation.Err.WriteLine($"sysctl: setting key \"{normalized}\": {error.Value.Message()}");
            return 1;
        }
        if (!options.Quiet)
        {
            if (options.ValuesOnly) invocation.Out.WriteLine(value);
            else invocation.Out.WriteLine($"{normalized} = {value}");
        }
        if (tree.IsUnmodelled(normalized))
            invocation.Err.WriteLine($"netsim: {normalized} is stored, but NetSim does not model its effect");
        return 0;
    }

    /// <summary>-p: "name = value" lines; '#' and ';' start comments; a leading '-' ignores failure.</summary>
    private static int Load(Invocation invocation, SysctlTree tree, string file, Options options)
    {
        var content = invocation.Machine.ReadFile(invocation.Context.Namespace, file, out _);
        if (content is null)
        {
            invocation.Err.WriteLine($"sysctl: cannot open \"{file}\": No such file or directory");
            return 1;
        }
        int status = 0, lineNumber = 0;
        foreach (var raw in content.Split('\n'))
        {
            lineNumber++;
            var line = raw.Trim();
            if (line.Length == 0 || line[0] is '#' or ';') continue;
            bool ignoreFailure = line[0] == '-';
            if (ignoreFailure) line = line[1..].TrimStart();
            int equals = line.IndexOf('=');
            if (equals <= 0)
            {
                invocation.Err.WriteLine($"sysctl: {file}({lineNumber}): invalid syntax, continuing...");
                continue;
            }
            int result = Write(invocation, tree, line[..equals].Trim(), line[(equals + 1)..].Trim(), options);
            if (!ignoreFailure) status |= result;
        }
        return status;
    }

    private static int Usage(Invocation invocation)
    {
        invocation.Err.WriteLine();
        invocation.Err.WriteLine("Usage:");
        invocation.Err.WriteLine(" sysctl [options] [variable[=value] ...]");
        return 2;
    }
}
