using Simulator.Cli.Tests.Ping.Support;
using Simulator.Core.Engine;
using Simulator.Devices.Ipv4.Routing;

namespace Simulator.Cli.Tests.Ping;

/// <summary>
/// ping on small topologies built with the model's operations. Expected transcripts are the real
/// iputils 20221126's, measured in throwaway namespaces on the same topologies, times replaced by
/// {time}; elapsed simulated times are those the real runs took, minus scheduling drift.
/// </summary>
public class PingTopologyTests
{
    [Test]
    public void DirectLinkThreeReplies()
    {
        var bench = new PingBench();
        bench.Pair();
        var run = bench.Ping("ns0", "-c 3 10.0.0.2");
        Assert.That(run.Status, Is.Zero);
        Transcript.Expect(run,
            "PING 10.0.0.2 (10.0.0.2) 56(84) bytes of data.",
            "64 bytes from 10.0.0.2: icmp_seq=1 ttl=64 time={time} ms",
            "64 bytes from 10.0.0.2: icmp_seq=2 ttl=64 time={time} ms",
            "64 bytes from 10.0.0.2: icmp_seq=3 ttl=64 time={time} ms",
            "",
            "--- 10.0.0.2 ping statistics ---",
            "3 packets transmitted, 3 received, 0% packet loss, time 2000ms",
            "rtt min/avg/max/mdev = {time}/{time}/{time}/{time} ms");
        // Two seconds of simulated time: the last reply ends it.
        Assert.That(bench.Now, Is.LessThan(2 * Simulation.Second + Simulation.Millisecond));
    }

    [Test]
    public void OptionsMayFollowTheHostAsInTheSeeds()
    {
        var bench = new PingBench();
        bench.Pair();
        var run = bench.Run("ns0", "ping", "10.0.0.2", "-c", "1");
        Assert.That(run.Status, Is.Zero);
        Assert.That(run.Lines[^2], Is.EqualTo("1 packets transmitted, 1 received, 0% packet loss, time 0ms"));
    }

    [Test]
    public void ThroughARouterTheTtlIsOneLess()
    {
        var bench = new PingBench();
        bench.Routed();
        var run = bench.Ping("ns0", "-c 3 10.0.1.2");
        Assert.That(run.Status, Is.Zero);
        Assert.That(run.Lines[1..4], Has.All.Match(@"^64 bytes from 10\.0\.1\.2: icmp_seq=\d ttl=63 time=\d+\.\d{3} ms$"));
    }

    [Test]
    public void RouterThatDoesNotForwardLosesEverythingAndPingLingersTenSeconds()
    {
        var bench = new PingBench();
        bench.Routed(forward: false);
        var run = bench.Ping("ns0", "-c 3 10.0.1.2");
        Assert.That(run.Status, Is.EqualTo(1));
        Transcript.Expect(run,
            "PING 10.0.1.2 (10.0.1.2) 56(84) bytes of data.",
            "",
            "--- 10.0.1.2 ping statistics ---",
            "3 packets transmitted, 0 received, 100% packet loss, time 2000ms",
            "");
        // Real: elapsed 12.05 s — the last probe at 2 s, then lingertime (10 s).
        Assert.That(bench.Now, Is.EqualTo(12 * Simulation.Second));
    }

    [Test]
    public void LingerFollowsMinusW()
    {
        var bench = new PingBench();
        bench.Routed(forward: false);
        bench.Ping("ns0", "-c 2 -W 2 10.0.1.2");
        // Real: elapsed 3.02 s.
        Assert.That(bench.Now, Is.EqualTo(3 * Simulation.Second));
    }

