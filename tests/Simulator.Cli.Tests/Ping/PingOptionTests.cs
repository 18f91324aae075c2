using Simulator.Cli.Commands.Ping;
using Simulator.Cli.Tests.Ping.Support;

namespace Simulator.Cli.Tests.Ping;

/// <summary>The command line as iputils 20221126 reads it; messages and statuses from real runs.</summary>
public class PingOptionTests
{
    private static CommandRun Run(params string[] args)
    {
        var bench = new PingBench();
        bench.Pair();
        return bench.Run("ns0", ["ping", .. args]);
    }

    [Test]
    public void UnknownOptionPrintsUsageAndExitsTwo()
    {
        var run = Run("-c", "1", "-x", "10.0.0.2");
        Assert.That(run.Status, Is.EqualTo(2));
        Assert.That(run.Stdout, Is.Empty);
        Assert.That(run.Stderr, Is.EqualTo("ping: invalid option -- 'x'\n" + PingUsage.Text));
        Assert.That(PingUsage.Text, Does.StartWith("\nUsage\n  ping [options] <destination>\n"));
        Assert.That(PingUsage.Text, Does.EndWith("\nFor more details see ping(8).\n"));
    }

    [Test]
    public void LongOptionsAreUnknownToGetopt()
    {
        Assert.That(Run("--help").Stderr, Does.StartWith("ping: invalid option -- '-'\n\nUsage\n"));
    }

    [Test]
    public void MissingArgument()
    {
        var run = Run("-c");
        Assert.That(run.Status, Is.EqualTo(2));
        Assert.That(run.Stderr, Does.StartWith("ping: option requires an argument -- 'c'\n\nUsage\n"));
    }

    [Test]
    public void HelpIsUsageWithStatusTwo()
    {
        var run = Run("-h");
        Assert.That(run.Status, Is.EqualTo(2));
        Assert.That(run.Stderr, Is.EqualTo(PingUsage.Text));
    }

    [Test]
    public void NoDestination()
    {
        var run = Run();
        Assert.That(run.Status, Is.EqualTo(1));
        Assert.That(run.Stderr, Is.EqualTo("ping: usage error: Destination address required\n"));
    }

    [TestCase("-c 0", "ping: invalid argument: '0': out of range: 1 <= value <= 9223372036854775807", 1)]
    [TestCase("-c abc", "ping: invalid argument: 'abc'", 1)]
    [TestCase("-c -1", "ping: invalid argument: '-1': out of range: 1 <= value <= 9223372036854775807", 1)]
    [TestCase("-t 256", "ping: invalid argument: '256': out of range: 0 <= value <= 255", 1)]
    [TestCase("-w abc", "ping: invalid argument: 'abc'", 1)]
    [TestCase("-s -1", "ping: invalid argument: '-1': out of range: 0 <= value <= 2147483647", 1)]
    [TestCase("-W -1", "ping: bad linger time: -1", 2)]
    [TestCase("-Q 300", "ping: the decimal value of TOS bits must be in range 0-255: 300", 2)]
    public void BadArguments(string option, string message, int status)
    {
        var run = Run([.. option.Split(' '), "10.0.0.2"]);
        Assert.That(run.Status, Is.EqualTo(status));
        Assert.That(run.Both, Is.EqualTo(message + "\n"));
    }

    [Test]
    public void GarbageAfterANumberIsOnlyWarnedAbout()
    {
        // Real: "-i abc" warns twice, then pings with the number read so far (0).
        var run = Run("-i", "abc", "-c", "1", "10.0.0.2");
        Assert.That(run.Status, Is.Zero);
        Assert.That(run.Lines[0], Is.EqualTo("ping: option argument contains garbage: abc"));
        Assert.That(run.Lines[1], Is.EqualTo("ping: this will become fatal error in the future"));
        Assert.That(run.Lines[2], Is.EqualTo("PING 10.0.0.2 (10.0.0.2) 56(84) bytes of data."));
    }

    [Test]
    public void Version()
    {
        var run = Run("-V");
        Assert.That(run.Status, Is.Zero);
        Assert.That(run.Stdout, Is.EqualTo(
            "ping from iputils 20221126\nlibcap: yes, IDN: yes, NLS: no, error.h: yes, getrandom(): yes, __fpending(): yes\n"));
    }

    [Test]
    public void LastCountWins()
    {
        Assert.That(Run("-c1", "-c", "2", "10.0.0.2").Lines[^2], Does.StartWith("2 packets transmitted"));
    }

    [Test]
    public void Ipv6OfAnIpv4AddressIsAFamilyError()
    {
        var run = Run("-6", "-c", "1", "10.0.0.2");
        Assert.That(run.Status, Is.EqualTo(2));
        Assert.That(run.Both, Is.EqualTo("ping: 10.0.0.2: Address family for hostname not supported\n"));
    }

    [Test]
    public void BadPattern()
    {
        var run = Run("-p", "12xy", "10.0.0.2");
        Assert.That(run.Status, Is.EqualTo(2));
        Assert.That(run.Both, Is.EqualTo("ping: patterns must be specified as hex digits: xy\n"));
    }

    [TestCase("-f")]
    [TestCase("-R")]
    [TestCase("-v")]
    [TestCase("-M do")]
    public void OptionsNotModelledFailClearly(string option)
    {
        var run = Run([.. option.Split(' '), "-c", "1", "10.0.0.2"]);
        Assert.That(run.Status, Is.EqualTo(2));
        Assert.That(run.Stdout, Is.Empty);
        Assert.That(run.Stderr, Does.StartWith($"netsim: ping: option {option.Split(' ')[0]} ("));
        Assert.That(run.Stderr, Does.Contain("is not modelled"));
    }

    [Test]
    public void PingGroupRangeIncludingRootIsNotModelled()
    {
        var bench = new PingBench();
        var (ns0, _) = bench.Pair();
        ns0.Ipv4.Settings.PingGroupRangeLow = 0;
        ns0.Ipv4.Settings.PingGroupRangeHigh = 2147483647;
        var run = bench.Ping("ns0", "-c 1 10.0.0.2");
        Assert.That(run.Status, Is.EqualTo(2));
        Assert.That(run.Stderr, Does.Contain("ICMP datagram sockets"));
    }
}
