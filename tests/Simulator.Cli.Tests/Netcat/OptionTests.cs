using Simulator.Cli.Commands.Netcat;

namespace Simulator.Cli.Tests.Netcat;

/// <summary>
/// netcat's command line: usage, help and the checks of options and operands. Every expected
/// text is what netcat-openbsd 1.219-1 printed on Debian bookworm for the same command line.
/// </summary>
public class OptionTests
{
    private static readonly string[] Usage =
    [
        "usage: nc [-46CDdFhklNnrStUuvZz] [-I length] [-i interval] [-M ttl]",
        "\t  [-m minttl] [-O length] [-P proxy_username] [-p source_port]",
        "\t  [-q seconds] [-s sourceaddr] [-T keyword] [-V rtable] [-W recvlimit]",
        "\t  [-w timeout] [-X proxy_protocol] [-x proxy_address[:port]]",
        "\t  [destination] [port]",
    ];

    private static (int Status, string[] Lines) Nc(string arguments)
    {
        var result = new NetcatBench().One($"ip netns exec a nc {arguments} < /dev/null");
        return (result.ExitStatus, result.Lines());
    }

    [Test]
    public void No_operands_print_the_usage()
    {
        var (status, lines) = Nc("");
        Assert.That(status, Is.EqualTo(1));
        Assert.That(lines, Is.EqualTo(Usage));
    }

    [Test]
    public void Help_prints_the_banner_usage_and_summary_and_succeeds()
    {
        var (status, lines) = Nc("-h");
        Assert.That(status, Is.Zero);
        Assert.That(lines[0], Is.EqualTo("OpenBSD netcat (Debian patchlevel 1.219-1)"));
        Assert.That(lines[1..6], Is.EqualTo(Usage));
        Assert.That(lines[6], Is.EqualTo("\tCommand Summary:"));
        Assert.That(lines, Does.Contain("\t\t-N\t\tShutdown the network socket after EOF on stdin"));
        Assert.That(lines[^1], Is.EqualTo("\tPort numbers can be individual or ranges: lo-hi [inclusive]"));
    }

    [TestCase("-Y 10.0.0.2 1", "nc: invalid option -- 'Y'")]
    [TestCase("10.0.0.2 -w", "nc: option requires an argument -- 'w'")]
    public void Getopt_errors_come_with_the_usage(string arguments, string message)
    {
        var (status, lines) = Nc(arguments);
        Assert.That(status, Is.EqualTo(1));
        Assert.That(lines, Is.EqualTo(new[] { message }.Concat(Usage)));
    }

    [TestCase("10.0.0.2", "nc: missing port number")]
    [TestCase("-l", "nc: missing port number")]
    [TestCase("-w abc 10.0.0.2 1", "nc: timeout invalid: abc")]
    [TestCase("-q abc 10.0.0.2 1", "nc: quit timer invalid: abc")]
    [TestCase("10.0.0.2 0", "nc: port number too small: 0")]
    [TestCase("10.0.0.2 99999", "nc: port number too large: 99999")]
    [TestCase("10.0.0.2 abc", "nc: port number invalid: abc")]
    [TestCase("-vn 10.0.0.2 80x", "nc: port number invalid: 80x")]
    [TestCase("-z -l 9000", "nc: cannot use -z and -l")]
    [TestCase("-k 10.0.0.2 1", "nc: must use -l with -k")]
    [TestCase("-l 10.0.0.1", "nc: getaddrinfo: Servname not supported for ai_socktype")]
    [TestCase("-6 10.0.0.2 1", "nc: getaddrinfo for host \"10.0.0.2\" port 1: Address family for hostname not supported")]
    [TestCase("-n server.example 9000", "nc: getaddrinfo for host \"server.example\" port 9000: Name or service not known")]
    [TestCase("-l 10.9.9.9 9000", "nc: Cannot assign requested address")]
    [TestCase("-s 10.9.9.9 10.0.0.2 9106", "nc: bind failed: Cannot assign requested address")]
    public void Mistakes_end_netcat_with_its_message(string arguments, string message)
    {
        var (status, lines) = Nc(arguments);
        Assert.That(status, Is.EqualTo(1));
        Assert.That(lines, Is.EqualTo(new[] { message }));
    }

    [TestCase("-l -s 10.0.0.1 9000")]
    [TestCase("-l -p 9000 10.0.0.1")]
    [TestCase("-l -p 9300 10.0.0.1 9300")]
    public void Listening_with_a_source_or_two_ports_is_a_usage_error(string arguments)
    {
        var (status, lines) = Nc(arguments);
        Assert.That(status, Is.EqualTo(1));
        Assert.That(lines, Is.EqualTo(Usage));
    }

    [Test]
    public void Options_netsim_does_not_carry_out_are_refused_by_name()
    {
        var (status, lines) = Nc("-x proxy:1080 -T lowdelay 10.0.0.2 1");
        Assert.That(status, Is.EqualTo(1));
        Assert.That(lines, Is.EqualTo(new[] { "netsim: nc: -x (proxy), -T (TOS) are not modelled" }));
    }

    [TestCase("1", 1, 1, null)]
    [TestCase("abc", 0, 0, "invalid")]
    [TestCase("-5", -10, 10, null)]
    [TestCase("11", -10, 10, "too large")]
    [TestCase("-11", -10, 10, "too small")]
    [TestCase("99999999999999999999", 0, 10, "too large")]
    public void Strtonum_words_its_errors_as_openbsd(string text, long min, long max, string? error)
    {
        bool ok = NetcatOptionParser.StrToNum(text, min, max, out _, out var problem);
        Assert.That(ok, Is.EqualTo(error is null));
        if (error != null) Assert.That(problem, Is.EqualTo(error));
    }
}
