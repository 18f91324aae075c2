using Simulator.Cli.Shell.Execution;
using Simulator.Cli.Shell.Syntax;

namespace Simulator.Cli.Shell;

/// <summary>What is at a path, seen through the shell (virtual files, host files, devices).</summary>
internal enum PathKind
{
    Missing,
    File,
    Directory,
}

// Redirections and file access. A path is, in order: a device (/dev/null, /dev/stdout, ...), a
// host file (the host answers for /proc/sys/..., /sys/class/net/...), or a virtual file.
public sealed partial class ShellInterpreter
{
    /// <summary>The streams of a command after its redirections, and writes to host files to finish.</summary>
    private sealed class OpenRedirections(Io io, Io outer)
    {
        public Io Io { get; set; } = io;

        public Io Outer { get; } = outer;

        public List<PendingHostWrite> Pending { get; } = [];
    }

    /// <summary>
    /// Output for a host file is collected and written when the command ends, as one write (what
    /// <c>echo 1 &gt; /proc/sys/net/ipv4/ip_forward</c> does).
    /// </summary>
    private sealed class PendingHostWrite(string path, bool append, string? ns)
    {
        public string Path { get; } = path;

        public bool Append { get; } = append;

        public string? Namespace { get; } = ns;

        public StringWriter Buffer { get; } = new();
    }

    private OpenRedirections? ApplyRedirections(IReadOnlyList<Redirection> redirections, Io io, SourceLocation location)
    {
        var open = new OpenRedirections(io, io);
        if (redirections.Count == 0)
        {
            return open;
        }

        TextReader input = io.In;
        TextWriter output = io.Out;
        TextWriter error = io.Err;
        WordExpander expander = Expander(io);
        foreach (Redirection r in redirections)
        {
            if (r.Fd > 2)
            {
                throw Unsupported(io, location, $"redirection of file descriptor {r.Fd}");
            }

            switch (r.Kind)
            {
                case RedirectionKind.HereDocument:
                    HereDocument doc = r.HereDocument!;
                    Word body = doc.Body ?? Word.Literal("", doc.Line);
                    input = new StringReader(doc.Quoted ? ((QuotedPart)body.Parts[0]).Text : expander.ExpandString(body));
                    continue;
                case RedirectionKind.HereString:
                    input = new StringReader(expander.ExpandString(r.Target!) + "\n");
                    continue;
                case RedirectionKind.Duplicate:
                    string target = expander.ExpandString(r.Target!);
                    if (target == "-")
                    {
                        SetFd(r.Fd, TextWriter.Null, TextReader.Null);
                        continue;
                    }

                    if (target is not ("0" or "1" or "2"))
                    {
                        ReportError(io, location, $"{target}: {(target.All(char.IsAsciiDigit) ? "Bad file descriptor" : "ambiguous redirect")}");
                        return null;
                    }

                    if (r.Fd == 0 || target == "0")
                    {
                        if (r.Fd != 0 || target != "0")
                        {
                            throw Unsupported(io, location, $"redirection {r.Fd}>&{target}");
                        }

                        continue;
                    }

                    TextWriter source = target == "1" ? output : error;
                    SetFd(r.Fd, source, null);
                    continue;
            }

            if (expander.ExpandRedirectionTarget(r.Target!) is not { } path)
            {
                ReportError(io, location, $"{r.Target!.Raw}: ambiguous redirect");
                return null;
            }

            string? failure;
            switch (r.Kind)
            {
                case RedirectionKind.Input or RedirectionKind.ReadWrite:
                    string? content = ReadFile(path, Namespace, io.In, out failure);
                    if (content is null)
                    {
                        ReportError(io, location, $"{path}: {failure}");
                        return null;
                    }

                    SetFd(r.Fd, null, new StringReader(content));
                    break;
                default:
                    bool append = r.Kind is RedirectionKind.Append or RedirectionKind.AppendOutputAndError;
                    TextWriter? writer = OpenForWriting(path, append, open, output, error, out failure);
                    if (writer is null)
                    {
                        ReportError(io, location, $"{path}: {failure}");
                        return null;
                    }

                    if (r.Fd == -1)
                    {
                        output = writer;
                        error = writer;
                    }
                    else
                    {
                        SetFd(r.Fd, writer, null);
                    }

                    break;
            }
        }

        open.Io = new Io(input, output, error);
        return open;

        void SetFd(int fd, TextWriter? writer, TextReader? reader)
        {
            switch (fd)
            {
                case 0:
                    input = reader ?? TextReader.Null;
                    break;
                case 1:
                    output = writer ?? TextWriter.Null;
                    break;
                default:
                    error = writer ?? TextWriter.Null;
                    break;
            }
        }
    }

