using Simulator.Cli.Shell;

namespace Simulator.Cli.Validation;

/// <summary>
/// <c>ip netns exec NS</c> shows a program the files of /etc/netns/NS/ in place of those of
/// /etc (resolv.conf, hosts), and the scenario's world has its own /etc/resolv.conf (the LAN's
/// gateway as nameserver) where the machine has another. A scenario writes them into its own virtual file system, never the
/// machine's; for the kernel-side command, they are copied to the run's scratch directory and
/// bind-mounted over /etc inside a private mount namespace that lives only as long as the
/// command (unshare --mount), so the machine's /etc is never written.
/// </summary>
public static class EtcOverlay
{
    /// <summary>The files of the scenario's own /etc that every kernel-side program sees in place of the machine's.</summary>
    private static readonly string[] HostFiles = ["resolv.conf", "hosts"];

    /// <summary>
    /// Wraps <paramref name="argv"/> so that it sees the scenario's /etc/resolv.conf and
    /// /etc/hosts (the world's: <see cref="Host.WorldSetup.Files"/>, or the script's) and its
    /// /etc/netns/<paramref name="scenarioNamespace"/> files over them; returns it unchanged when
    /// there are none.
    /// </summary>
    public static IReadOnlyList<string> Wrap(IReadOnlyList<string> argv, string? scenarioNamespace, VirtualFileSystem files, string scratchDirectory)
    {
        // ip reads none of these files, and ip netns add/delete must reach the machine's mounts
        // (/run/netns), which a private mount namespace would keep to itself.
        if (CommandShape.Of(argv).Name == "ip") return argv;
        var chosen = new Dictionary<string, (string Content, string Copy)>(StringComparer.Ordinal);
        foreach (var name in HostFiles)
            if (files.ReadFile($"/etc/{name}", out _) is { } content)
                chosen[name] = (content, Path.Combine(scratchDirectory, "etc", name));
        if (scenarioNamespace is not null && !scenarioNamespace.Contains('/', StringComparison.Ordinal))
        {
            var directory = $"/etc/netns/{scenarioNamespace}";
            foreach (var name in files.List(directory) ?? [])
                if (files.ReadFile($"{directory}/{name}", out _) is { } content)
                    chosen[name] = (content, Path.Combine(scratchDirectory, "etc-netns", scenarioNamespace, name));
        }
        var binds = new List<string>();
        foreach (var (name, (content, copy)) in chosen)
        {
            var target = $"/etc/{name}";
            if (!File.Exists(target)) continue;
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
