using Simulator.Cli.Commands.Ping;

namespace Simulator.Cli.Tests.Ping;

/// <summary>
/// ping's arithmetic against lines the real iputils 20221126 printed in throwaway namespaces: the
/// per-reply times it showed are whole microseconds, so feeding them back in must give the same
/// summary, integer division and rounding included.
/// </summary>
public class PingStatisticsTests
{
    private static PingStatistics Replies(params long[] microseconds)
    {
        var stats = new PingStatistics();
        for (int i = 0; i < microseconds.Length; i++)
        {
            stats.AdvanceTransmitted();
            stats.Received++;
            stats.Acknowledge((ushort)(i + 1));
            stats.MarkReceived((ushort)(i + 1));
            stats.AddRoundTrip(microseconds[i]);
        }
        return stats;
    }

    [TestCase(new long[] { 308, 55, 56 }, "rtt min/avg/max/mdev = 0.055/0.139/0.308/0.119 ms")]
    [TestCase(new long[] { 30, 59 }, "rtt min/avg/max/mdev = 0.030/0.044/0.059/0.014 ms")]
    [TestCase(new long[] { 42, 57 }, "rtt min/avg/max/mdev = 0.042/0.049/0.057/0.007 ms")]
    [TestCase(new long[] { 35, 63 }, "rtt min/avg/max/mdev = 0.035/0.049/0.063/0.014 ms")]
    [TestCase(new long[] { 307, 69, 73 }, "rtt min/avg/max/mdev = 0.069/0.149/0.307/0.111 ms")]
    [TestCase(new long[] { 29 }, "rtt min/avg/max/mdev = 0.029/0.029/0.029/0.000 ms")]
    public void RoundTripLineMatchesTheRealPing(long[] times, string expected)
    {
        var lines = Replies(times).Summary("10.0.0.2", 2_048_000_000, timing: true, showIpg: false).Split('\n');
        Assert.That(lines[3], Is.EqualTo(expected));
    }

    [Test]
    public void MdevUsesTheOrderOfComputationOf20221126()
    {
        // 30 and 59 µs: (tsum2 - tsum²/n)/n = 210.25 → 14; the older tsum2/n - avg² gave 15.
        Assert.That(Replies(30, 59).Summary("h", 0, true, false), Does.Contain("/0.014 ms"));
    }

    [TestCase(45, "0.045")]
    [TestCase(999, "0.999")]
    [TestCase(1000, "1.00")]
    [TestCase(9830, "9.83")]
    [TestCase(9994, "9.99")]
    [TestCase(9995, "10.0")]
    [TestCase(55000, "55.0")]
    [TestCase(99949, "99.9")]
    [TestCase(99950, "100")]
    [TestCase(218000, "218")]
    public void TimeIsPrintedWithFewerDecimalsAsItGrows(long microseconds, string expected) =>
        Assert.That(PingStatistics.FormatTripTime(microseconds), Is.EqualTo(expected));

    [Test]
    public void ThreeErrorsAndNoRepliesAsMeasured()
    {
        // Real: ping -c 3 to an absent host on the local subnet, lo up.
        var stats = new PingStatistics();
        for (int i = 0; i < 3; i++) stats.AdvanceTransmitted();
        for (ushort seq = 1; seq <= 3; seq++)
        {
            stats.Acknowledge(seq);
            stats.Errors++;
        }
        Assert.That(stats.Summary("10.0.0.9", 2_038_000_000, timing: true, showIpg: false), Is.EqualTo(
            "\n--- 10.0.0.9 ping statistics ---\n" +
            "3 packets transmitted, 0 received, +3 errors, 100% packet loss, time 2038ms\n" +
            "pipe 3\n"));
    }

    [Test]
    public void NoReplyAndNoPipeEndsWithABlankLine()
    {
        var stats = new PingStatistics();
        for (int i = 0; i < 2; i++) stats.AdvanceTransmitted();
        Assert.That(stats.Summary("10.0.0.9", 1_003_000_000, timing: true, showIpg: false), Is.EqualTo(
            "\n--- 10.0.0.9 ping statistics ---\n" +
            "2 packets transmitted, 0 received, 100% packet loss, time 1003ms\n" +
            "\n"));
    }

