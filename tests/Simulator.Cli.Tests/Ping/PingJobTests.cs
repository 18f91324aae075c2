using Simulator.Cli.Host;
using Simulator.Cli.Tests.Ping.Support;
using Simulator.Core.Engine;

namespace Simulator.Cli.Tests.Ping;

/// <summary>
/// ping as a process among others: in the background, signalled, under timeout. Expected outputs
/// from the same scripts run with the real ping.
/// </summary>
public class PingJobTests
{
    private static (PingBench Bench, int Status) Script(string text)
    {
        var bench = new PingBench();
        bench.Pair();
        int status = bench.Shell.RunText(text, "jobs.sh");
        return (bench, status);
    }

    [Test]
    public void InterruptedInTheBackgroundItPrintsItsStatistics()
    {
        var (bench, status) = Script("ip netns exec ns0 ping -i 0.5 10.0.0.2 &\nsleep 2.2\nkill -INT %1\nwait\n");
        Assert.That(status, Is.Zero);
        var lines = bench.Output.Text.TrimEnd('\n').Split('\n');
        Assert.That(lines.Count(l => l.StartsWith("64 bytes from 10.0.0.2: icmp_seq=", StringComparison.Ordinal)), Is.EqualTo(5));
        Assert.That(lines[^2], Is.EqualTo("5 packets transmitted, 5 received, 0% packet loss, time 2000ms"));
        Assert.That(bench.Output.Stderr, Is.Empty, "no note: the script interrupted it itself");
    }

    [Test]
    public void TimeoutTerminatesItWithoutStatistics()
    {
        // Real: three replies, no statistics (SIGTERM's default action), timeout exits 124.
        var (bench, status) = Script("ip netns exec ns0 timeout 2.5 ping 10.0.0.2\necho \"exit=$?\"\n");
        var text = bench.Output.Text;
        Assert.That(text.Split('\n').Count(l => l.StartsWith("64 bytes", StringComparison.Ordinal)), Is.EqualTo(3));
        Assert.That(text, Does.Not.Contain("statistics"));
        Assert.That(text, Does.Contain("exit=124"));
        Assert.That(bench.Now, Is.EqualTo(Machine.CommandStartTime + 2500 * Simulation.Millisecond), "started, then 2.5 s");
    }

    [Test]
    public void QuitPrintsTheRunningTotals()
    {
        var (bench, _) = Script("ip netns exec ns0 ping 10.0.0.2 &\nsleep 1.5\nkill -3 %1\nsleep 1\nkill %1\n");
        Assert.That(bench.Output.Stderr, Does.Match(@"\r2/2 packets, 0% loss, min/avg/ewma/max = \d\.\d{3}/\d\.\d{3}/\d\.\d{3}/\d\.\d{3} ms\n"));
        Assert.That(bench.Output.Text, Does.Not.Contain("statistics"));
    }
}
