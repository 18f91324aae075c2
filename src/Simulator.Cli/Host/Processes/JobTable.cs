using Simulator.Core.Engine;

namespace Simulator.Cli.Host.Processes;

/// <summary>
/// The machine's running processes: process ids, the shell's background jobs (%1, %2…), and
/// waiting for a process in the foreground.
/// </summary>
public sealed class JobTable(Machine machine)
{
    /// <summary>
    /// How long a foreground process may run in simulated time. A real `nc -l` or `tcpdump`
    /// without -c waits forever; here it is stopped with an explanation instead.
    /// </summary>
    public static readonly long ForegroundLimit = 24 * 3600 * Simulation.Second;

    private readonly List<SimulatedProcess> _processes = [];
    /// <summary>Background jobs with their numbers; finished ones are dropped when the next job starts.</summary>
    private readonly List<(int Number, SimulatedProcess Process)> _jobs = [];
    private int _nextPid = 4000;

    public IReadOnlyList<SimulatedProcess> Processes => _processes;

    /// <summary>The background jobs in job-number order; finished ones stay until the next job starts.</summary>
    public IReadOnlyList<SimulatedProcess> Jobs => _jobs.Select(j => j.Process).ToList();

    /// <summary>$!: the pid of the most recent background job.</summary>
    public int? LastBackgroundPid { get; private set; }

    /// <summary>A process id for a program that runs and exits within one command (it needs one for a netlink port id).</summary>
    public int AllocatePid() => _nextPid++;

    private void Register(SimulatedProcess process, string commandLine)
    {
        process.Pid = _nextPid++;
        process.CommandLine = commandLine;
        _processes.Add(process);
        process.Exited += p => _processes.Remove(p);
        process.Start();
    }

    /// <summary>Starts <paramref name="process"/> and lets simulated time run until it exits.</summary>
    public int RunForeground(SimulatedProcess process, string commandLine, TextWriter stderr, long? limit = null)
    {
        Register(process, commandLine);
        var machine1 = machine;
        long deadline = machine1.Simulation.Now + (limit ?? ForegroundLimit);
        machine1.Advance(deadline, () => process.HasExited);
        if (!process.HasExited)
        {
            if (limit is null)
                stderr.WriteLine($"netsim: {commandLine}: still running after {ForegroundLimit / Simulation.Second / 3600} h of simulated time; stopped (use -c, timeout or & to bound it)");
            process.Signal(SimulatedProcess.SigTerm);
            return limit is null ? 143 : 124;
        }
        return process.ExitStatus;
    }

    /// <summary>Starts <paramref name="process"/> as a background job (<c>cmd &amp;</c>); returns at once.</summary>
    public void RunBackground(SimulatedProcess process, string commandLine)
    {
        // bash numbers a new job one above the highest still in its table, so numbering starts
        // again at 1 once the earlier jobs have finished.
        _jobs.RemoveAll(j => j.Process.HasExited);
        int number = _jobs.Count == 0 ? 1 : _jobs.Max(j => j.Number) + 1;
        _jobs.Add((number, process));
        Register(process, commandLine);
        LastBackgroundPid = process.Pid;
    }

    /// <summary>
    /// A command started with <c>&amp;</c> that did its work at once (it is not a long-running
    /// program, or it failed before starting one): bash still made it a job, and <c>wait</c>
    /// reports its status.
    /// </summary>
    public void RecordFinishedBackground(string commandLine, int status) =>
        RunBackground(new FinishedCommand(status), commandLine);

    private sealed class FinishedCommand(int status) : SimulatedProcess
    {
        public override void Start() => Exit(status);
    }

    /// <summary>
    /// Raised when a command of the script (kill, pkill) sends a signal, before the process
    /// handles it; <c>netsim validate</c> sends the same signal to the real process it pairs
    /// with the job. Signals NetSim itself sends (a foreground limit running out) are not raised.
    /// </summary>
    public event Action<SimulatedProcess, int>? SignalSent;

    /// <summary>Sends <paramref name="signal"/> to <paramref name="process"/> on a command's behalf (kill(2)).</summary>
    public void SendSignal(SimulatedProcess process, int signal)
    {
        SignalSent?.Invoke(process, signal);
        process.Signal(signal);
    }

    public SimulatedProcess? FindByPid(int pid) => _processes.FirstOrDefault(p => p.Pid == pid);

    /// <summary>%N, %+ / %% (the latest), %- (the one before).</summary>
    public SimulatedProcess? FindJob(string spec)
    {
        if (spec is "%" or "%%" or "%+") return _jobs.Count > 0 ? _jobs[^1].Process : null;
        if (spec == "%-") return _jobs.Count >= 2 ? _jobs[^2].Process : null;
        if (spec.Length > 1 && int.TryParse(spec[1..], out int number)) return _jobs.FirstOrDefault(j => j.Number == number).Process;
        return null;
    }

    public int JobNumber(SimulatedProcess process) => _jobs.FirstOrDefault(j => j.Process == process).Number;
}
