using Simulator.Cli.Shell;

namespace Simulator.Cli.Tests.Shell;

/// <summary>What the host sees of the script: argv, environment, streams, namespace, kernel files.</summary>
public class HostInterfaceTests
{
    [Test]
    public void UnknownCommandIsNotFoundWithStatus127AndTheScriptGoesOn()
    {
        ShellHarness h = ShellHarness.Running("nosuch arg\necho $?\n", out int status);
        Assert.That(h.Text, Is.EqualTo("t.sh: line 1: nosuch: command not found\n127\n"));
        Assert.That(h.Host.Lines, Is.EqualTo(new[] { "nosuch arg" }));
        Assert.That(status, Is.Zero);
    }

    [Test]
    public void HostGetsExportedVariablesAndPrefixAssignmentsButNotPlainOnes()
    {
        ShellHarness h = ShellHarness.Running("export A=1\nB=2\nC=3 ip link\nip addr\n", out _);
        IReadOnlyDictionary<string, string> first = h.Host.Invocations[0].Environment;
        Assert.That(first["A"], Is.EqualTo("1"));
        Assert.That(first["C"], Is.EqualTo("3"));
        Assert.That(first.ContainsKey("B"), Is.False);
        Assert.That(first["HOME"], Is.EqualTo("/root"));
        Assert.That(h.Host.Invocations[1].Environment.ContainsKey("C"), Is.False, "prefix assignment lasts one command");
        Assert.That(h.Shell.GetVariable("C"), Is.Null);
    }

    [Test]
    public void ExitStatusOfTheHostCommandIsDollarQuestion()
    {
        var h = new ShellHarness();
        h.Host.Handle("ping", _ => 1);
        h.Run("ping -c 1 10.0.0.9 || echo unreachable $?\nping -c 1 10.0.0.9\n");
        Assert.That(h.Stdout, Is.EqualTo("unreachable 1\n"));
        Assert.That(h.Shell.ExitStatus, Is.EqualTo(1));
    }

    [Test]
    public void BackgroundCommandsAreMarkedAndDollarBangIsSet()
    {
        ShellHarness h = ShellHarness.Running("ping -c 100 10.0.0.2 &\necho \"pid=$!\"\nip link\n", out _);
        Assert.That(h.Host.Invocations[0].Background, Is.True);
        Assert.That(h.Host.Invocations[1].Background, Is.False);
        Assert.That(h.Stdout, Does.Match("^pid=[0-9]+\n$"));
    }

    [Test]
    public void PipelinesFeedHostOutputToBuiltinsAndBuiltinOutputToTheHost()
    {
        var h = new ShellHarness();
        string? stdinSeen = null;
        h.Host.Handle("ip", ctx =>
        {
            ctx.Stdout.Write("1: lo: <LOOPBACK,UP>\n2: veth0: <BROADCAST>\n3: veth1: <BROADCAST>\n");
            return 0;
        });
        h.Host.Handle("iptables-restore", ctx =>
        {
            stdinSeen = ctx.Stdin.ReadToEnd();
            return 0;
        });
        h.Run("ip link | grep veth | wc -l\nprintf '*filter\\nCOMMIT\\n' | iptables-restore\n");
        Assert.That(h.Stdout, Is.EqualTo("2\n"));
        Assert.That(stdinSeen, Is.EqualTo("*filter\nCOMMIT\n"));
    }

    [Test]
    public void CommandsThatDoNotReadStdinLeaveItForTheLoop()
    {
        ShellHarness h = ShellHarness.Running(
            "printf 'ns1\\nns2\\n' > /tmp/list\nwhile read ns; do ip netns add $ns; done < /tmp/list\n", out _);
        Assert.That(h.Host.Lines, Is.EqualTo(new[] { "ip netns add ns1", "ip netns add ns2" }));
    }

    [Test]
    public void SudoIsStrippedAndRunsAProgram()
    {
        ShellHarness h = ShellHarness.Running("sudo ip netns add server\nsudo -E echo hi\nf() { :; }\nsudo f\necho $?\n", out _);
        Assert.That(h.Host.Lines, Is.EqualTo(new[] { "ip netns add server", "f" }));
        Assert.That(h.Text, Is.EqualTo("hi\nsudo: f: command not found\n1\n"));
    }

    [Test]
    public void SudoStaysInTheTraceAsBashShowsIt()
    {
        ShellHarness h = ShellHarness.Running("set -x\nsudo ip netns add server\n", out _);
        Assert.That(h.Stderr, Is.EqualTo("+ sudo ip netns add server\n"));
    }

