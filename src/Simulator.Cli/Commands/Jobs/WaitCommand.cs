using Simulator.Cli.Host;
using Simulator.Cli.Host.Processes;

namespace Simulator.Cli.Commands.Jobs;

/// <summary>
/// The shell's <c>wait</c> and <c>jobs</c>: let simulated time run until background jobs finish,
/// or list them.
/// </summary>
public sealed class WaitCommand : INetworkCommand
{
    public IReadOnlyList<string> Names { get; } = ["wait", "jobs"];

    public int Run(Invocation invocation)
    {
        var jobs = invocation.Machine.Jobs;
        if (invocation.Name == "jobs")
        {
            foreach (var job in jobs.Jobs.Where(j => !j.HasExited))
            {
                int number = jobs.JobNumber(job);
                var marker = job == jobs.Jobs.LastOrDefault(j => !j.HasExited) ? '+' : '-';
                invocation.Out.WriteLine($"[{number}]{marker}  {"Running",-24}{job.CommandLine} &");
            }
            return 0;
        }
        var targets = new List<SimulatedProcess>();
        foreach (var arg in invocation.Args)
        {
            var process = arg.StartsWith('%') ? jobs.FindJob(arg) : int.TryParse(arg, out int pid) ? jobs.FindByPid(pid) : null;
            if (process is null)
            {
                var location = invocation.Context.Location;
                invocation.Err.WriteLine($"{location.File}: line {location.Line}: wait: {arg}: no such job");
                return 127;
            }
            targets.Add(process);
        }
        if (targets.Count == 0) targets.AddRange(jobs.Jobs);
        var machine = invocation.Machine;
        machine.Advance(machine.Simulation.Now + JobTable.ForegroundLimit, () => targets.All(t => t.HasExited));
        if (!targets.All(t => t.HasExited))
        {
            invocation.Err.WriteLine("netsim: wait: background jobs still running after 24 h of simulated time");
            return 1;
        }
        // bash: "If no arguments are given, all currently active child processes are waited for,
        // and the return status is zero"; with operands, the status of the last one.
        return invocation.Args.Count > 0 && targets.Count > 0 ? targets[^1].ExitStatus : 0;
    }
}
