namespace Simulator.Cli.Host.Processes;

/// <summary>
/// A program that runs in simulated time rather than returning at once (tcpdump, nc -l, a
/// background ping): it starts, reacts to events (packets, timers) and exits. In the foreground
/// the command waits for it; with <c>&amp;</c> it runs while later commands do, writing its output
/// as events happen, until it exits or is signalled.
/// </summary>
public abstract class SimulatedProcess
{
    public const int SigInt = 2, SigKill = 9, SigTerm = 15;

    public int Pid { get; internal set; }
    public string CommandLine { get; internal set; } = "";
    public bool HasExited { get; private set; }
    public int ExitStatus { get; private set; }

    /// <summary>Raised once, when the process exits.</summary>
    public event Action<SimulatedProcess>? Exited;

    /// <summary>Starts the process: open sockets, schedule timers. Called once, at the current virtual time.</summary>
    public abstract void Start();

    /// <summary>
    /// Delivers a signal. The default ends the process as an uncaught signal does (128 + N);
    /// programs that print a summary on SIGINT/SIGTERM (tcpdump, ping) override this.
    /// </summary>
    public virtual void Signal(int signal) => Exit(128 + signal);

    /// <summary>
    /// timeout(1)'s time ran out for a program it runs in the background: SIGTERM, and the job's
    /// status is timeout's 124, whatever the program made of the signal.
    /// </summary>
    public void TimeOut()
    {
        if (HasExited) return;
        Signal(SigTerm);
        if (HasExited) ExitStatus = 124;
    }

    /// <summary>Ends the process with <paramref name="status"/>; the program releases its resources first.</summary>
    protected void Exit(int status)
    {
        if (HasExited) return;
        HasExited = true;
        ExitStatus = status;
        OnExit();
        Exited?.Invoke(this);
    }

    /// <summary>Closes sockets, cancels timers. Called once, as the process exits.</summary>
    protected virtual void OnExit() { }
}