    [Test]
    public void EchoIntoProcSysIsOneWriteToTheHost()
    {
        ShellHarness h = ShellHarness.Running("echo 1 > /proc/sys/net/ipv4/ip_forward\ncat /proc/sys/net/ipv4/ip_forward\n", out int status);
        Assert.That(h.Host.Writes, Is.EqualTo(new[] { ((string?)null, "/proc/sys/net/ipv4/ip_forward", "1\n", false) }));
        Assert.That(h.Stdout, Is.EqualTo("1\n"));
        Assert.That(status, Is.Zero);
    }

    [Test]
    public void AppendingToAKernelFileSaysSo()
    {
        ShellHarness h = ShellHarness.Running("echo 1 >> /proc/sys/net/ipv4/ip_forward\n", out _);
        Assert.That(h.Host.Writes.Single().Append, Is.True);
    }

    [Test]
    public void RefusedKernelWriteIsAWriteErrorOfTheCommand()
    {
        ShellHarness h = ShellHarness.Running("echo abc > /proc/sys/net/ipv4/ip_forward\necho $?\n", out _);
        Assert.That(h.Text, Is.EqualTo("t.sh: line 1: echo: write error: Invalid argument\n1\n"));
    }

    [Test]
    public void MissingKernelFileFailsTheRedirectionBeforeTheCommandRuns()
    {
        ShellHarness h = ShellHarness.Running("echo 1 > /proc/sys/net/ipv4/conf/veth9/forwarding\necho $?\n", out _);
        Assert.That(h.Text, Is.EqualTo("t.sh: line 1: /proc/sys/net/ipv4/conf/veth9/forwarding: No such file or directory\n1\n"));
        Assert.That(h.Host.Writes, Is.Empty);
    }

    [Test]
    public void CatOfAMissingKernelFileIsCatsError()
    {
        ShellHarness h = ShellHarness.Running("cat /proc/sys/net/ipv4/nope\necho $?\n", out _);
        Assert.That(h.Text, Is.EqualTo("cat: /proc/sys/net/ipv4/nope: No such file or directory\n1\n"));
    }

    [Test]
    public void TeeWritesKernelFilesAsTutorialsDoWithSudo()
    {
        ShellHarness h = ShellHarness.Running("echo 1 | sudo tee /proc/sys/net/ipv4/ip_forward\n", out _);
        Assert.That(h.Stdout, Is.EqualTo("1\n"));
        Assert.That(h.Host.SpecialFiles[(null, "/proc/sys/net/ipv4/ip_forward")], Is.EqualTo("1\n"));
    }

    [Test]
    public void TestOperatorsAskTheHostAboutItsPaths()
    {
        var h = new ShellHarness();
        h.Host.SpecialFiles[(null, "/sys/class/net/br0/bridge/stp_state")] = "0\n";
        h.Run("[ -d /sys/class/net/br0 ] && echo bridge\n[ -e /sys/class/net/br9 ] || echo nobr9\n[ -f /proc/sys/net/ipv4/ip_forward ] && echo file\n");
        Assert.That(h.Stdout, Is.EqualTo("bridge\nnobr9\nfile\n"));
    }

    [Test]
    public void IpNetnsExecReentersTheShellWithTheNamespace()
    {
        var h = new ShellHarness();
        h.Host.SpecialFiles[("ns1", "/proc/sys/net/ipv4/ip_forward")] = "1\n";
        h.Run("ip netns exec ns1 cat /proc/sys/net/ipv4/ip_forward\ncat /proc/sys/net/ipv4/ip_forward\n" +
              "ip netns exec ns1 sh -c 'echo 0 > /proc/sys/net/ipv4/ip_forward; ip route'\n");
        Assert.That(h.Stdout, Is.EqualTo("1\n0\n"));
        Assert.That(h.Host.SpecialFiles[("ns1", "/proc/sys/net/ipv4/ip_forward")], Is.EqualTo("0\n"));
        Assert.That(h.Host.Invocations.Last().Namespace, Is.EqualTo("ns1"));
        Assert.That(h.Host.Invocations.Last().Line, Is.EqualTo("ip route"));
    }

    [Test]
    public void ProgramsByFullPathAreTheSameUtilitiesOrGoToTheHost()
    {
        ShellHarness h = ShellHarness.Running("/bin/echo hi\nip netns exec ns1 /usr/bin/printf '%s\\n' there\n/sbin/ip link\n", out _);
        Assert.That(h.Stdout, Is.EqualTo("hi\nthere\n"));
        Assert.That(h.Host.Lines.Last(), Is.EqualTo("/sbin/ip link"));
    }

    [Test]
    public void RunCommandDoesNotFindFunctionsOrShellOnlyBuiltins()
    {
        ShellHarness h = ShellHarness.Running("setup() { :; }\nip netns exec ns1 setup\necho $?\nip netns exec ns1 cd /\n", out _);
        Assert.That(h.Text, Is.EqualTo(
            "exec of \"setup\" failed: No such file or directory\n255\nexec of \"cd\" failed: No such file or directory\n"));
    }

