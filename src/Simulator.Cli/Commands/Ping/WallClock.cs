using System.Buffers.Binary;
using Simulator.Core.Engine;

namespace Simulator.Cli.Commands.Ping;

/// <summary>
/// gettimeofday on the simulated machine: the virtual clock counted from a fixed Unix time (the
/// one `netsim run --pcap` stamps captures with), so timestamps in echo data and -D lines are
/// the same in every run.
/// </summary>
internal static class WallClock
{
    public const long EpochSeconds = 1_700_000_000;

    /// <summary>struct timeval at virtual time <paramref name="now"/> (ns): seconds and microseconds.</summary>
    public static (long Seconds, long Microseconds) Timeval(long now) =>
        (EpochSeconds + now / Simulation.Second, now % Simulation.Second / Simulation.Microsecond);

    /// <summary>The time in microseconds since the epoch, as tv_sec * 1000000 + tv_usec.</summary>
    public static long Microseconds(long now)
    {
        var (seconds, micros) = Timeval(now);
        return seconds * 1_000_000 + micros;
    }

    /// <summary>Writes a struct timeval as x86-64 Linux lays it out: two little-endian 64-bit words.</summary>
    public static void Write(Span<byte> destination, long now)
    {
        var (seconds, micros) = Timeval(now);
        BinaryPrimitives.WriteInt64LittleEndian(destination, seconds);
        BinaryPrimitives.WriteInt64LittleEndian(destination[8..], micros);
    }

    /// <summary>Reads a struct timeval back as microseconds since the epoch.</summary>
    public static long Read(ReadOnlySpan<byte> source) =>
        BinaryPrimitives.ReadInt64LittleEndian(source) * 1_000_000 + BinaryPrimitives.ReadInt64LittleEndian(source[8..]);

    public const int TimevalLength = 16;
}