    [TestCase("192.168.9.9", "ping: connect: Network is unreachable")]
    [TestCase("10.9.0.1", "ping: connect: No route to host")]
    [TestCase("10.8.0.1", "ping: Do you want to ping broadcast? Then -b. If not, check your local firewall rules")]
    [TestCase("10.7.0.1", "ping: connect: Invalid argument")]
    [TestCase("10.0.0.255", "ping: Do you want to ping broadcast? Then -b. If not, check your local firewall rules")]
    [TestCase("255.255.255.255", "ping: connect: Network is unreachable")]
    public void ConnectFailuresExitWithTwo(string target, string message)
    {
        var bench = new PingBench();
        var (ns0, _) = bench.Pair();
        PingBench.RejectRoute(ns0, "10.9.0.0/16", RouteType.Unreachable);
        PingBench.RejectRoute(ns0, "10.8.0.0/16", RouteType.Prohibit);
        PingBench.RejectRoute(ns0, "10.7.0.0/16", RouteType.Blackhole);
        var run = bench.Ping("ns0", $"-c 1 {target}");
        Assert.That(run.Status, Is.EqualTo(2));
        Assert.That(run.Both, Is.EqualTo(message + "\n"));
        Assert.That(bench.Now, Is.Zero, "nothing is sent");
    }

    [Test]
    public void AbsentHostWithLoopbackUpGetsHostUnreachableFromItself()
    {
        var bench = new PingBench();
        bench.Pair(loopbackUp: true);
        var run = bench.Ping("ns0", "-c 3 10.0.0.9");
        Assert.That(run.Status, Is.EqualTo(1));
        Transcript.Expect(run,
            "PING 10.0.0.9 (10.0.0.9) 56(84) bytes of data.",
            "From 10.0.0.1 icmp_seq=1 Destination Host Unreachable",
            "From 10.0.0.1 icmp_seq=2 Destination Host Unreachable",
            "From 10.0.0.1 icmp_seq=3 Destination Host Unreachable",
            "",
            "--- 10.0.0.9 ping statistics ---",
            "3 packets transmitted, 0 received, +3 errors, 100% packet loss, time 2000ms",
            "pipe 3");
        // Real: elapsed 3.07 s, when ARP gives up (3 probes, 1 s apart) and the errors come.
        Assert.That(bench.Now, Is.EqualTo(3 * Simulation.Second).Within(Simulation.Millisecond));
    }

    [Test]
    public void FiveProbesToAnAbsentHostFailInTwoRoundsOfArp()
    {
        var bench = new PingBench();
        bench.Pair(loopbackUp: true);
        var run = bench.Ping("ns0", "-c 5 10.0.0.19");
        // Real: From lines 1-3 at 3.06 s, 4-5 at 6.14 s; "pipe 4" because probe 4 left before the
        // errors of the first round were read.
        Assert.That(run.Lines[1..6], Is.EqualTo(Enumerable.Range(1, 5)
            .Select(i => $"From 10.0.0.1 icmp_seq={i} Destination Host Unreachable")));
        Assert.That(run.Lines[^2], Is.EqualTo("5 packets transmitted, 0 received, +5 errors, 100% packet loss, time 4000ms"));
        Assert.That(run.Lines[^1], Is.EqualTo("pipe 4"));
        Assert.That(bench.Now, Is.EqualTo(6 * Simulation.Second).Within(Simulation.Millisecond));
    }

    [Test]
    public void AbsentHostWithLoopbackDownShowsNoErrors()
    {
        // Real: with lo down the locally generated "host unreachable" cannot be delivered.
        var bench = new PingBench();
        bench.Pair();
        var run = bench.Ping("ns0", "-c 3 10.0.0.9");
        Assert.That(run.Status, Is.EqualTo(1));
        Transcript.Expect(run,
            "PING 10.0.0.9 (10.0.0.9) 56(84) bytes of data.",
            "",
            "--- 10.0.0.9 ping statistics ---",
            "3 packets transmitted, 0 received, 100% packet loss, time 2000ms",
            "");
        Assert.That(bench.Now, Is.EqualTo(12 * Simulation.Second));
    }

    [Test]
    public void TtlOneExpiresAtTheRouter()
    {
        var bench = new PingBench();
        bench.Routed();
        var run = bench.Ping("ns0", "-c 2 -t 1 10.0.1.2");
        Assert.That(run.Status, Is.EqualTo(1));
        Transcript.Expect(run,
            "PING 10.0.1.2 (10.0.1.2) 56(84) bytes of data.",
            "From 10.0.0.254 icmp_seq=1 Time to live exceeded",
            "From 10.0.0.254 icmp_seq=2 Time to live exceeded",
            "",
            "--- 10.0.1.2 ping statistics ---",
            "2 packets transmitted, 0 received, +2 errors, 100% packet loss, time 1000ms",
            "");
        // Real: elapsed 1.02 s — the second error completes the count.
        Assert.That(bench.Now, Is.LessThan(1 * Simulation.Second + Simulation.Millisecond));
    }