    [Test]
    public void ExportedFunctionsReachChildShellsInANamespace()
    {
        ShellHarness h = ShellHarness.Running(
            "show() { echo \"in $1\"; ip addr; }\nexport -f show\nip netns exec ns2 bash -c 'show ns2'\n", out _);
        Assert.That(h.Stdout, Is.EqualTo("in ns2\n"));
        Assert.That(h.Host.Invocations.Last().Namespace, Is.EqualTo("ns2"));
    }

    [Test]
    public void NamespaceSeesItsOwnEtcFilesLikeIpNetnsExecBindMounts()
    {
        var h = new ShellHarness();
        h.Shell.FileSystem.WriteFile("/etc/resolv.conf", "nameserver 10.0.2.3\n");
        h.Run("mkdir -p /etc/netns/ns1\necho 'nameserver 8.8.8.8' > /etc/netns/ns1/resolv.conf\n" +
              "cat /etc/resolv.conf\nip netns exec ns1 cat /etc/resolv.conf\nip netns exec ns2 cat /etc/resolv.conf\n");
        Assert.That(h.Stdout, Is.EqualTo("nameserver 10.0.2.3\nnameserver 8.8.8.8\nnameserver 10.0.2.3\n"));
    }

    [Test]
    public void HostCanReadFilesAsANamespaceSeesThem()
    {
        ShellHarness h = ShellHarness.Running(
            "echo 'nameserver 10.0.2.3' > /etc/resolv.conf\nmkdir -p /etc/netns/ns1\necho 'nameserver 8.8.8.8' > /etc/netns/ns1/resolv.conf\n", out _);
        Assert.That(h.Shell.ReadFile("/etc/resolv.conf", "ns1"), Is.EqualTo("nameserver 8.8.8.8\n"));
        Assert.That(h.Shell.ReadFile("/etc/resolv.conf", "ns2"), Is.EqualTo("nameserver 10.0.2.3\n"));
        Assert.That(h.Shell.ReadFile("/etc/resolv.conf"), Is.EqualTo("nameserver 10.0.2.3\n"));
        Assert.That(h.Shell.ReadFile("/etc/hosts"), Is.Null);
    }

    [Test]
    public void HeredocToBashInANamespaceRunsEachCommandThere()
    {
        ShellHarness h = ShellHarness.Running("ip netns exec ns1 bash <<EOF\nip link set lo up\nip addr\nEOF\n", out _);
        Assert.That(h.Host.Invocations.Skip(1).Select(i => (i.Line, i.Namespace)), Is.EqualTo(new[]
        {
            ("ip link set lo up", (string?)"ns1"),
            ("ip addr", "ns1"),
        }));
    }

    [Test]
    public void WaitGoesToTheHostAndSucceedsWhenItHasNothingToWaitFor()
    {
        ShellHarness h = ShellHarness.Running("wait\necho $?\n", out _);
        Assert.That(h.Stdout, Is.EqualTo("0\n"));
        Assert.That(h.Host.Lines, Is.EqualTo(new[] { "wait" }));
    }

    [Test]
    public void CommandLocationIsTheLineBashWouldReport()
    {
        // bash dates a command by the line of the token after its first word.
        ShellHarness h = ShellHarness.Running("\n# comment\nip link add veth0 \\\n  type veth\nip \\\n  link\n", out _);
        Assert.That(h.Host.Invocations.Select(i => i.Location), Is.EqualTo(new[]
        {
            new SourceLocation("t.sh", 3),
            new SourceLocation("t.sh", 6),
        }));
    }

    [Test]
    public void OutputOfHostAndShellIsInterleavedInOrder()
    {
        var h = new ShellHarness();
        h.Host.Handle("ping", ctx =>
        {
            ctx.Stdout.Write("PING 10.0.0.2\n");
            ctx.Stderr.Write("ping: sendmsg: Operation not permitted\n");
            ctx.Stdout.Write("--- statistics ---\n");
            return 1;
        });
        h.Run("echo before\nping 10.0.0.2\necho after >&2\n");
        Assert.That(h.Transcript.Chunks, Is.EqualTo(new[]
        {
            new OutputChunk(OutputStream.Stdout, "before\nPING 10.0.0.2\n"),
            new OutputChunk(OutputStream.Stderr, "ping: sendmsg: Operation not permitted\n"),
            new OutputChunk(OutputStream.Stdout, "--- statistics ---\n"),
            new OutputChunk(OutputStream.Stderr, "after\n"),
        }));
        StatementResult ping = h.Statements[1];
        Assert.That(ping.Output, Is.EqualTo("PING 10.0.0.2\nping: sendmsg: Operation not permitted\n--- statistics ---\n"));
        Assert.That(ping.Stderr, Is.EqualTo("ping: sendmsg: Operation not permitted\n"));
        Assert.That(ping.ExitStatus, Is.EqualTo(1));
    }
}
