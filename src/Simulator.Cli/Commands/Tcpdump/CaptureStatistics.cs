namespace Simulator.Cli.Commands.Tcpdump;

/// <summary>
/// The counts tcpdump reports when a capture ends (info()): packets it handled, packets the
/// kernel's filter let through, and drops, which the model never has.
/// </summary>
public sealed class CaptureStatistics
{
    public long Captured { get; set; }
    public long ReceivedByFilter { get; set; }

    /// <summary>The three lines at exit; packet counts take tcpdump's PLURAL_SUFFIX ("1 packet captured").</summary>
    public string Summary() =>
        $"{Count(Captured)} captured\n{Count(ReceivedByFilter)} received by filter\n{Count(0)} dropped by kernel\n";

    /// <summary>What SIGUSR1 prints, on one line.</summary>
    public string OneLine() =>
        $"tcpdump: {Count(Captured)} captured, {Count(ReceivedByFilter)} received by filter, {Count(0)} dropped by kernel\n";

    private static string Count(long n) => n == 1 ? "1 packet" : $"{n} packets";
}
