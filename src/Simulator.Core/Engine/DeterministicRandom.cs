namespace Simulator.Core.Engine;

/// <summary>
/// The simulation's one source of randomness (MAC addresses, ICMP ids, ports, loss), seeded so
/// that two runs of a scenario are identical. SplitMix64: its output is fixed by its definition,
/// unlike <see cref="Random"/> whose algorithm may change between .NET versions.
/// </summary>
public sealed class DeterministicRandom(ulong seed)
{
    private ulong _state = seed;

    public ulong NextUInt64()
    {
        ulong z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>A uniform integer in [0, exclusiveMax).</summary>
    public int Next(int exclusiveMax)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(exclusiveMax);
        return (int)(NextUInt64() % (ulong)exclusiveMax);
    }

    /// <summary>A uniform integer in [inclusiveMin, exclusiveMax).</summary>
    public int Next(int inclusiveMin, int exclusiveMax) => inclusiveMin + Next(exclusiveMax - inclusiveMin);

    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));
}
