using static Simulator.Cli.Tests.Iptables.Text;

namespace Simulator.Cli.Tests.Iptables;

/// <summary>
/// Error messages and exit statuses, each taken from iptables v1.8.9 (nf_tables) given the
/// same command in a fresh network namespace (with chain X created and jumped to from INPUT).
/// </summary>
public class ErrorTests
{
    private const string TryHelp = "Try `iptables -h' or 'iptables --help' for more information.";

    private static Simulated Prepared()
    {
        var sim = new Simulated();
        sim.Do("iptables -N X");
        sim.Do("iptables -A INPUT -j X");
        return sim;
    }

    private static IEnumerable<TestCaseData> Cases()
    {
        static TestCaseData Case(string line, int status, params string[] stderr) =>
            new TestCaseData(line, status, Lines(stderr)).SetArgDisplayNames(line);

        yield return Case("iptables --foo", 2, "iptables v1.8.9 (nf_tables): unknown option \"--foo\"", TryHelp);
        yield return Case("iptables -A INPUT -j FOO", 2, "iptables v1.8.9 (nf_tables): Chain 'FOO' does not exist", TryHelp);
        yield return Case("iptables -A INPUT -j ACCEPT extra", 2, "Bad argument `extra'", TryHelp);
        yield return Case("iptables -A INPUT -s 300.1.1.1 -j ACCEPT", 2,
            "iptables v1.8.9 (nf_tables): host/network `300.1.1.1' not found", TryHelp);
        yield return Case("iptables -A INPUT -s 1.1.1.1/33 -j ACCEPT", 2,
            "iptables v1.8.9 (nf_tables): invalid mask `33' specified", TryHelp);
        yield return Case("iptables -A NOPE -j ACCEPT", 1, "iptables: No chain/target/match by that name.");
        yield return Case("iptables -N X", 1, "iptables: Chain already exists.");
        yield return Case("iptables -X X", 4,
            "iptables v1.8.9 (nf_tables):  CHAIN_DEL failed (Device or resource busy): chain X");
        yield return Case("iptables -D INPUT -j DROP", 1, "iptables: Bad rule (does a matching rule exist in that chain?).");
        yield return Case("iptables -D INPUT 5", 1, "iptables: Index of deletion too big.");
        yield return Case("iptables -P INPUT FOO", 1, "iptables: Bad policy name. Run `dmesg' for more information.");
        yield return Case("iptables -P X DROP", 1, "iptables: Bad built-in chain name.");
        yield return Case("iptables -A INPUT --sport 22 -j ACCEPT", 2,
            "iptables v1.8.9 (nf_tables): unknown option \"--sport\"", TryHelp);
        yield return Case("iptables -A INPUT -o eth0 -j ACCEPT", 2,
            "iptables v1.8.9 (nf_tables): Can't use -o with INPUT", "", TryHelp);
        yield return Case("iptables -A INPUT -j SNAT --to-source 1.1.1.1", 4,
            "iptables v1.8.9 (nf_tables):  RULE_APPEND failed (Invalid argument): rule in chain INPUT");
        yield return Case("iptables -t nat -A POSTROUTING -j DROP", 2,
            "iptables v1.8.9 (nf_tables): ",
            "The \"nat\" table is not intended for filtering, the use of DROP is therefore inhibited.", "", "", TryHelp);
        yield return Case("iptables -t foo -L", 3,
            "iptables v1.8.9 (nf_tables): table 'foo' does not exist", "Perhaps iptables or your kernel needs to be upgraded.");
        yield return Case("iptables -L NOPE", 1,
            "iptables v1.8.9 (nf_tables): chain `NOPE' in table `filter' is incompatible, use 'nft' tool.");
        yield return Case("iptables -L -A INPUT", 2, "iptables v1.8.9 (nf_tables): Cannot use -A with -L", TryHelp);
        yield return Case("iptables", 2, "iptables v1.8.9 (nf_tables): no command specified", TryHelp);
        yield return Case("iptables -A", 2, "iptables v1.8.9 (nf_tables): option \"-A\" requires an argument", TryHelp);
        yield return Case("iptables -A INPUT ! -j ACCEPT", 2, "iptables v1.8.9 (nf_tables): cannot have ! before -j", TryHelp);
        yield return Case("iptables -A INPUT ! ! -s 1.1.1.1 -j ACCEPT", 2,
            "iptables v1.8.9 (nf_tables): multiple consecutive ! not allowed", TryHelp);
        yield return Case("iptables -A INPUT -j ACCEPT !", 2, "iptables v1.8.9 (nf_tables): nothing appropriate following !", TryHelp);
        yield return Case("iptables -E X INPUT", 1, "iptables: File exists.");
        yield return Case("iptables -N ACCEPT", 2, "iptables v1.8.9 (nf_tables): chain name may not clash with target name", "", TryHelp);
        yield return Case("iptables -A INPUT -s 1.1.1.1 -s 2.2.2.2 -j ACCEPT", 2,
            "iptables v1.8.9 (nf_tables): multiple -s flags not allowed", TryHelp);
        yield return Case("iptables -I INPUT 0 -j ACCEPT", 2, "iptables v1.8.9 (nf_tables): Invalid rule number `0'", TryHelp);
        yield return Case("iptables -t nat -A POSTROUTING -j MASQUERADE --to-ports 1000", 2,
            "iptables v1.8.9 (nf_tables): Need TCP, UDP, SCTP or DCCP with port specification", TryHelp);
        yield return Case("iptables -A INPUT -p icmp --icmp-type echo", 2,
            "iptables v1.8.9 (nf_tables): Ambiguous ICMP type `echo': `echo-reply' or `echo-request'?", TryHelp);
        yield return Case("iptables -A INPUT -p tcp -m multiport --sports 1 --dports 2", 2,
            "iptables v1.8.9 (nf_tables): multiport: option \"--source-ports\" cannot be used together with \"--destination-ports\".",
            "", TryHelp);
        yield return Case("iptables -L -v INPUT", 2, "Bad argument `INPUT'", TryHelp);
        yield return Case("iptables -nyL", 2, "iptables v1.8.9 (nf_tables): unknown option \"iptables\"", TryHelp);
        yield return Case("iptables --lis", 2, "iptables v1.8.9 (nf_tables): unknown option \"--lis\"", TryHelp);
        yield return Case("iptables -A INPUT -j INPUT", 4,
            "iptables v1.8.9 (nf_tables):  RULE_APPEND failed (Operation not supported): rule in chain INPUT");
        yield return Case("iptables -A INPUT -j OUTPUT", 4,
            "iptables v1.8.9 (nf_tables):  RULE_APPEND failed (No such file or directory): rule in chain INPUT");
        yield return Case("iptables -A X -j X", 4,
            "iptables v1.8.9 (nf_tables):  RULE_APPEND failed (Too many links): rule in chain X");
        yield return Case("iptables -D INPUT 1 -j ACCEPT", 2, "iptables v1.8.9 (nf_tables): Illegal option `-j' with this command", TryHelp);
        yield return Case("iptables -Z FORWARD", 1, "iptables: No chain/target/match by that name.");
    }

