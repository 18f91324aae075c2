using System.Runtime.InteropServices;

namespace Simulator.Cli.Validation;

/// <summary>
/// Removes the kernel side of every validation run in progress when the process is asked to
/// stop: Ctrl-C (SIGINT), SIGTERM, SIGHUP, SIGQUIT, and normal process exit. SIGKILL cannot be
/// caught; the next run removes what a killed one left (<see cref="RealNamespaces.SweepStale"/>).
/// </summary>
public static class SignalCleanup
{
    private static readonly object Gate = new();
    private static readonly List<KernelSide> Active = [];
    private static readonly List<PosixSignalRegistration> Registrations = [];
    private static bool _exitHooked;
    private static volatile bool _stopping;

    [ThreadStatic]
    private static bool _handlerThread;

    /// <summary>A signal is ending the process: the script must not go on.</summary>
    public static bool Stopping => _stopping;

    /// <summary>True on the thread that is cleaning up for a signal.</summary>
    public static bool IsHandlerThread => _handlerThread;

    /// <summary>Cleans <paramref name="kernel"/> up if the process is stopped before it is disposed.</summary>
    public static IDisposable Protect(KernelSide kernel)
    {
        lock (Gate)
        {
            if (Active.Count == 0)
            {
                foreach (var signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGHUP, PosixSignal.SIGQUIT })
                    Registrations.Add(PosixSignalRegistration.Create(signal, OnSignal));
            }
            if (!_exitHooked)
            {
                AppDomain.CurrentDomain.ProcessExit += (_, _) =>
                {
                    _handlerThread = true;
                    CleanAll();
                };
                _exitHooked = true;
            }
            Active.Add(kernel);
        }
        return new Release(kernel);
    }

    private static void OnSignal(PosixSignalContext context)
    {
        _stopping = true;
        _handlerThread = true;
        int removed = CleanAll();
        Console.Error.WriteLine($"netsim: validate: stopped by {context.Signal}; removed {removed} namespaces of the run");
        context.Cancel = true;
        // The status a shell reports for a command ended by that signal.
        int number = context.Signal switch
        {
            PosixSignal.SIGINT => 2,
            PosixSignal.SIGQUIT => 3,
            PosixSignal.SIGHUP => 1,
            _ => 15,
        };
        Environment.Exit(128 + number);
    }

    private static int CleanAll()
    {
        KernelSide[] sides;
        lock (Gate) sides = [.. Active];
        int before = sides.Sum(s => s.Names.Existing().Count);
        foreach (var side in sides) side.Dispose();
        return before;
    }

    private sealed class Release(KernelSide kernel) : IDisposable
    {
        public void Dispose()
        {
            lock (Gate)
            {
                Active.Remove(kernel);
                if (Active.Count > 0) return;
                foreach (var registration in Registrations) registration.Dispose();
                Registrations.Clear();
            }
        }
    }
}
