using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;
using Simulator.Cli.Validation;

namespace Simulator.Cli.Tests.Attach;

/// <summary>
/// Throwaway network namespaces for tests that need the real kernel (root, namespaces). Names are
/// unique to the test process; Dispose deletes them (their veths go with them). The machine's own
/// namespace is never changed.
/// </summary>
internal sealed class TestNamespaces : IDisposable
{
    private static int _next;
    private readonly List<string> _names = [];

    /// <summary>Why these tests cannot run here (not root, no namespaces), or null.</summary>
    public static string? WhyUnavailable()
    {
        if (ScenarioValidation.WhyUnavailable() is { } reason) return reason;
        using var probe = new TestNamespaces();
        return probe.Add("probe") is null ? "network namespaces cannot be created here" : null;
    }

    /// <summary>Skips the test, with the reason printed, unless it can run.</summary>
    public static void RequireKernel()
    {
        if (WhyUnavailable() is { } reason) Assert.Ignore($"needs root and network namespaces: {reason}");
    }

    /// <summary>Creates a namespace with IPv6 off (no router solicitations or MLD on the wire); null on failure.</summary>
    public string? Add(string role)
    {
        var name = $"nst{Environment.ProcessId}-{Interlocked.Increment(ref _next)}{role}";
        if (Run("ip", "netns", "add", name).ExitStatus != 0) return null;
        _names.Add(name);
        Run("ip", "netns", "exec", name, "sysctl", "-qw", "net.ipv6.conf.all.disable_ipv6=1", "net.ipv6.conf.default.disable_ipv6=1");
        return name;
    }

    public static ProcessResult Run(params string[] argv) => ProcessRunner.Run(argv, null, TimeSpan.FromSeconds(30));

    /// <summary>Runs <paramref name="action"/> on a thread that has entered <paramref name="ns"/> (setns), and returns its result.</summary>
    public static T InNamespace<T>(string ns, Func<T> action)
    {
        T result = default!;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                using SafeFileHandle handle = File.OpenHandle($"/run/netns/{ns}");
                if (SetNs((int)handle.DangerousGetHandle(), CloneNewNet) != 0)
                    throw new InvalidOperationException($"setns({ns}) failed: errno {Marshal.GetLastPInvokeError()}");
                result = action();
            }
            catch (Exception e)
            {
                failure = e;
            }
        });
        thread.Start();
        thread.Join();
        if (failure != null) throw new InvalidOperationException("in namespace " + ns, failure);
        return result;
    }

    private const int CloneNewNet = 0x40000000;

    [DllImport("libc", EntryPoint = "setns", SetLastError = true)]
    private static extern int SetNs(int fd, int nstype);

    public void Dispose()
    {
        foreach (var name in _names) Run("ip", "netns", "del", name);
        _names.Clear();
    }
}
