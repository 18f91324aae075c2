using Simulator.Cli.Host;
using Simulator.Cli.Host.Processes;

namespace Simulator.Cli.Commands.Jobs;

/// <summary>
/// The shell's <c>kill</c> and procps' <c>pkill</c>: signal simulated processes by pid, job
/// (%1) or name. Errors are worded as bash's builtin words them.
/// </summary>
public sealed class KillCommand : INetworkCommand
{
    public IReadOnlyList<string> Names { get; } = ["kill", "pkill"];

    public int Run(Invocation invocation)
    {
        var args = invocation.Args.ToList();
        int signal = SimulatedProcess.SigTerm;
        if (args.Count >= 2 && args[0] is "-s" or "-n")
        {
            if (!TryParseSignal(args[1], out signal)) return BadSignal(invocation, args[1]);
            args.RemoveRange(0, 2);
        }
        else if (args.Count >= 1 && args[0].Length > 1 && args[0][0] == '-' && args[0] != "--")
        {
            if (!TryParseSignal(args[0][1..], out signal)) return BadSignal(invocation, args[0][1..]);
            args.RemoveAt(0);
        }
        return invocation.Name == "pkill" ? Pkill(invocation, args, signal) : Kill(invocation, args, signal);
    }

    private static int Kill(Invocation invocation, List<string> targets, int signal)
    {
        var location = invocation.Context.Location;
        if (targets.Count == 0)
        {
            invocation.Err.WriteLine($"{location.File}: line {location.Line}: kill: usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]");
            return 2;
        }
        int status = 0;
        var jobs = invocation.Machine.Jobs;
        foreach (var target in targets)
        {
            SimulatedProcess? process;
            if (target.StartsWith('%'))
            {
                process = jobs.FindJob(target);
                if (process is null || process.HasExited)
                {
                    invocation.Err.WriteLine($"{location.File}: line {location.Line}: kill: {target}: no such job");
                    status = 1;
                    continue;
                }
            }
            else if (int.TryParse(target, out int pid))
            {
                process = jobs.FindByPid(pid);
                if (process is null)
                {
                    invocation.Err.WriteLine($"{location.File}: line {location.Line}: kill: ({pid}) - No such process");
                    status = 1;
                    continue;
                }
            }
            else
            {
                invocation.Err.WriteLine($"{location.File}: line {location.Line}: kill: {target}: arguments must be process or job IDs");
                status = 1;
                continue;
            }
            jobs.SendSignal(process, signal);
        }
        return status;
    }

    private static int Pkill(Invocation invocation, List<string> patterns, int signal)
    {
        if (patterns.Count != 1)
        {
            invocation.Err.WriteLine(patterns.Count == 0 ? "pkill: no matching criteria specified" : "pkill: only one pattern can be provided");
            invocation.Err.WriteLine("Try `pkill --help' for more information.");
            return 2;
        }
        var matching = invocation.Machine.Jobs.Processes
            .Where(p => Path.GetFileName(p.CommandLine.Split(' ')[0]).Contains(patterns[0], StringComparison.Ordinal)).ToList();
        foreach (var process in matching) invocation.Machine.Jobs.SendSignal(process, signal);
        return matching.Count > 0 ? 0 : 1;
    }

    private static bool TryParseSignal(string text, out int signal)
    {
        var name = text.StartsWith("SIG", StringComparison.Ordinal) ? text[3..] : text;
        signal = name switch
        {
            "INT" => SimulatedProcess.SigInt,
            "KILL" => SimulatedProcess.SigKill,
            "TERM" => SimulatedProcess.SigTerm,
            "HUP" => 1,
            _ => int.TryParse(name, out int number) && number is > 0 and < 65 ? number : -1,
        };
        return signal > 0;
    }

    private static int BadSignal(Invocation invocation, string text)
    {
        var location = invocation.Context.Location;
        invocation.Err.WriteLine($"{location.File}: line {location.Line}: kill: {text}: invalid signal specification");
        return 1;
    }
}