    [Test]
    public void RouterReportsHostAndNetUnreachable()
    {
        var bench = new PingBench();
        bench.Routed();
        var host = bench.Ping("ns0", "-c 2 10.0.1.99");
        Assert.That(host.Lines[1..3], Is.EqualTo(new[]
        {
            "From 10.0.0.254 icmp_seq=1 Destination Host Unreachable",
            "From 10.0.0.254 icmp_seq=2 Destination Host Unreachable",
        }));
        Assert.That(host.Lines[^1], Is.EqualTo("pipe 2"));
        var net = bench.Ping("ns0", "-c 2 10.5.0.1");
        Assert.That(net.Lines[1..3], Is.EqualTo(new[]
        {
            "From 10.0.0.254 icmp_seq=1 Destination Net Unreachable",
            "From 10.0.0.254 icmp_seq=2 Destination Net Unreachable",
        }));
    }

    [Test]
    public void DeadlineKeepsSendingPastTheCountAndExitsOneWithoutReplies()
    {
        var bench = new PingBench();
        bench.Routed();
        long start = bench.Now;
        var run = bench.Ping("ns0", "-w 3 -c 1 10.5.0.9");
        // Real (probes dropped silently): 3 packets transmitted, elapsed 3.01 s, exit 1.
        var quiet = new PingBench();
        quiet.Routed(forward: false);
        var dropped = quiet.Ping("ns0", "-w 3 -c 1 10.0.1.2");
        Assert.That(dropped.Status, Is.EqualTo(1));
        Assert.That(dropped.Lines[^2], Is.EqualTo("3 packets transmitted, 0 received, 100% packet loss, time 2000ms"));
        Assert.That(quiet.Now, Is.EqualTo(3 * Simulation.Second));
        // With -w, the first error ends the run.
        Assert.That(run.Lines[^2], Is.EqualTo("1 packets transmitted, 0 received, +1 errors, 100% packet loss, time 0ms"));
        Assert.That(bench.Now - start, Is.LessThan(Simulation.Millisecond));
    }

    [Test]
    public void DeadlineWithRepliesStopsAtTheDeadline()
    {
        var bench = new PingBench();
        bench.Pair();
        var run = bench.Ping("ns0", "-w 2 10.0.0.2");
        Assert.That(run.Status, Is.Zero);
        Assert.That(run.Lines[^2], Is.EqualTo("2 packets transmitted, 2 received, 0% packet loss, time 1000ms"));
        Assert.That(bench.Now, Is.EqualTo(2 * Simulation.Second));
        // Real: -w 2 -c 5 got 2 of 5 and exited 1.
        var fewer = bench.Ping("ns0", "-w 2 -c 5 10.0.0.2");
        Assert.That(fewer.Status, Is.EqualTo(1));
    }

    [Test]
    public void SourceAddressAndDeviceShowInTheHeader()
    {
        var bench = new PingBench();
        bench.Pair();
        Assert.That(bench.Ping("ns0", "-c 1 -I veth0 10.0.0.2").Lines[0],
            Is.EqualTo("PING 10.0.0.2 (10.0.0.2) from 10.0.0.1 veth0: 56(84) bytes of data."));
        Assert.That(bench.Ping("ns0", "-c 1 -I 10.0.0.1 10.0.0.2").Lines[0],
            Is.EqualTo("PING 10.0.0.2 (10.0.0.2) from 10.0.0.1 : 56(84) bytes of data."));
    }

    [TestCase("-c 1 -I nosuch 10.0.0.2", "ping: SO_BINDTODEVICE nosuch: No such device")]
    [TestCase("-c 1 -I 10.9.9.9 10.0.0.2", "ping: bind: Cannot assign requested address")]
    [TestCase("-c 1 -I lo 10.0.0.2", "ping: connect: Network is unreachable")]
    [TestCase("-c 1 -t 0 10.0.0.2", "ping: cannot set unicast time-to-live: Invalid argument")]
    public void SetupErrorsAsMeasured(string arguments, string message)
    {
        var bench = new PingBench();
        bench.Pair();
        var run = bench.Ping("ns0", arguments);
        Assert.That(run.Status, Is.EqualTo(2));
        Assert.That(run.Both, Is.EqualTo(message + "\n"));
    }

