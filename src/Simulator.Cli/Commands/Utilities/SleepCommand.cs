using Simulator.Cli.Host;
using Simulator.Core.Engine;

namespace Simulator.Cli.Commands.Utilities;

/// <summary>
/// coreutils sleep: lets simulated time pass — timers fire and packets move — at no wall-clock
/// cost. Accepts fractions and the s/m/h/d suffixes; several operands add up.
/// </summary>
public sealed class SleepCommand : INetworkCommand
{
    public IReadOnlyList<string> Names { get; } = ["sleep"];

    public int Run(Invocation invocation)
    {
        if (invocation.Args.Count == 0)
        {
            invocation.Err.WriteLine("sleep: missing operand");
            invocation.Err.WriteLine("Try 'sleep --help' for more information.");
            return 1;
        }
        double total = 0;
        foreach (var arg in invocation.Args)
        {
            if (!Durations.TryParseSeconds(arg, out double seconds))
            {
                invocation.Err.WriteLine($"sleep: invalid time interval '{arg}'");
                invocation.Err.WriteLine("Try 'sleep --help' for more information.");
                return 1;
            }
            total += seconds;
        }
        var machine = invocation.Machine;
        machine.Advance(machine.Simulation.Now + (long)(total * Simulation.Second));
        return 0;
    }
}
