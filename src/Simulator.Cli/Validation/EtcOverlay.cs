using Simulator.Cli.Shell;

namespace Simulator.Cli.Validation;

/// <summary>
/// <c>ip netns exec NS</c> shows a program the files of /etc/netns/NS/ in place of those of
/// /etc (resolv.conf, hosts). A scenario writes them into its own virtual file system, never the
/// machine's; for the kernel-side command, they are copied to the run's scratch directory and
/// bind-mounted over /etc inside a private mount namespace that lives only as long as the
/// command (unshare --mount), so the machine's /etc is never written.
/// </summary>
public static class EtcOverlay
{
    /// <summary>
    /// Wraps <paramref name="argv"/> so that it sees the scenario's /etc/netns/<paramref name="scenarioNamespace"/>
    /// files; returns it unchanged when there are none.
    /// </summary>
    public static IReadOnlyList<string> Wrap(IReadOnlyList<string> argv, string? scenarioNamespace, VirtualFileSystem files, string scratchDirectory)
    {
        if (scenarioNamespace is null || scenarioNamespace.Contains('/', StringComparison.Ordinal)) return argv;
        var directory = $"/etc/netns/{scenarioNamespace}";
        var names = files.List(directory);
        if (names is null || names.Count == 0) return argv;
        var binds = new List<string>();
        foreach (var name in names)
        {
            var content = files.ReadFile($"{directory}/{name}", out _);
            var target = $"/etc/{name}";
            if (content is null || !File.Exists(target)) continue;
            var copy = Path.Combine(scratchDirectory, "etc-netns", scenarioNamespace, name);
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.WriteAllText(copy, content);
            binds.Add(copy);
            binds.Add(target);
        }
        if (binds.Count == 0) return argv;
        const string script = "while [ \"$1\" != -- ]; do mount --bind \"$1\" \"$2\" || exit 125; shift 2; done; shift; exec \"$@\"";
        return ["unshare", "--mount", "--propagation", "slave", "--", "sh", "-c", script, "sh", .. binds, "--", .. argv];
    }
}
