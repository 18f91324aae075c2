using Simulator.Cli.Shell;
using Simulator.Devices;
using Errno = Simulator.Devices.Errno;

namespace Simulator.Cli.Host;

/// <summary>
/// The kernel's files under /proc/sys/net, read and written through each namespace's sysctl
/// tree, so that <c>echo 1 &gt; /proc/sys/net/ipv4/ip_forward</c> and
/// <c>cat /proc/sys/net/ipv4/ip_forward</c> act on the namespace the shell runs in.
/// </summary>
public sealed class ProcFiles(Machine machine)
{
    private const string SysctlRoot = "/proc/sys/";

    public static bool Owns(string path) => path == "/proc/sys" || path.StartsWith(SysctlRoot, StringComparison.Ordinal);

    public string? Read(string? ns, string path, out string? error)
    {
        error = null;
        if (!Owns(path)) return null;
        var tree = machine.ResolveNamespace(ns)?.Sysctls;
        var name = path.Length > SysctlRoot.Length ? path[SysctlRoot.Length..] : "";
        if (tree != null && tree.TryRead(name, out var value)) return value + "\n";
        error = tree != null && tree.IsDirectory(name) ? "Is a directory" : Errno.ENOENT.Message();
        return null;
    }

    public bool? Write(string? ns, string path, string content, out string? error)
    {
        error = null;
        if (!Owns(path)) return null;
        var tree = machine.ResolveNamespace(ns)?.Sysctls;
        var name = path.Length > SysctlRoot.Length ? path[SysctlRoot.Length..] : "";
        if (tree is null)
        {
            error = Errno.ENOENT.Message();
            return false;
        }
        if (tree.IsDirectory(name))
        {
            error = "Is a directory";
            return false;
        }
        var failure = tree.Write(name, content.TrimEnd('\n'));
        if (failure is null) return true;
        error = failure.Value.Message();
        return false;
    }

    public SpecialPathKind? Probe(string? ns, string path)
    {
        if (!Owns(path)) return null;
        var tree = machine.ResolveNamespace(ns)?.Sysctls;
        var name = path.Length > SysctlRoot.Length ? path[SysctlRoot.Length..] : "";
        if (tree is null) return SpecialPathKind.Missing;
        if (tree.TryRead(name, out _)) return SpecialPathKind.File;
        return tree.IsDirectory(name) ? SpecialPathKind.Directory : SpecialPathKind.Missing;
    }
}
