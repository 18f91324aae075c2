using Simulator.Cli.Shell;

namespace Simulator.Cli.Tests.Shell;

/// <summary>The seed's own sessions run through the interpreter: same commands to the host, same traces.</summary>
public class SeedScenarioTests
{
    [Test]
    public void BridgeSessionTracesSetupAsTheSeedShows()
    {
        var h = new ShellHarness();
        int status = h.Run(Seed004.BridgeSession, "session.sh");

        Assert.That(status, Is.Zero, h.Text);
        StatementResult setup = h.Statements.Single(s => s.File == "session.sh" && s.StartLine == s.EndLine && IsLine(h, s, "setup"));
        Assert.That(setup.Stderr, Is.EqualTo(Seed004.BridgeSetupTrace + "\n"));
        Assert.That(setup.Stdout, Is.Empty);
        Assert.That(setup.ExitStatus, Is.Zero);
    }

    [Test]
    public void BridgeSessionTracesCleanupAsTheSeedShowsExceptTheAuthorsRmAlias()
    {
        var h = new ShellHarness();
        h.Run(Seed004.BridgeSession, "session.sh");

        StatementResult cleanup = h.Statements.Single(s => IsLine(h, s, "cleanup"));
        // The author's interactive shell had "alias rm='rm -i'"; a script sees no aliases.
        string expected = Seed004.BridgeCleanupTrace.Replace("rm -i -rf", "rm -rf", StringComparison.Ordinal) + "\n";
        Assert.That(cleanup.Stderr, Is.EqualTo(expected));
    }

    [Test]
    public void BridgeSessionSendsNetworkCommandsToTheHostInOrder()
    {
        var h = new ShellHarness();
        h.Run(Seed004.BridgeSession, "session.sh");

        Assert.That(h.Host.Lines.Take(16), Is.EqualTo(new[]
        {
            "ip link add demobridge type bridge",
            "ip link set demobridge up",
            "ip addr add 192.168.45.2/255.255.255.0 broadcast 192.168.45.255 dev demobridge",
            "ip netns add liuye",
            "ip link add veth1 type veth peer name veth2",
            "ip link set veth1 up",
            "ip link set veth1 master demobridge",
            "ip link set veth2 netns liuye",
            "ip netns exec liuye ip link set veth2 up",
            "ip link set veth2 up",
            "ip netns exec liuye ip addr add 192.168.45.3/255.255.255.0 broadcast 192.168.45.255 dev veth2",
            "ip addr add 192.168.45.3/255.255.255.0 broadcast 192.168.45.255 dev veth2",
            "ip netns exec liuye ip link set lo up",
            "ip link set lo up",
            "ip netns exec liuye ip route add default via 192.168.45.2 dev veth2",
            "ip route add default via 192.168.45.2 dev veth2",
        }));
        Invocation inner = h.Host.Invocations[9];
        Assert.That(inner.Namespace, Is.EqualTo("liuye"));
        Assert.That(h.Host.Invocations[8].Namespace, Is.Null);
        Assert.That(inner.Location, Is.EqualTo(new SourceLocation("bridge.sh", 36)));
    }

    [Test]
    public void BridgeSessionWritesTheSysctlAndTheNamespaceResolvConf()
    {
        var h = new ShellHarness();
        string? resolvSeenByPing = null;
        string? nsSeenByPing = null;
        h.Host.Handle("ping", ctx =>
        {
            nsSeenByPing = ctx.Namespace;
            resolvSeenByPing = h.Shell.FileSystem.ReadFile("/etc/netns/liuye/resolv.conf", out _);
            ctx.Stdout.Write("PING xjp-adns.aliyun.com.gds.alibabadns.com (47.88.251.173) 56(84) bytes of data.\n");
            return 0;
        });
        h.Run(Seed004.BridgeSession, "session.sh");

        Assert.That(h.Host.Writes, Is.EqualTo(new[] { ((string?)null, "/proc/sys/net/ipv4/ip_forward", "1\n", false) }));
        Assert.That(resolvSeenByPing, Is.EqualTo("nameserver 8.8.8.8\n"));
        Assert.That(nsSeenByPing, Is.EqualTo("liuye"));
        Assert.That(h.Shell.FileSystem.Exists("/etc/netns/liuye"), Is.False, "cleanup removed it");
        Assert.That(h.Shell.FileSystem.ReadFile("/root/bridge.sh", out _), Does.StartWith("#!/bin/bash\n\nexport namespace=liuye\n"));
        StatementResult ping = h.Statements.Single(s => IsLine(h, s, "ip netns exec ${namespace} ping -c 3 www.aliyun.com"));
        Assert.That(ping.Stdout, Does.StartWith("PING xjp-adns"));
        Assert.That(ping.Stderr, Is.Empty, "set +x ended the trace");
    }

    [Test]
    public void SourcedStatementsAreReportedWithTheirOwnFileAndLines()
    {
        var h = new ShellHarness();
        h.Run(Seed004.BridgeSession, "session.sh");

        List<StatementResult> sourced = h.Statements.Where(s => s.File == "bridge.sh").ToList();
        Assert.That(sourced.Select(s => s.StartLine).Take(3), Is.EqualTo(new[] { 3, 5, 6 }));
        Assert.That(sourced.All(s => s.SourceDepth == 1), Is.True);
        StatementResult setupDefinition = sourced.Single(s => s.StartLine == 18);
        Assert.That(setupDefinition.EndLine, Is.EqualTo(54));
        StatementResult source = h.Statements.Single(s => s.File == "session.sh" && IsLine(h, s, "source bridge.sh"));
        Assert.That(h.Statements.IndexOf(source), Is.GreaterThan(h.Statements.IndexOf(sourced[^1])));
        StatementResult heredoc = h.Statements[0];
        Assert.That((heredoc.StartLine, heredoc.EndLine), Is.EqualTo((1, 79)));
    }

    [Test]
    public void MacvlanSetupWithGatewayTracesTheTestAsTheSeedShows()
    {
        var h = new ShellHarness();
        h.Run(Seed004.MacvlanScript + "\n" + Seed004.MacvlanBridgeWithGateway + "\n");

        Assert.That(h.Statements[^1].Stderr, Is.EqualTo(Seed004.MacvlanBridgeWithGatewayTrace + "\n"));
        Assert.That(h.Host.Lines, Does.Contain("ip route add default via 10.0.2.2 dev macvlan1"));
    }

    [Test]
    public void MacvlanSetupWithoutGatewayTracesAnEmptyQuotedWord()
    {
        var h = new ShellHarness();
        h.Run(Seed004.MacvlanScript + "\n" + Seed004.MacvlanBridgeWithoutGateway + "\n");

        Assert.That(h.Statements[^1].Stderr, Is.EqualTo(Seed004.MacvlanBridgeWithoutGatewayTrace + "\n"));
        Assert.That(h.Host.Lines, Does.Contain("ip route add default dev macvlan2"));
    }

    private static bool IsLine(ShellHarness h, StatementResult s, string text) =>
        s.File == "session.sh" && s.StartLine == s.EndLine &&
        Seed004.BridgeSession.Split('\n')[s.StartLine - 1].StartsWith(text, StringComparison.Ordinal);
}