    [Test]
    public void SourceWithoutARouteFailsSilentlyAtSendTime()
    {
        // Real: with -I ADDR there is no probe connect; sendto fails and 20221126 says nothing.
        var bench = new PingBench();
        bench.Pair();
        var run = bench.Ping("ns0", "-c 2 -W 1 -I 10.0.0.1 192.168.9.9");
        Assert.That(run.Status, Is.EqualTo(1));
        Transcript.Expect(run,
            "PING 192.168.9.9 (192.168.9.9) from 10.0.0.1 : 56(84) bytes of data.",
            "",
            "--- 192.168.9.9 ping statistics ---",
            "2 packets transmitted, 0 received, 100% packet loss, time 1000ms",
            "");
    }

    [Test]
    public void BroadcastNeedsMinusBAndWarns()
    {
        var bench = new PingBench();
        bench.Pair();
        var run = bench.Ping("ns0", "-b -c 2 10.0.0.255");
        Assert.That(run.Lines[0], Is.EqualTo("WARNING: pinging broadcast address"));
        Assert.That(run.Lines[1], Is.EqualTo("PING 10.0.0.255 (10.0.0.255) 56(84) bytes of data."));
        // icmp_echo_ignore_broadcasts=1 on the peer: no answer, linger 10 s (real: 11.04 s).
        Assert.That(run.Status, Is.EqualTo(1));
        Assert.That(bench.Now, Is.EqualTo(11 * Simulation.Second));
    }

    [Test]
    public void ShortDataMeansNoTimes()
    {
        var bench = new PingBench();
        bench.Pair();
        Transcript.Expect(bench.Ping("ns0", "-c 2 -s 4 10.0.0.2"),
            "PING 10.0.0.2 (10.0.0.2) 4(32) bytes of data.",
            "12 bytes from 10.0.0.2: icmp_seq=1 ttl=64",
            "12 bytes from 10.0.0.2: icmp_seq=2 ttl=64",
            "",
            "--- 10.0.0.2 ping statistics ---",
            "2 packets transmitted, 2 received, 0% packet loss, time 1000ms",
            "");
    }

    [Test]
    public void LargestUnfragmentedProbeWorksAndOneMoreByteNeedsFragmentation()
    {
        var bench = new PingBench();
        bench.Pair();
        var fits = bench.Ping("ns0", "-c 1 -s 1472 10.0.0.2");
        Assert.That(fits.Lines[1], Does.StartWith("1480 bytes from 10.0.0.2: icmp_seq=1 ttl=64 time="));
        var tooBig = bench.Ping("ns0", "-c 1 -s 1473 10.0.0.2");
        Assert.That(tooBig.Status, Is.EqualTo(2));
        Assert.That(tooBig.Lines[0], Is.EqualTo("PING 10.0.0.2 (10.0.0.2) 1473(1501) bytes of data."));
        Assert.That(tooBig.Lines[1], Does.StartWith("netsim: ping: a 1501-byte probe does not fit the 1500-byte MTU of veth0"));
    }

    [Test]
    public void QuietPrintsOnlyTheHeaderAndSummary()
    {
        var bench = new PingBench();
        bench.Pair();
        Transcript.Expect(bench.Ping("ns0", "-c 2 -q 10.0.0.2"),
            "PING 10.0.0.2 (10.0.0.2) 56(84) bytes of data.",
            "",
            "--- 10.0.0.2 ping statistics ---",
            "2 packets transmitted, 2 received, 0% packet loss, time 1000ms",
            "rtt min/avg/max/mdev = {time}/{time}/{time}/{time} ms");
    }

    [Test]
    public void IntervalSetsTheSpacingOfProbes()
    {
        var bench = new PingBench();
        bench.Pair();
        var run = bench.Ping("ns0", "-c 2 -i 0.2 10.0.0.2");
        // Real: time 201ms.
        Assert.That(run.Lines[^2], Is.EqualTo("2 packets transmitted, 2 received, 0% packet loss, time 200ms"));
    }

