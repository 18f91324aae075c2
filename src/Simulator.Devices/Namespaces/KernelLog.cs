using System.Globalization;
using Simulator.Core.Engine;

namespace Simulator.Devices.Namespaces;

/// <summary>The kernel ring buffer <c>dmesg</c> prints: time since boot and message.</summary>
public sealed class KernelLog(Simulation simulation)
{
    /// <summary>Seconds the simulated machine had been up when the scenario started.</summary>
    public const double BootOffsetSeconds = 100.0;

    private readonly List<(long Time, string Message)> _lines = [];

    public IReadOnlyList<(long Time, string Message)> Lines => _lines;

    public void Log(string message) => _lines.Add((simulation.Now, message));

    public void Clear() => _lines.Clear();

    /// <summary>A line as dmesg prints it: <c>[  100.000000] veth0: entered promiscuous mode</c>.</summary>
    public static string Format((long Time, string Message) line)
    {
        double seconds = BootOffsetSeconds + line.Time / 1e9;
        return string.Create(CultureInfo.InvariantCulture, $"[{seconds,12:F6}] {line.Message}");
    }
}
