namespace Simulator.Cli.Shell;

/// <summary>What a host reports about a path it owns (<c>/proc/sys/...</c>, <c>/sys/class/net/...</c>).</summary>
public enum SpecialPathKind
{
    /// <summary>The path is the host's, but nothing is there.</summary>
    Missing,
    File,
    Directory,
}

/// <summary>
/// The shell's only link to the simulated machine. The shell knows nothing of networking: every
/// command that is not a shell builtin or one of the small text utilities it carries goes to
/// <see cref="RunExternal"/>, and every path the host claims (kernel files under /proc and /sys)
/// is read and written through it instead of the shell's virtual file system.
/// </summary>
/// <remarks>
/// Errors are the texts strerror(3) gives ("No such file or directory", "Invalid argument");
/// the shell words the message around them the way bash or coreutils would. A write error whose
/// text is one that only open(2) gives (ENOENT, EACCES, ENOTDIR, EISDIR) is reported as a failed
/// redirection, any other as a failed write.
/// </remarks>
public interface ICommandHost
{
    /// <summary>Runs a program; returns its exit status, or null when there is no such command.</summary>
    int? RunExternal(CommandContext context);

    /// <summary>
    /// Reads a host-owned file. Returns its content, or null with <paramref name="error"/> set when
    /// it cannot be read. Null with a null error means the path is not the host's.
    /// </summary>
    string? ReadSpecialFile(string? @namespace, string path, out string? error);

    /// <summary>
    /// Writes (or appends to) a host-owned file: true when written, false with
    /// <paramref name="error"/> set when refused, null when the path is not the host's.
    /// </summary>
    bool? WriteSpecialFile(string? @namespace, string path, string content, bool append, out string? error);

    /// <summary>
    /// What is at a host-owned path, for <c>[ -e ]</c>, <c>[ -d ]</c> and friends; null when the path
    /// is not the host's. The default answers from <see cref="ReadSpecialFile"/>; a host that has
    /// directories (<c>/sys/class/net/eth0</c>) should override it.
    /// </summary>
    SpecialPathKind? ProbeSpecialPath(string? @namespace, string path)
    {
        string? content = ReadSpecialFile(@namespace, path, out string? error);
        if (content is not null)
        {
            return SpecialPathKind.File;
        }

        return error is null ? null : SpecialPathKind.Missing;
    }
}
