using Simulator.Cli.Tests.Ping.Support;
using Simulator.Core.Addressing;
using Simulator.Core.Engine;
using Simulator.Core.Wire;

namespace Simulator.Cli.Tests.Ping;

/// <summary>
/// ping NAME: the stub resolver against a DNS server living in the simulation. Expected outputs,
/// query patterns and waiting times are those of the real ping (glibc 2.36) measured against a
/// small server of the same behaviour in throwaway namespaces.
/// </summary>
public class PingNameTests
{
    private static (PingBench Bench, TinyDnsServer Dns) Setup(string resolvConf = "nameserver 10.0.0.2\n")
    {
        var bench = new PingBench();
        var (_, ns1) = bench.Pair(loopbackUp: true);
        var dns = new TinyDnsServer(ns1, Ipv4Address.Parse("10.0.0.2"));
        dns.Cname["www.baidu.com"] = "www.a.shifen.com";
        dns.A["www.a.shifen.com"] = Ipv4Address.Parse("10.0.0.2");
        dns.A["host-b.test"] = Ipv4Address.Parse("10.0.0.2");
        dns.NoDataNames.Add("nodata.test");
        bench.Shell.FileSystem.WriteFile("/etc/netns/ns0/resolv.conf", resolvConf);
        return (bench, dns);
    }

    [Test]
    public void CanonicalNameInHeaderAndStatisticsAndNumberTwiceWithoutPtr()
    {
        var (bench, dns) = Setup();
        var run = bench.Ping("ns0", "-c 2 www.baidu.com");
        Assert.That(run.Status, Is.Zero);
        Transcript.Expect(run,
            "PING www.a.shifen.com (10.0.0.2) 56(84) bytes of data.",
            "64 bytes from 10.0.0.2 (10.0.0.2): icmp_seq=1 ttl=64 time={time} ms",
            "64 bytes from 10.0.0.2 (10.0.0.2): icmp_seq=2 ttl=64 time={time} ms",
            "",
            "--- www.a.shifen.com ping statistics ---",
            "2 packets transmitted, 2 received, 0% packet loss, time 1000ms",
            "rtt min/avg/max/mdev = {time}/{time}/{time}/{time} ms");
        // A and AAAA from one port, then a PTR query from a new port for each reply line.
        Assert.That(dns.Questions.Select(q => (q.Name, q.Type)), Is.EqualTo(new[]
        {
            ("www.baidu.com", DnsRecordType.A), ("www.baidu.com", DnsRecordType.AAAA),
            ("2.0.0.10.in-addr.arpa", DnsRecordType.PTR), ("2.0.0.10.in-addr.arpa", DnsRecordType.PTR),
        }));
        Assert.That(dns.Questions[0].Port, Is.EqualTo(dns.Questions[1].Port));
        Assert.That(dns.Questions[2].Port, Is.Not.EqualTo(dns.Questions[3].Port));
    }

    [Test]
    public void PtrNameShowsInReplyLines()
    {
        var (bench, dns) = Setup();
        dns.Ptr[Ipv4Address.Parse("10.0.0.2")] = "host-b.test";
        Assert.That(bench.Ping("ns0", "-c 1 www.baidu.com").Lines[1],
            Does.StartWith("64 bytes from host-b.test (10.0.0.2): icmp_seq=1 ttl=64 time="));
    }

    [Test]
    public void NumericOptionSkipsReverseLookups()
    {
        var (bench, dns) = Setup();
        var run = bench.Ping("ns0", "-c 1 -n www.baidu.com");
        Assert.That(run.Lines[0], Is.EqualTo("PING www.a.shifen.com (10.0.0.2) 56(84) bytes of data."));
        Assert.That(run.Lines[1], Does.StartWith("64 bytes from 10.0.0.2: icmp_seq=1"));
        Assert.That(dns.Questions.Any(q => q.Type == DnsRecordType.PTR), Is.False);
    }

    [Test]
    public void QuietStillLooksTheNameUp()
    {
        // pr_addr is an argument of gather_statistics, evaluated before it checks -q.
        var (bench, dns) = Setup();
        bench.Ping("ns0", "-c 1 -q www.baidu.com");
        Assert.That(dns.Questions.Count(q => q.Type == DnsRecordType.PTR), Is.EqualTo(1));
    }

    [TestCase("nosuch.test", "Name or service not known")]
    [TestCase("nodata.test", "No address associated with hostname")]
    [TestCase("10.0.0.300", "Name or service not known")]
    public void AnswersThatGiveNoAddress(string name, string message)
    {
        var (bench, _) = Setup();
        var run = bench.Ping("ns0", $"-c 1 {name}");
        Assert.That(run.Status, Is.EqualTo(2));
        Assert.That(run.Both, Is.EqualTo($"ping: {name}: {message}\n"));
    }

    [Test]
    public void ServerFailureIsATemporaryFailureAfterEachAttempt()
    {
        var (bench, dns) = Setup();
        dns.Mode = DnsServerMode.ServerFailure;
        var run = bench.Ping("ns0", "-c 1 www.baidu.com");
        Assert.That(run.Both, Is.EqualTo("ping: www.baidu.com: Temporary failure in name resolution\n"));
        // Real: the pair asked twice (attempts:2), at once.
        Assert.That(dns.Questions, Has.Count.EqualTo(4));
        Assert.That(bench.Now, Is.LessThan(Simulation.Millisecond));
    }

