using Simulator.Core.Engine;

namespace Simulator.Bench;

/// <summary>
/// The engine alone: a ring of targets that each reschedule themselves, 1,024 events in flight,
/// so the heap works at a realistic depth.
/// </summary>
internal static class EngineBenchmark
{
    private sealed class Bouncer(Simulation simulation) : IEventTarget
    {
        public void OnEvent(object? payload, long argument) => simulation.Schedule(1 + (argument & 7), this, null, argument + 1);
    }

    public static void Run(double seconds)
    {
        var simulation = new Simulation { EventBudget = long.MaxValue };
        for (int i = 0; i < 1024; i++) simulation.Schedule(i, new Bouncer(simulation), null, i);
        long before = 0;
        var result = Measure.Run(seconds, () =>
        {
            before = simulation.EventsExecuted;
            simulation.RunFor(200_000);
            return simulation.EventsExecuted - before;
        });
        Console.WriteLine($"events: {result.Operations:N0} in {result.Seconds:F2} s = {result.PerSecond / 1e6:F2}M events/s");
        Console.WriteLine($"allocated: {result.AllocatedBytes:N0} bytes ({(double)result.AllocatedBytes / result.Operations:F3} per event)");
    }
}
