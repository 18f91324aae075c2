using System.Diagnostics;

namespace Simulator.Cli.Tests.Tcpdump;

/// <summary>
/// The real tcpdump on a real veth pair between two throwaway namespaces (unique names, deleted
/// on Dispose): veth-a 10.0.0.1/24 in the first, veth-b 10.0.0.2/24 in the second. Every command
/// runs as "ip netns exec NAME ..." with no shell, so nothing touches the host's own namespace.
/// </summary>
internal sealed class RealCapture : IDisposable
{
    private readonly string _a, _b;

    private RealCapture(string a, string b)
    {
        _a = a;
        _b = b;
    }

    public static string? UnavailableReason()
    {
        if (!OperatingSystem.IsLinux()) return "not Linux";
        if (!Environment.IsPrivilegedProcess) return "not root";
        foreach (var tool in new[] { "ip", "tcpdump", "ping" })
            if (Exec(["sh", "-c", $"command -v {tool}"]).Status != 0) return $"{tool} not installed";
        return null;
    }

    public static RealCapture Create()
    {
        string stem = $"netsim-td-{Environment.ProcessId}-{Guid.NewGuid():N}"[..30];
        var capture = new RealCapture(stem + "a", stem + "b");
        foreach (var command in new[]
                 {
                     $"ip netns add {capture._a}", $"ip netns add {capture._b}",
                     $"ip link add veth-a netns {capture._a} type veth peer name veth-b netns {capture._b}",
                     $"ip -n {capture._a} addr add 10.0.0.1/24 dev veth-a", $"ip -n {capture._a} link set veth-a up",
                     $"ip -n {capture._b} addr add 10.0.0.2/24 dev veth-b", $"ip -n {capture._b} link set veth-b up",
                 })
        {
            var outcome = Exec(command.Split(' '));
            if (outcome.Status != 0)
            {
                capture.Dispose();
                throw new InvalidOperationException($"{command}: {outcome.Stderr}");
            }
        }
        return capture;
    }

    public string Mac(bool first) =>
        Exec(["ip", "-n", first ? _a : _b, "-br", "link", "show", first ? "veth-a" : "veth-b"]).Stdout.Split(' ', StringSplitOptions.RemoveEmptyEntries)[2];

    /// <summary>
    /// Starts tcpdump in the first namespace (printing each packet at once), waits until it
    /// listens, pings 10.0.0.2 <paramref name="pings"/> times, and collects what tcpdump printed
    /// when it ends by its -c.
    /// </summary>
    public (string Stdout, string Stderr) Run(string tcpdumpArguments, int pings)
    {
        var start = new ProcessStartInfo("ip")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "netns", "exec", _a, "tcpdump", "-l", "--immediate-mode" }.Concat(tcpdumpArguments.Split(' ')))
            start.ArgumentList.Add(arg);
        using var tcpdump = Process.Start(start)!;
        var stdout = tcpdump.StandardOutput.ReadToEndAsync();
        var stderr = new System.Text.StringBuilder();
        var listening = new TaskCompletionSource();
        tcpdump.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (stderr) stderr.Append(e.Data).Append('\n');
            if (e.Data.Contains("listening on", StringComparison.Ordinal)) listening.TrySetResult();
        };
        tcpdump.BeginErrorReadLine();
        try
        {
            if (!listening.Task.Wait(TimeSpan.FromSeconds(10))) throw new TimeoutException("tcpdump did not start");
            Exec(["ip", "netns", "exec", _a, "ping", "-c", pings.ToString(System.Globalization.CultureInfo.InvariantCulture), "-i", "0.2", "10.0.0.2"]);
            if (!tcpdump.WaitForExit(TimeSpan.FromSeconds(10))) throw new TimeoutException("tcpdump did not end by its count");
            tcpdump.WaitForExit();
        }
        finally
        {
            if (!tcpdump.HasExited) tcpdump.Kill();
        }
        lock (stderr) return (stdout.Result, stderr.ToString());
    }

    public void Dispose()
    {
        Exec(["ip", "netns", "del", _a]);
        Exec(["ip", "netns", "del", _b]);
    }

    private static (string Stdout, string Stderr, int Status) Exec(IReadOnlyList<string> argv)
    {
        var start = new ProcessStartInfo(argv[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in argv.Skip(1)) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (stdout.Result, stderr.Result, process.ExitCode);
    }
}