    private TextWriter? OpenForWriting(
        string path, bool append, OpenRedirections open, TextWriter currentOut, TextWriter currentErr, out string? error)
    {
        error = null;
        switch (path)
        {
            case "/dev/null":
                return TextWriter.Null;
            case "/dev/stdout":
                return currentOut;
            case "/dev/stderr":
                return currentErr;
            case "/dev/tty":
                return _terminalOut;
        }

        string resolved = ResolvePath(path, Namespace);
        switch (_host.ProbeSpecialPath(Namespace, resolved))
        {
            case SpecialPathKind.Missing:
                error = Errno.NoEntry;
                return null;
            case SpecialPathKind.Directory:
                error = Errno.IsDirectory;
                return null;
            case SpecialPathKind.File:
                var pending = new PendingHostWrite(resolved, append, Namespace);
                open.Pending.Add(pending);
                return pending.Buffer;
        }

        return FileSystem.OpenWriter(resolved, append, out error);
    }

    // Finishes host-file writes; a refused write fails the command as a failed write(2) would.
    private int CloseRedirections(OpenRedirections open, int status, string? commandName)
    {
        foreach (PendingHostWrite pending in open.Pending)
        {
            string content = pending.Buffer.ToString();
            if (content.Length == 0)
            {
                continue;
            }

            if (_host.WriteSpecialFile(pending.Namespace, pending.Path, content, pending.Append, out string? error) == false)
            {
                string who = commandName is null ? "" : commandName + ": ";
                if (commandName is not null && !_builtins.ContainsKey(commandName) && !_functions.ContainsKey(commandName))
                {
                    open.Outer.Err.Write($"{who}write error: {error}\n");
                }
                else
                {
                    ReportError(open.Outer, _location, $"{who}write error: {error}");
                }

                status = status == 0 ? 1 : status;
            }
        }

        return status;
    }

    /// <summary>
    /// An absolute path in the virtual file system. In a namespace, /etc/X is /etc/netns/NS/X
    /// when that exists: <c>ip netns exec</c> bind-mounts it over /etc/X.
    /// </summary>
    internal string ResolvePath(string path, string? ns)
    {
        string normalized = VirtualFileSystem.Normalize(path, _cwd);
        if (ns is null || !normalized.StartsWith("/etc/", StringComparison.Ordinal))
        {
            return normalized;
        }

        string rest = normalized["/etc/".Length..];
        string first = rest.Split('/')[0];
        return FileSystem.Exists($"/etc/netns/{ns}/{first}") ? $"/etc/netns/{ns}/{rest}" : normalized;
    }

    /// <summary>Reads a file as cat would; null with an errno text when it cannot.</summary>
    internal string? ReadFile(string path, string? ns, TextReader stdin, out string? error)
    {
        error = null;
        switch (path)
        {
            case "/dev/null":
                return "";
            case "/dev/stdin" or "-":
                return stdin.ReadToEnd();
        }

        string resolved = ResolvePath(path, ns);
        string? special = _host.ReadSpecialFile(ns, resolved, out error);
        if (special is not null || error is not null)
        {
            return special;
        }

        return FileSystem.ReadFile(resolved, out error);
    }

    /// <summary>Writes a whole file (tee, utilities); null path errors come back as errno texts.</summary>
    internal bool WriteFile(string path, string content, bool append, string? ns, out string? error)
    {
        error = null;
        if (path == "/dev/null")
        {
            return true;
        }

        string resolved = ResolvePath(path, ns);
        switch (_host.ProbeSpecialPath(ns, resolved))
        {
            case SpecialPathKind.Missing:
                error = Errno.NoEntry;
                return false;
            case SpecialPathKind.Directory:
                error = Errno.IsDirectory;
                return false;
            case SpecialPathKind.File:
                return content.Length == 0 || _host.WriteSpecialFile(ns, resolved, content, append, out error) != false;
        }

        return FileSystem.TryWrite(resolved, content, append, out error);
    }

    internal PathKind Stat(string path, string? ns)
    {
        if (path is "/dev/null" or "/dev/stdin" or "/dev/stdout" or "/dev/stderr" or "/dev/tty")
        {
            return PathKind.File;
        }

        string resolved = ResolvePath(path, ns);
        switch (_host.ProbeSpecialPath(ns, resolved))
        {
            case SpecialPathKind.Missing:
                return PathKind.Missing;
            case SpecialPathKind.File:
                return PathKind.File;
            case SpecialPathKind.Directory:
                return PathKind.Directory;
        }

        return FileSystem.DirectoryExists(resolved) ? PathKind.Directory
            : FileSystem.FileExists(resolved) ? PathKind.File
            : PathKind.Missing;
    }

    /// <summary>
    /// Finds a script for <c>source NAME</c> or <c>bash NAME</c>: a virtual file first (relative to
    /// the current directory), then, for a relative name, a real file beside the script being run.
    /// </summary>
    internal string? FindScript(string name, out string? error)
    {
        string resolved = ResolvePath(name, Namespace);
        string? text = FileSystem.ReadFile(resolved, out error);
        if (text is not null)
        {
            return text;
        }

        if (!name.StartsWith('/') && _realScriptDirectory is not null)
        {
            string real = Path.Combine(_realScriptDirectory, name);
            if (System.IO.File.Exists(real))
            {
                error = null;
                return System.IO.File.ReadAllText(real);
            }
        }

        return null;
    }
}
