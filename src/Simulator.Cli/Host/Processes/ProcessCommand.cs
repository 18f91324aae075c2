using Simulator.Cli.Shell;

namespace Simulator.Cli.Host.Processes;

/// <summary>
/// Base for commands that run as a <see cref="SimulatedProcess"/>: parse the arguments into a
/// process (or fail with a message), then run it in the foreground, or as a job when the shell
/// started it with <c>&amp;</c>.
/// </summary>
public abstract class ProcessCommand : INetworkCommand
{
    public abstract IReadOnlyList<string> Names { get; }

    /// <summary>Builds the process, or writes an error and returns null with <paramref name="status"/> set.</summary>
    protected abstract SimulatedProcess? Create(Invocation invocation, out int status);

    public int Run(Invocation invocation)
    {
        var process = Create(invocation, out int status);
        if (process is null) return status;
        var commandLine = string.Join(' ', invocation.Context.Arguments.Select(ShellQuoting.Quote));
        var jobs = invocation.Machine.Jobs;
        if (invocation.Context.Background)
        {
            jobs.RunBackground(process, commandLine);
            // `timeout N cmd &`: timeout goes to the background with its program and stops it at the limit.
            if (invocation.Machine.ForegroundLimit is long limit)
                invocation.World.Simulation.Schedule(limit, process.TimeOut);
            return 0;
        }
        return jobs.RunForeground(process, commandLine, invocation.Err, invocation.Machine.ForegroundLimit);
    }
}