    [TestCase("nameserver 10.0.0.2\n", 10, 4)]
    [TestCase("nameserver 10.0.0.2\noptions timeout:1 attempts:3\n", 3, 6)]
    public void SilentServerTimesOut(string conf, int seconds, int questions)
    {
        var (bench, dns) = Setup(conf);
        dns.Mode = DnsServerMode.Silent;
        var run = bench.Ping("ns0", "-c 1 www.baidu.com");
        Assert.That(run.Status, Is.EqualTo(2));
        Assert.That(run.Both, Is.EqualTo("ping: www.baidu.com: Temporary failure in name resolution\n"));
        Assert.That(bench.Now, Is.EqualTo(seconds * Simulation.Second));
        Assert.That(dns.Questions, Has.Count.EqualTo(questions));
        Assert.That(dns.Questions.Select(q => q.Port).Distinct().Count(), Is.EqualTo(1), "one socket across tries");
    }

    [Test]
    public void UnreachableSecondServerEndsItsTurnWithTheQueuedError()
    {
        // Real: 6.03 s — 10.0.0.3 gets no ARP answer; the "host unreachable" of its first query
        // waits on its socket (IP_RECVERR), and the second try's send returns it at once.
        var (bench, dns) = Setup("nameserver 10.0.0.2\nnameserver 10.0.0.3\noptions timeout:2 attempts:2\n");
        dns.Mode = DnsServerMode.Silent;
        bench.Ping("ns0", "-c 1 www.baidu.com");
        Assert.That(bench.Now, Is.EqualTo(6 * Simulation.Second));
        Assert.That(dns.Questions.Select(q => q.Time / Simulation.Second), Is.EqualTo(new long[] { 0, 0, 4, 4 }));
    }

    [Test]
    public void ClosedPortFailsAtOnce()
    {
        var (bench, _) = Setup("nameserver 10.0.0.1\n");
        var run = bench.Ping("ns0", "-c 1 www.baidu.com");
        Assert.That(run.Both, Is.EqualTo("ping: www.baidu.com: Temporary failure in name resolution\n"));
        Assert.That(bench.Now, Is.LessThan(Simulation.Millisecond));
    }

    [Test]
    public void WithoutNameserversGlibcAsksTheLoopback()
    {
        // Real, fresh namespace: lo down → connect fails; lo up → port unreachable. Both at once.
        var bench = new PingBench();
        var (ns0, _) = bench.Pair();
        var run = bench.Ping("ns0", "-c 1 www.baidu.com");
        Assert.That(run.Both, Is.EqualTo("ping: www.baidu.com: Temporary failure in name resolution\n"));
        ns0.Loopback.SetUp();
        run = bench.Ping("ns0", "-c 1 www.baidu.com");
        Assert.That(run.Both, Is.EqualTo("ping: www.baidu.com: Temporary failure in name resolution\n"));
        Assert.That(bench.Now, Is.LessThan(Simulation.Millisecond));
    }

    [Test]
    public void HostsFileComesFirstAndGivesTheCanonicalName()
    {
        var (bench, dns) = Setup();
        bench.Shell.FileSystem.WriteFile("/etc/netns/ns0/hosts", "10.0.0.2 myhost myalias\n");
        Transcript.Expect(bench.Ping("ns0", "-c 1 myalias"),
            "PING myhost (10.0.0.2) 56(84) bytes of data.",
            "64 bytes from myhost (10.0.0.2): icmp_seq=1 ttl=64 time={time} ms",
            "",
            "--- myhost ping statistics ---",
            "1 packets transmitted, 1 received, 0% packet loss, time 0ms",
            "rtt min/avg/max/mdev = {time}/{time}/{time}/{time} ms");
        Assert.That(dns.Questions, Is.Empty);
    }

    [Test]
    public void LocalhostIsInTheDefaultHostsFile()
    {
        var bench = new PingBench();
        var (ns0, _) = bench.Pair(loopbackUp: true);
        var run = bench.Ping("ns0", "-c 1 localhost");
        Assert.That(run.Lines[0], Is.EqualTo("PING localhost (127.0.0.1) 56(84) bytes of data."));
        Assert.That(run.Lines[1], Does.StartWith("64 bytes from localhost (127.0.0.1): icmp_seq=1 ttl=64 time="));
    }

    [Test]
    public void SearchDomainIsTriedForAShortName()
    {
        var (bench, dns) = Setup("nameserver 10.0.0.2\nsearch test\n");
        var run = bench.Ping("ns0", "-c 1 host-b");
        Assert.That(run.Lines[0], Is.EqualTo("PING host-b.test (10.0.0.2) 56(84) bytes of data."));
        Assert.That(dns.Questions[0].Name, Is.EqualTo("host-b.test"));
    }

    [Test]
    public void NamespaceWithoutItsOwnResolvConfReadsTheHosts()
    {
        var bench = new PingBench();
        var (_, ns1) = bench.Pair(loopbackUp: true);
        var dns = new TinyDnsServer(ns1, Ipv4Address.Parse("10.0.0.2"));
        dns.A["host-b.test"] = Ipv4Address.Parse("10.0.0.2");
        bench.Shell.FileSystem.WriteFile("/etc/resolv.conf", "nameserver 10.0.0.2\n");
        Assert.That(bench.Ping("ns0", "-c 1 host-b.test").Status, Is.Zero);
    }

    [Test]
    public void DnsOverTcpIsNotModelled()
    {
        var (bench, _) = Setup("nameserver 10.0.0.2\noptions use-vc\n");
        var run = bench.Ping("ns0", "-c 1 www.baidu.com");
        Assert.That(run.Status, Is.EqualTo(2));
        Assert.That(run.Stderr, Does.StartWith("netsim: ping: /etc/resolv.conf asks for options use-vc"));
    }
}
