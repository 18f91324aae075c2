using System.Text;

namespace Simulator.Cli.Shell;

/// <summary>
/// The in-memory files a scenario script creates (<c>cat &gt; ~/bridge.sh &lt;&lt; 'EOF'</c>,
/// <c>mkdir -p /etc/netns/ns1</c>, <c>/etc/netns/ns1/resolv.conf</c>). Nothing here touches the
/// real disk. Paths are absolute; <see cref="Normalize"/> resolves relative ones.
/// Kernel files (/proc, /sys) are not kept here: the shell hands them to its host.
/// </summary>
public sealed class VirtualFileSystem
{
    private static readonly string[] SkeletonDirectories =
    [
        "/bin", "/dev", "/etc", "/home", "/proc", "/root", "/run", "/sbin", "/sys", "/tmp",
        "/usr", "/usr/bin", "/usr/sbin", "/var", "/var/run", "/var/tmp",
    ];

    private readonly Directory _root = new();

    /// <summary>Creates the usual top-level directories (/etc, /root, /tmp, ...), all empty.</summary>
    public VirtualFileSystem()
    {
        foreach (string dir in SkeletonDirectories)
        {
            CreateDirectory(dir, parents: true, out _);
        }
    }

    /// <summary>Joins <paramref name="path"/> to <paramref name="cwd"/> unless absolute, and removes ".", ".." and doubled slashes.</summary>
    public static string Normalize(string path, string cwd = "/")
    {
        string full = path.StartsWith('/') ? path : cwd.TrimEnd('/') + "/" + path;
        var parts = new List<string>();
        foreach (string part in full.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part == ".")
            {
                continue;
            }

            if (part == "..")
            {
                if (parts.Count > 0)
                {
                    parts.RemoveAt(parts.Count - 1);
                }

                continue;
            }

            parts.Add(part);
        }

        return "/" + string.Join('/', parts);
    }

    public bool Exists(string path) => Find(path, out _) is not null;

    public bool FileExists(string path) => Find(path, out _) is File;

    public bool DirectoryExists(string path) => Find(path, out _) is Directory;

    public bool IsExecutable(string path) => Find(path, out _) is File { Executable: true };

    /// <summary>The content of a file, or null (with an errno text) when it cannot be read.</summary>
    public string? ReadFile(string path, out string? error)
    {
        switch (Find(path, out error))
        {
            case File f:
                return f.Content.ToString();
            case Directory:
                error = Errno.IsDirectory;
                return null;
            default:
                return null;
        }
    }

    /// <summary>Writes a file, creating missing parent directories: for hosts and tests seeding files.</summary>
    public void WriteFile(string path, string content, bool append = false)
    {
        CreateDirectory(ParentOf(Normalize(path)), parents: true, out _);
        if (!TryWrite(path, content, append, out string? error))
        {
            throw new IOException($"{path}: {error}");
        }
    }

    /// <summary>Opens for writing as open(2) with O_CREAT would: the parent must exist.</summary>
    public bool TryWrite(string path, string content, bool append, out string? error)
    {
        if (OpenFile(path, truncate: !append, out error) is not { } file)
        {
            return false;
        }

        file.Content.Append(content);
        return true;
    }

    /// <summary>Opens (creating, and truncating unless appending) a file; the returned writer appends to it.</summary>
    internal TextWriter? OpenWriter(string path, bool append, out string? error)
    {
        File? file = OpenFile(path, truncate: !append, out error);
        return file is null ? null : new StringWriter(file.Content);
    }

    public bool CreateDirectory(string path, bool parents, out string? error)
    {
        error = null;
        string[] parts = Split(path);
        Directory dir = _root;
        for (int i = 0; i < parts.Length; i++)
        {
            bool last = i == parts.Length - 1;
            if (dir.Children.TryGetValue(parts[i], out Node? child))
            {
                if (child is Directory d)
                {
                    if (last && !parents)
                    {
                        error = Errno.Exists;
                        return false;
                    }

                    dir = d;
                    continue;
                }

                error = last ? Errno.Exists : Errno.NotDirectory;
                return false;
            }

            if (!last && !parents)
            {
                error = Errno.NoEntry;
                return false;
            }

            var created = new Directory();
            dir.Children[parts[i]] = created;
            dir = created;
        }

        return true;
    }

    /// <summary>Removes a file, or a directory (with its content only when <paramref name="recursive"/>).</summary>
    public bool Remove(string path, bool recursive, out string? error)
    {
        string[] parts = Split(path);
        if (parts.Length == 0)
        {
            error = "Device or resource busy";
            return false;
        }

        if (Find(ParentOf(Normalize(path)), out error) is not Directory parent ||
            !parent.Children.TryGetValue(parts[^1], out Node? node))
        {
            error ??= Errno.NoEntry;
            return false;
        }

        if (node is Directory d && !recursive && d.Children.Count > 0)
        {
            error = Errno.NotEmpty;
            return false;
        }

        parent.Children.Remove(parts[^1]);
        return true;
    }

    /// <summary>Names in a directory, sorted; null when it is not a directory.</summary>
    public IReadOnlyList<string>? List(string path) =>
        Find(path, out _) is Directory d ? [.. d.Children.Keys] : null;

    public bool SetExecutable(string path, bool executable)
    {
        if (Find(path, out _) is not File f)
        {
            return false;
        }

        f.Executable = executable;
        return true;
    }

    /// <summary>Copies a file's content to another path (cp).</summary>
    internal bool Copy(string from, string to, out string? error)
    {
        string? content = ReadFile(from, out error);
        return content is not null && TryWrite(to, content, append: false, out error);
    }

    internal static string ParentOf(string normalized)
    {
        int slash = normalized.LastIndexOf('/');
        return slash <= 0 ? "/" : normalized[..slash];
    }

    private static string[] Split(string path) =>
        Normalize(path).Split('/', StringSplitOptions.RemoveEmptyEntries);

    private File? OpenFile(string path, bool truncate, out string? error)
    {
        string normalized = Normalize(path);
        string[] parts = Split(normalized);
        if (parts.Length == 0)
        {
            error = Errno.IsDirectory;
            return null;
        }

        if (Find(ParentOf(normalized), out error) is not Directory parent)
        {
            error = error == Errno.NotDirectory ? Errno.NotDirectory : Errno.NoEntry;
            return null;
        }

        if (parent.Children.TryGetValue(parts[^1], out Node? node))
        {
            if (node is Directory)
            {
                error = Errno.IsDirectory;
                return null;
            }

            var file = (File)node;
            if (truncate)
            {
                file.Content.Clear();
            }

            return file;
        }

        var created = new File();
        parent.Children[parts[^1]] = created;
        return created;
    }

    private Node? Find(string path, out string? error)
    {
        error = null;
        Node node = _root;
        foreach (string part in Split(path))
        {
            if (node is not Directory dir)
            {
                error = Errno.NotDirectory;
                return null;
            }

            if (!dir.Children.TryGetValue(part, out Node? child))
            {
                error = Errno.NoEntry;
                return null;
            }

            node = child;
        }

        return node;
    }

    private abstract class Node;

    private sealed class Directory : Node
    {
        public SortedDictionary<string, Node> Children { get; } = new(StringComparer.Ordinal);
    }

    private sealed class File : Node
    {
        public StringBuilder Content { get; } = new();

        public bool Executable { get; set; }
    }
}