    [Test]
    public void WithoutTimingThereIsNoRttLine()
    {
        // Real: ping -c 2 -s 4 (data too short for a timestamp).
        var stats = new PingStatistics();
        for (ushort seq = 1; seq <= 2; seq++)
        {
            stats.AdvanceTransmitted();
            stats.Received++;
            stats.Acknowledge(seq);
        }
        Assert.That(stats.Summary("10.0.0.2", 1_030_000_000, timing: false, showIpg: false), Is.EqualTo(
            "\n--- 10.0.0.2 ping statistics ---\n" +
            "2 packets transmitted, 2 received, 0% packet loss, time 1030ms\n" +
            "\n"));
    }

    [Test]
    public void ElapsedTimeRoundsToTheNearestMillisecond()
    {
        var stats = Replies(20);
        Assert.That(stats.Summary("h", 2_000_499_999, true, false), Does.Contain("time 2000ms"));
        Assert.That(stats.Summary("h", 2_000_500_000, true, false), Does.Contain("time 2001ms"));
    }

    [TestCase(3, 2, "33.3333")]
    [TestCase(3, 1, "66.6667")]
    [TestCase(7, 6, "14.2857")]
    [TestCase(4, 0, "100")]
    [TestCase(4, 4, "0")]
    [TestCase(8, 7, "12.5")]
    public void LossIsAFloatPrintedWithPercentG(int transmitted, int received, string expected)
    {
        var stats = new PingStatistics();
        for (int i = 0; i < transmitted; i++) stats.AdvanceTransmitted();
        stats.Received = received;
        Assert.That(stats.Summary("h", 0, false, false), Does.Contain($", {expected}% packet loss,"));
    }

    [Test]
    public void DuplicatesAndCorruptedRepliesAreCountedApart()
    {
        var stats = Replies(20, 20);
        stats.Repeats = 1;
        stats.Corrupted = 2;
        Assert.That(stats.Summary("h", 1_000_000_000, true, false), Does.Contain(
            "2 packets transmitted, 2 received, +1 duplicates, +2 corrupted, 0% packet loss, time 1000ms"));
    }

    [Test]
    public void ZeroIntervalAddsIpgAndEwma()
    {
        // Real: ping -i 0 -c 2 printed "rtt … ms, ipg/ewma 0.058/0.017 ms".
        var stats = Replies(19, 6);
        Assert.That(stats.Summary("h", 58_000, true, showIpg: true).Split('\n')[3],
            Is.EqualTo("rtt min/avg/max/mdev = 0.006/0.012/0.019/0.006 ms, ipg/ewma 0.058/0.017 ms"));
    }

    [Test]
    public void PipeGrowsWithTheOldestUnansweredProbe()
    {
        var stats = new PingStatistics();
        for (int i = 0; i < 4; i++) stats.AdvanceTransmitted();
        Assert.That(stats.InFlight, Is.EqualTo(4));
        stats.Acknowledge(1);
        Assert.That(stats.PipeSize, Is.EqualTo(4));
        Assert.That(stats.InFlight, Is.EqualTo(3));
        stats.Acknowledge(4);
        Assert.That(stats.InFlight, Is.EqualTo(0));
        Assert.That(stats.PipeSize, Is.EqualTo(4));
    }

    [TestCase(0L, 0L)]
    [TestCase(1L, 1L)]
    [TestCase(14168L, 119L)]
    [TestCase(210L, 14L)]
    [TestCase(1_000_000_000_000L, 1_000_000L)]
    public void IntegerSquareRootRoundsDown(long value, long root) =>
        Assert.That(PingStatistics.IntegerSquareRoot(value), Is.EqualTo(root));

    [TestCase(0.0, "0")]
    [TestCase(100.0, "100")]
    [TestCase(0.0001, "0.0001")]
    [TestCase(0.00001, "1e-05")]
    [TestCase(1234567.0, "1.23457e+06")]
    [TestCase(123456.0, "123456")]
    public void PercentGFormatsAsC(double value, string expected) => Assert.That(CFormat.G(value), Is.EqualTo(expected));
}
