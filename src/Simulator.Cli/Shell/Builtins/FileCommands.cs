using System.Text;

namespace Simulator.Cli.Shell.Builtins;

/// <summary>
/// coreutils file commands over the virtual file system (and host files for cat and tee).
/// Messages are coreutils' in the C locale: <c>rm: cannot remove 'x': No such file or directory</c>.
/// </summary>
internal static class FileCommands
{
    public static int Cat(BuiltinCall call)
    {
        if (CommandOptions.Parse(call, "nAEsuv", longNames: new Dictionary<string, char> { ["number"] = 'n' }) is not { } options)
        {
            return 1;
        }

        List<string> files = options.Operands.Count == 0 ? ["-"] : options.Operands;
        int status = 0;
        var text = new StringBuilder();
        foreach (string file in files)
        {
            string? content = call.ReadFile(file, out string? error);
            if (content is null)
            {
                call.Out.Write(Number(text.ToString(), options.Has('n')));
                text.Clear();
                call.Err.Write($"cat: {file}: {error}\n");
                status = 1;
                continue;
            }

            text.Append(content);
        }

        call.Out.Write(Number(text.ToString(), options.Has('n')));
        return status;
    }

    private static string Number(string text, bool number)
    {
        if (!number || text.Length == 0)
        {
            return text;
        }

        var sb = new StringBuilder();
        string[] lines = text.Split('\n');
        int count = text.EndsWith('\n') ? lines.Length - 1 : lines.Length;
        for (int i = 0; i < count; i++)
        {
            sb.Append((i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(6)).Append('\t').Append(lines[i]);
            if (i < count - 1 || text.EndsWith('\n'))
            {
                sb.Append('\n');
            }
        }

        return sb.ToString();
    }

    // "echo 1 | tee /proc/sys/net/ipv4/ip_forward": the usual way tutorials write a sysctl as root.
    public static int Tee(BuiltinCall call)
    {
        if (CommandOptions.Parse(call, "ai", longNames: new Dictionary<string, char> { ["append"] = 'a' }) is not { } options)
        {
            return 1;
        }

        string input = call.In.ReadToEnd();
        int status = 0;
        foreach (string file in options.Operands)
        {
            if (!call.Shell.WriteFile(file, input, options.Has('a'), call.Namespace, out string? error))
            {
                call.Err.Write($"tee: {file}: {error}\n");
                status = 1;
            }
        }

        call.Out.Write(input);
        return status;
    }

    public static int Mkdir(BuiltinCall call)
    {
        if (CommandOptions.Parse(call, "pv", "m", new Dictionary<string, char> { ["parents"] = 'p', ["mode"] = 'm', ["verbose"] = 'v' })
            is not { } options)
        {
            return 1;
        }

        if (options.Operands.Count == 0)
        {
            call.Err.Write("mkdir: missing operand\n");
            return 1;
        }

        int status = 0;
        foreach (string dir in options.Operands)
        {
            string path = call.Shell.ResolvePath(dir, call.Namespace);
            if (!call.Shell.FileSystem.CreateDirectory(path, options.Has('p'), out string? error))
            {
                call.Err.Write($"mkdir: cannot create directory '{dir}': {error}\n");
                status = 1;
            }
            else if (options.Has('v'))
            {
                call.Out.Write($"mkdir: created directory '{dir}'\n");
            }
        }

        return status;
    }

    public static int Rmdir(BuiltinCall call)
    {
        if (CommandOptions.Parse(call, "p") is not { } options)
        {
            return 1;
        }

        int status = 0;
        foreach (string dir in options.Operands)
        {
            string path = call.Shell.ResolvePath(dir, call.Namespace);
            string? error = null;
            bool ok = call.Shell.FileSystem.DirectoryExists(path)
                ? call.Shell.FileSystem.Remove(path, recursive: false, out error)
                : Fail(call.Shell.FileSystem.Exists(path) ? Errno.NotDirectory : Errno.NoEntry, out error);
            if (!ok)
            {
                call.Err.Write($"rmdir: failed to remove '{dir}': {error}\n");
                status = 1;
            }
        }

        return status;
    }

    public static int Rm(BuiltinCall call)
    {
        if (CommandOptions.Parse(
                call,
                "rRfiv",
                longNames: new Dictionary<string, char> { ["recursive"] = 'r', ["force"] = 'f', ["interactive"] = 'i', ["verbose"] = 'v' })
            is not { } options)
        {
            return 1;
        }

        // Of -i and -f, the later one wins (so an "rm -i" alias still honours "-rf").
        bool force = false;
        bool interactive = false;
        foreach (string arg in call.Args.Skip(1).TakeWhile(a => a != "--"))
        {
            if (arg.StartsWith("--", StringComparison.Ordinal))
            {
                force = arg == "--force" || (force && arg != "--interactive");
                interactive = arg == "--interactive" || (interactive && arg != "--force");
                continue;
            }

            if (arg.Length > 1 && arg[0] == '-')
            {
                foreach (char c in arg[1..])
                {
                    if (c == 'f')
                    {
                        force = true;
                        interactive = false;
                    }
                    else if (c == 'i')
                    {
                        interactive = true;
                        force = false;
                    }
                }
            }
        }

        bool recursive = options.Has('r') || options.Has('R');
        if (options.Operands.Count == 0 && !force)
        {
            call.Err.Write("rm: missing operand\n");
            return 1;
        }

        int status = 0;
        foreach (string target in options.Operands)
        {
            string path = call.Shell.ResolvePath(target, call.Namespace);
            VirtualFileSystem fs = call.Shell.FileSystem;
            if (!fs.Exists(path))
            {
                if (!force)
                {
                    call.Err.Write($"rm: cannot remove '{target}': {Errno.NoEntry}\n");
                    status = 1;
                }

                continue;
            }

            bool directory = fs.DirectoryExists(path);
            if (directory && !recursive)
            {
                call.Err.Write($"rm: cannot remove '{target}': {Errno.IsDirectory}\n");
                status = 1;
                continue;
            }

            if (interactive)
            {
                call.Err.Write(directory ? $"rm: descend into directory '{target}'? " : $"rm: remove regular file '{target}'? ");
                string answer = call.In.ReadLine() ?? "";
                if (!answer.StartsWith('y') && !answer.StartsWith('Y'))
                {
                    continue;
                }
            }

            if (path == "/")
            {
                call.Err.Write("rm: it is dangerous to operate recursively on '/'\n");
                status = 1;
                continue;
            }

            if (!fs.Remove(path, recursive, out string? error))
            {
                call.Err.Write($"rm: cannot remove '{target}': {error}\n");
                status = 1;
            }
            else if (options.Has('v'))
            {
                call.Out.Write(directory ? $"removed directory '{target}'\n" : $"removed '{target}'\n");
            }
        }

        return status;
    }

    public static int Touch(BuiltinCall call)
    {
        if (CommandOptions.Parse(call, "acm") is not { } options)
        {
            return 1;
        }

        int status = 0;
        foreach (string file in options.Operands)
        {
            string path = call.Shell.ResolvePath(file, call.Namespace);
            if (call.Shell.FileSystem.Exists(path))
            {
                continue;
            }

            if (!call.Shell.FileSystem.TryWrite(path, "", append: true, out string? error))
            {
                call.Err.Write($"touch: cannot touch '{file}': {error}\n");
                status = 1;
            }
        }

        return status;
    }

    public static int Cp(BuiltinCall call) => CopyOrMove(call, move: false);

    public static int Mv(BuiltinCall call) => CopyOrMove(call, move: true);

    private static int CopyOrMove(BuiltinCall call, bool move)
    {
        if (CommandOptions.Parse(call, "fiv") is not { } options)
        {
            return 1;
        }

        if (options.Operands.Count < 2)
        {
            call.Err.Write($"{call.Name}: missing destination file operand after '{options.Operands.FirstOrDefault()}'\n");
            return 1;
        }

        VirtualFileSystem fs = call.Shell.FileSystem;
        string destination = options.Operands[^1];
        string destinationPath = call.Shell.ResolvePath(destination, call.Namespace);
        bool intoDirectory = fs.DirectoryExists(destinationPath);
        if (options.Operands.Count > 2 && !intoDirectory)
        {
            call.Err.Write($"{call.Name}: target '{destination}' is not a directory\n");
            return 1;
        }

        int status = 0;
        foreach (string source in options.Operands.SkipLast(1))
        {
            string sourcePath = call.Shell.ResolvePath(source, call.Namespace);
            string target = intoDirectory ? destinationPath + "/" + Path.GetFileName(sourcePath) : destinationPath;
            if (fs.DirectoryExists(sourcePath))
            {
                call.Err.Write(move
                    ? $"mv: cannot move directory '{source}': netsim moves files only\n"
                    : $"cp: -r not specified; omitting directory '{source}'\n");
                status = 1;
                continue;
            }

            if (!fs.Copy(sourcePath, target, out string? error))
            {
                call.Err.Write(fs.Exists(sourcePath)
                    ? $"{call.Name}: cannot create regular file '{destination}': {error}\n"
                    : $"{call.Name}: cannot stat '{source}': {Errno.NoEntry}\n");
                status = 1;
                continue;
            }

            if (fs.IsExecutable(sourcePath))
            {
                fs.SetExecutable(target, true);
            }

            if (move)
            {
                fs.Remove(sourcePath, recursive: false, out _);
            }
        }

        return status;
    }

    public static int Chmod(BuiltinCall call)
    {
        // The mode may look like an option (chmod -x file), so take it positionally.
        var args = call.Args.Skip(1).Where(a => a is not ("-R" or "-v" or "-f")).ToList();
        if (args.Count < 2)
        {
            call.Err.Write("chmod: missing operand\n");
            return 1;
        }

        string mode = args[0];
        bool? executable = mode.All(char.IsAsciiDigit)
            ? mode.Any(c => (c - '0' & 1) == 1)
            : mode.Contains("+x", StringComparison.Ordinal) || (mode.Contains('=', StringComparison.Ordinal) && mode.Contains('x', StringComparison.Ordinal))
                ? true
                : mode.Contains("-x", StringComparison.Ordinal) ? false : null;
        int status = 0;
        foreach (string file in args.Skip(1))
        {
            string path = call.Shell.ResolvePath(file, call.Namespace);
            if (!call.Shell.FileSystem.Exists(path))
            {
                call.Err.Write($"chmod: cannot access '{file}': {Errno.NoEntry}\n");
                status = 1;
                continue;
            }

            if (executable is { } x)
            {
                call.Shell.FileSystem.SetExecutable(path, x);
            }
        }

        return status;
    }

    private static bool Fail(string error, out string? result)
    {
        result = error;
        return false;
    }
}