    [TestCaseSource(nameof(Cases))]
    public void MessageAndStatus(string line, int status, string stderr)
    {
        var sim = Prepared();
        Assert.That(sim.Run(line), Is.EqualTo(new Outcome("", stderr, status)));
    }

    [Test]
    public void FailedCommandChangesNothing()
    {
        var sim = Prepared();
        string before = sim.Run("iptables -S").Stdout;
        // Two rules from one command line: the second is refused, so neither is added.
        sim.Run("iptables -A X -s 1.1.1.1,2.2.2.2 -j X");
        Assert.That(sim.Run("iptables -S").Stdout, Is.EqualTo(before));
    }

    [Test]
    public void KernelRefusalIsLoggedForDmesg()
    {
        // The line dmesg showed after the same command on the real kernel.
        var log = new List<string>();
        var command = new Simulator.Cli.Commands.Iptables.IptablesCommand(new Simulator.Netfilter.Tables.NetfilterTables(), kernelLog: log.Add);
        int status = command.Run(["-A", "INPUT", "-j", "SNAT", "--to-source", "1.1.1.1"], TextWriter.Null, TextWriter.Null);
        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(4));
            Assert.That(log, Is.EqualTo(new[] { "x_tables: ip_tables: SNAT target: only valid in nat table, not filter" }));
        });
    }
}
