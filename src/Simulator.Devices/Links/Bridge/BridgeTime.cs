using Simulator.Core.Engine;

namespace Simulator.Devices.Links.Bridge;

/// <summary>
/// The bridge's units. The kernel keeps its timers in jiffies (HZ=250 on Debian's kernels) and
/// talks to user space in clock_t (USER_HZ=100, centiseconds): <c>ageing_time 30000</c> is 300 s.
/// Conversions go through jiffies as the kernel's do, so 5 cs reads back as 4 cs, as it does on
/// a real machine.
/// </summary>
public static class BridgeTime
{
    public const int Hz = 250;
    public const int UserHz = 100;

    /// <summary>One jiffy in nanoseconds.</summary>
    public const long Jiffy = Simulation.Second / Hz;

    /// <summary>clock_t_to_jiffies, as nanoseconds.</summary>
    public static long FromClockT(long clockT) => clockT * Hz / UserHz * Jiffy;

    /// <summary>jiffies_to_clock_t of a duration in nanoseconds.</summary>
    public static long ToClockT(long nanoseconds) => nanoseconds / Jiffy * UserHz / Hz;

    /// <summary>
    /// round_jiffies: the kernel rounds the expiry of non-critical timers (hello, hold) to a
    /// whole second, down when less than a quarter second past it, so that timers fire together.
    /// The result is never in the past.
    /// </summary>
    public static long RoundToSecond(long absolute, long now)
    {
        long remainder = absolute % Simulation.Second;
        long rounded = remainder < Simulation.Second / 4 ? absolute - remainder : absolute - remainder + Simulation.Second;
        return rounded <= now ? absolute : rounded;
    }
}
