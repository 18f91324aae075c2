using System.Diagnostics;

namespace Simulator.Bench;

/// <summary>Runs a unit of work repeatedly for a wall-clock budget and reports rate and allocation.</summary>
internal static class Measure
{
    public readonly record struct Result(long Operations, double Seconds, long AllocatedBytes)
    {
        public double PerSecond => Operations / Seconds;
    }

    /// <summary>Calls <paramref name="batch"/> (which does some operations and returns how many) until the time is spent.</summary>
    public static Result Run(double seconds, Func<long> batch)
    {
        // Warm up: JIT, pools, neighbour caches.
        var warm = Stopwatch.StartNew();
        while (warm.Elapsed.TotalSeconds < Math.Min(1, seconds / 3)) batch();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        long operations = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed.TotalSeconds < seconds) operations += batch();
        clock.Stop();
        return new Result(operations, clock.Elapsed.TotalSeconds, GC.GetAllocatedBytesForCurrentThread() - allocatedBefore);
    }
}
