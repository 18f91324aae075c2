using Simulator.Cli.Commands.Tcpdump;
using Simulator.Cli.Commands.Tcpdump.Printing;

namespace Simulator.Cli.Tests.Tcpdump;

/// <summary>tcpdump's command line: getopt's reading of it and tcpdump's complaints (measured on 4.99.3).</summary>
public class ArgumentsTests
{
    private static TcpdumpArguments.Result Parse(string line) => TcpdumpArguments.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries));

    [Test]
    public void Options_may_follow_the_expression_as_in_seed_003()
    {
        var options = Parse("-i veth3 icmp -en").Options!;
        Assert.That(options.Interface, Is.EqualTo("veth3"));
        Assert.That(options.Expression, Is.EqualTo("icmp"));
        Assert.That(options.Print.LinkHeader && options.Print.Numeric, Is.True);
    }

    [Test]
    public void Clustered_options_and_attached_arguments()
    {
        var options = Parse("-envc5 -iveth0 src host 10.0.0.1 -- -x").Options!;
        Assert.That((options.Count, options.Interface, options.Print.Verbosity), Is.EqualTo(((long?)5, "veth0", 1)));
        Assert.That(options.Expression, Is.EqualTo("src host 10.0.0.1 -x"), "after -- everything is expression");
    }

    [TestCase("-t", TimestampStyle.None)]
    [TestCase("-tt", TimestampStyle.Unix)]
    [TestCase("-ttt", TimestampStyle.SincePrevious)]
    [TestCase("-tttt", TimestampStyle.DateAndTime)]
    [TestCase("-t -tttt", TimestampStyle.SinceFirst)]
    public void Timestamp_styles_count_the_t(string flags, TimestampStyle style) =>
        Assert.That(Parse(flags).Options!.Print.Timestamps, Is.EqualTo(style));

    [TestCase("-XX -x", RawDump.HexAndAsciiWithLinkHeader)]
    [TestCase("-x -A", RawDump.Hex)]
    [TestCase("-xx", RawDump.HexWithLinkHeader)]
    [TestCase("-AA", RawDump.AsciiWithLinkHeader)]
    public void The_raw_dump_is_chosen_as_tcpdump_chooses(string flags, RawDump dump) =>
        Assert.That(Parse(flags).Options!.Print.Dump, Is.EqualTo(dump));

    // Measured: tcpdump 4.99.3 on Debian bookworm.
    [TestCase("-c", "tcpdump: option requires an argument -- 'c'\n")]
    [TestCase("-i", "tcpdump: option requires an argument -- 'i'\n")]
    [TestCase("-k", "tcpdump: invalid option -- 'k'\n")]
    [TestCase("-ek", "tcpdump: invalid option -- 'k'\n")]
    [TestCase("--foo", "tcpdump: unrecognized option '--foo'\n")]
    public void Getopt_errors_come_with_the_version_and_usage(string line, string message)
    {
        var result = Parse(line);
        Assert.That((result.Options, result.Status), Is.EqualTo(((TcpdumpOptions?)null, 1)));
        Assert.That(result.Stderr, Is.EqualTo(message + TcpdumpArguments.Version + TcpdumpArguments.Usage));
        Assert.That(result.Stderr, Does.Contain("Usage: tcpdump [-AbdDefhHIJKlLnNOpqStuUvxX#] [ -B size ] [ -c count ] [--count]\n\t\t[ -C file_size ]"));
    }

    [TestCase("-c 0", "tcpdump: invalid packet count 0\n")]
    [TestCase("-c abc", "tcpdump: invalid packet count abc\n")]
    [TestCase("-c -1", "tcpdump: invalid packet count -1\n")]
    [TestCase("-s abc", "tcpdump: invalid snaplen abc (must be >= 0 and <= 262144)\n")]
    [TestCase("-s 65536000", "tcpdump: invalid snaplen 65536000 (must be >= 0 and <= 262144)\n")]
    [TestCase("-B 0", "tcpdump: invalid packet buffer size 0\n")]
    [TestCase("-Q bogus", "tcpdump: unknown capture direction `bogus'\n")]
    [TestCase("-tttttt", "tcpdump: only -t, -tt, -ttt, -tttt and -ttttt are supported\n")]
    public void Bad_values_are_refused_in_tcpdumps_words(string line, string message)
    {
        var result = Parse(line);
        Assert.That((result.Stderr, result.Status), Is.EqualTo((message, 1)));
    }

    [Test]
    public void Help_and_version_go_to_stdout_with_status_0()
    {
        Assert.That(Parse("-h").Stdout, Is.EqualTo(TcpdumpArguments.Version + TcpdumpArguments.Usage));
        Assert.That(Parse("--version"), Is.EqualTo(new TcpdumpArguments.Result(null, Stdout: TcpdumpArguments.Version)));
        Assert.That(TcpdumpArguments.Version, Does.StartWith("tcpdump version 4.99.3\nlibpcap version 1.10.3 (with TPACKET_V3)\n"));
    }

    [Test]
    public void Snapshot_length_0_means_the_default()
    {
        Assert.That(Parse("-s 0").Options!.SnapshotLength, Is.EqualTo(262144));
        Assert.That(Parse("-s 96").Options!.SnapshotLength, Is.EqualTo(96));
    }

    [TestCase("-D")]
    [TestCase("-G 5")]
    [TestCase("-vvv")]
    public void Options_the_model_does_not_have_say_so(string line)
    {
        var result = Parse(line);
        Assert.That(result.Status, Is.EqualTo(1));
        Assert.That(result.Stderr, Does.StartWith("tcpdump: netsim: ").And.Contain("not modelled"));
    }
}
