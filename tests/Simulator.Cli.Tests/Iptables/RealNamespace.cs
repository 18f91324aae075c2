using System.Diagnostics;

namespace Simulator.Cli.Tests.Iptables;

/// <summary>
/// A throwaway network namespace to run the real iptables in, for differential tests. It has a
/// unique name and is deleted on Dispose. Commands run as "ip netns exec NAME program args..."
/// with no shell in between, so nothing can reach the host's own namespace.
/// </summary>
internal sealed class RealNamespace : IDisposable
{
    private RealNamespace(string name) => Name = name;

    public string Name { get; }

    /// <summary>Why the real tools cannot be used here, or null when they can.</summary>
    public static string? UnavailableReason()
    {
        if (!OperatingSystem.IsLinux()) return "not Linux";
        if (!Environment.IsPrivilegedProcess) return "not root";
        foreach (var tool in new[] { "/usr/sbin/ip", "/usr/sbin/iptables", "/usr/sbin/iptables-save", "/usr/sbin/iptables-restore" })
            if (!File.Exists(tool) && !File.Exists(tool.Replace("/usr/sbin", "/sbin"))) return $"{Path.GetFileName(tool)} not installed";
        var probe = Exec("ip", ["-V"], null);
        return probe.Status == 0 ? null : "ip does not run";
    }

    public static RealNamespace Create()
    {
        string name = $"netsim-ipt-{Environment.ProcessId}-{Guid.NewGuid():N}"[..40];
        var created = Exec("ip", ["netns", "add", name], null);
        if (created.Status != 0) throw new InvalidOperationException($"ip netns add failed: {created.Stderr}");
        return new RealNamespace(name);
    }

    public Outcome Run(IReadOnlyList<string> words, string? stdin) => Exec("ip", ["netns", "exec", Name, .. words], stdin);

    public void Dispose() => Exec("ip", ["netns", "del", Name], null);

    private static Outcome Exec(string program, IReadOnlyList<string> args, string? stdin)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        process.StandardInput.Write(stdin ?? "");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return new Outcome(stdout.Result, stderr.Result, process.ExitCode);
    }
}