    [Test]
    public void PreloadSendsAtOnce()
    {
        var bench = new PingBench();
        bench.Pair();
        var run = bench.Ping("ns0", "-c 2 -l 3 10.0.0.2");
        // Real: "time 0ms" and ", pipe 2" after the rtt line.
        Assert.That(run.Lines[^2], Is.EqualTo("2 packets transmitted, 2 received, 0% packet loss, time 0ms"));
        Assert.That(run.Lines[^1], Does.EndWith(" ms, pipe 2"));
    }

    [Test]
    public void OutstandingReportsProbesWithoutAnswer()
    {
        var bench = new PingBench();
        bench.Pair();
        var run = bench.Ping("ns0", "-O -c 3 -i 0.5 10.0.0.9");
        Assert.That(run.Lines[1..3], Is.EqualTo(new[] { "no answer yet for icmp_seq=1", "no answer yet for icmp_seq=2" }));
    }

    [Test]
    public void WithoutCountNetSimInterruptsAsCtrlCWould()
    {
        var bench = new PingBench();
        bench.Pair();
        var run = bench.Ping("ns0", "10.0.0.2");
        Assert.That(run.Status, Is.Zero);
        Assert.That(run.Stdout.Split('\n').Count(l => l.StartsWith("64 bytes", StringComparison.Ordinal)), Is.EqualTo(4));
        Assert.That(run.Stderr, Does.StartWith("netsim: ping runs until interrupted"));
        Assert.That(run.Lines[^2], Is.EqualTo("4 packets transmitted, 4 received, 0% packet loss, time 3000ms"));
    }

    [Test]
    public void NumbersAndDotsFormsAreAddresses()
    {
        var bench = new PingBench();
        bench.Pair();
        // Real: "PING 10.0.2 (10.0.0.2)" and "--- 10.0.2 ping statistics ---".
        var run = bench.Ping("ns0", "-c 1 10.0.2");
        Assert.That(run.Lines[0], Is.EqualTo("PING 10.0.2 (10.0.0.2) 56(84) bytes of data."));
        Assert.That(run.Lines[^3], Is.EqualTo("--- 10.0.2 ping statistics ---"));
        Assert.That(bench.Ping("ns0", "-c 1 0x0a000002").Lines[0], Is.EqualTo("PING 0x0a000002 (10.0.0.2) 56(84) bytes of data."));
    }

    [Test]
    public void PatternIsAnnouncedAndCarried()
    {
        var bench = new PingBench();
        bench.Pair();
        var run = bench.Ping("ns0", "-c 1 -p abcd12 -s 20 10.0.0.2");
        Assert.That(run.Lines[0], Is.EqualTo("PATTERN: 0xabcd12"));
        Assert.That(run.Lines[1], Is.EqualTo("PING 10.0.0.2 (10.0.0.2) 20(48) bytes of data."));
        Assert.That(run.Lines[2], Does.StartWith("28 bytes from 10.0.0.2: icmp_seq=1 ttl=64 time="));
        Assert.That(run.Lines[2], Does.Not.Contain("wrong data"));
    }

    [Test]
    public void PingingItselfGoesThroughLoopback()
    {
        var bench = new PingBench();
        bench.Pair(loopbackUp: true);
        var run = bench.Ping("ns0", "-c 2 10.0.0.1");
        Assert.That(run.Status, Is.Zero);
        Assert.That(run.Lines[1], Does.StartWith("64 bytes from 10.0.0.1: icmp_seq=1 ttl=64 time="));
    }

    [Test]
    public void TimestampsPrecedeLinesWithMinusD()
    {
        var bench = new PingBench();
        bench.Pair();
        var run = bench.Ping("ns0", "-c 1 -D 10.0.0.2");
        Assert.That(run.Lines[1], Does.Match(@"^\[1700000000\.\d{6}\] 64 bytes from 10\.0\.0\.2: icmp_seq=1 ttl=64 time="));
    }

    [Test]
    public void RunsAreIdenticalForOneSeed()
    {
        string Once()
        {
            var bench = new PingBench(seed: 7);
            bench.Routed();
            return bench.Ping("ns0", "-c 3 10.0.1.2").Both + bench.Ping("ns0", "-c 2 10.0.1.99").Both;
        }
        Assert.That(Once(), Is.EqualTo(Once()));
    }
}
