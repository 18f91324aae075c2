using Simulator.Cli.Commands.Utilities;
using Simulator.Cli.Host;
using Simulator.Core.Engine;

namespace Simulator.Cli.Commands.Jobs;

/// <summary>
/// coreutils <c>timeout DURATION COMMAND…</c> in simulated time: a program that is still running
/// when the time is up gets SIGTERM, and timeout exits 124.
/// </summary>
public sealed class TimeoutCommand : INetworkCommand
{
    public IReadOnlyList<string> Names { get; } = ["timeout"];

    public int Run(Invocation invocation)
    {
        var args = invocation.Args;
        int index = 0;
        while (index < args.Count && args[index].StartsWith('-') && args[index] != "--")
        {
            if (args[index] is "-s" or "-k") index += 2;
            else index++;
        }
        if (index < args.Count && args[index] == "--") index++;
        if (args.Count - index < 2)
        {
            invocation.Err.WriteLine(args.Count - index == 0 ? "timeout: missing operand" : $"timeout: missing operand after '{args[index]}'");
            invocation.Err.WriteLine("Try 'timeout --help' for more information.");
            return 125;
        }
        if (!Durations.TryParseSeconds(args[index], out double seconds))
        {
            invocation.Err.WriteLine($"timeout: invalid time interval '{args[index]}'");
            invocation.Err.WriteLine("Try 'timeout --help' for more information.");
            return 125;
        }
        var machine = invocation.Machine;
        var previous = machine.ForegroundLimit;
        machine.ForegroundLimit = (long)(seconds * Simulation.Second);
        try
        {
            var argv = args.Skip(index + 1).ToList();
            var status = machine.Shell.RunCommand(invocation.Context.WithNamespace(invocation.Context.Namespace, argv));
            if (status is null)
            {
                invocation.Err.WriteLine($"timeout: failed to run command '{argv[0]}': No such file or directory");
                return 127;
            }
            return status.Value;
        }
        finally
        {
            machine.ForegroundLimit = previous;
        }
    }
}
