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
/// the shell words the message around them the way bash or coreutils would. A redirection to a
/// host path is checked with <see cref="ProbeSpecialPath"/> when it is opened (so a missing file
/// fails before the command runs, as open(2) would); the output is written when the command
/// ends, in one <see cref="WriteSpecialFile"/> call, and a refusal then is a write error.
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
    /// <summary>
    /// The process id of the last program the host started in the background (a simulated
    /// tcpdump, nc -l, ping …), or null. The shell reports it as <c>$!</c>, so <c>kill $!</c> reaches it.
    /// </summary>
    int? LastBackgroundPid => null;

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
