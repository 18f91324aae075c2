namespace Simulator.Cli.Tests.Shell;

/// <summary>
/// Each construct of the subset, seen from the host: the argv it receives. (Output and status of
/// the same constructs are compared with real bash in <see cref="BashDifferentialTests"/>.)
/// </summary>
public class ConstructTests
{
    private static List<string> HostLines(string script) => ShellHarness.Running(script, out _).Host.Lines.ToList();

    [Test]
    public void QuotingDecidesTheArgumentBoundaries()
    {
        var h = ShellHarness.Running("desc='uplink to ISP'\nip link set eth0 alias \"$desc\"\nip link set eth0 alias $desc\nip x '' \"\" $empty\n", out _);
        Assert.That(h.Host.Invocations.Select(i => i.Argv.Count), Is.EqualTo(new[] { 6, 8, 4 }));
        Assert.That(h.Host.Invocations[0].Argv[^1], Is.EqualTo("uplink to ISP"));
        Assert.That(h.Host.Invocations[2].Argv.Skip(2), Is.EqualTo(new[] { "", "" }));
    }

    [Test]
    public void VariablesAndBracesExpandInArguments() =>
        Assert.That(HostLines("ns=liuye\nip=192.168.45.3\nmask=255.255.255.0\nip netns exec ${ns} ip addr add ${ip}/${mask} dev veth2\n"),
            Is.EqualTo(new[] { "ip netns exec liuye ip addr add 192.168.45.3/255.255.255.0 dev veth2", "ip addr add 192.168.45.3/255.255.255.0 dev veth2" }));

    [Test]
    public void OptionsInAVariableSplitIntoWords() =>
        Assert.That(HostLines("opts='-c 3 -W 1'\nping $opts 10.0.0.2\n"), Is.EqualTo(new[] { "ping -c 3 -W 1 10.0.0.2" }));

    [Test]
    public void LoopsAndConditionsDriveTheHost() =>
        Assert.That(
            HostLines("for ns in ns1 ns2; do\n  ip netns add $ns\n  if [ $ns = ns1 ]; then ip netns exec $ns ip link set lo up; fi\ndone\n" +
                      "i=0\nwhile [ $i -lt 2 ]; do ip link add veth$i type veth; i=$((i + 1)); done\n"),
            Is.EqualTo(new[]
            {
                "ip netns add ns1", "ip netns exec ns1 ip link set lo up", "ip link set lo up", "ip netns add ns2",
                "ip link add veth0 type veth", "ip link add veth1 type veth",
            }));

    [Test]
    public void AndOrFollowTheHostsStatus()
    {
        var h = new ShellHarness();
        h.Host.Handle("ping", ctx => ctx.Arguments[^1] == "10.0.0.1" ? 0 : 1);
        h.Run("ping -c1 10.0.0.1 && ip route add default via 10.0.0.1\nping -c1 10.0.0.9 && ip route add x || ip route add y\n! ping -c1 10.0.0.9 && ip link\n");
        Assert.That(h.Host.Lines.Where(l => !l.StartsWith("ping", StringComparison.Ordinal)),
            Is.EqualTo(new[] { "ip route add default via 10.0.0.1", "ip route add y", "ip link" }));
    }

    [Test]
    public void FunctionsPassPositionalParameters() =>
        Assert.That(
            HostLines("add_ns() {\n  local name=$1; shift\n  ip netns add \"$name\"\n  ip netns exec \"$name\" ip addr add \"$@\"\n}\nadd_ns red 10.0.0.1/24 dev veth0\n"),
            Is.EqualTo(new[] { "ip netns add red", "ip netns exec red ip addr add 10.0.0.1/24 dev veth0", "ip addr add 10.0.0.1/24 dev veth0" }));

    [Test]
    public void CommandSubstitutionCapturesHostOutput()
    {
        var h = new ShellHarness();
        h.Host.Handle("cat-mac", ctx =>
        {
            ctx.Stdout.Write("52:54:00:1e:f1:21\n\n");
            return 0;
        });
        h.Run("mac=$(cat-mac)\nip link set veth0 address $mac\nip link set veth1 address `cat-mac`\n");
        Assert.That(h.Host.Lines.Where(l => l.StartsWith("ip", StringComparison.Ordinal)), Is.EqualTo(new[]
        {
            "ip link set veth0 address 52:54:00:1e:f1:21", "ip link set veth1 address 52:54:00:1e:f1:21",
        }));
    }

    [Test]
    public void GroupsAndSubshellsRunTheirCommands() =>
        Assert.That(HostLines("{ ip link add br0 type bridge; ip link set br0 up; }\n(cd /tmp; ip link)\n"),
            Is.EqualTo(new[] { "ip link add br0 type bridge", "ip link set br0 up", "ip link" }));

    [Test]
    public void ContinuationLinesJoinOneCommand() =>
        Assert.That(HostLines("iptables -t nat -A POSTROUTING \\\n  -s 10.0.0.0/24 \\\n  -j MASQUERADE # comment\n"),
            Is.EqualTo(new[] { "iptables -t nat -A POSTROUTING -s 10.0.0.0/24 -j MASQUERADE" }));

    [Test]
    public void DefaultsFillEmptySettings() =>
        Assert.That(HostLines("gw=\nip route add default via ${gw:-10.0.0.1}\n: ${dev:=eth0}\nip link set $dev up\n"),
            Is.EqualTo(new[] { "ip route add default via 10.0.0.1", "ip link set eth0 up" }));

    [Test]
    public void TildeIsRootsHome() =>
        Assert.That(HostLines("tcpdump -w ~/cap.pcap\n"), Is.EqualTo(new[] { "tcpdump -w /root/cap.pcap" }));

    [Test]
    public void SetETerminatesOnAFailingHostCommand()
    {
        var h = new ShellHarness();
        h.Host.Handle("ip", ctx => ctx.Arguments[1] == "bad" ? 2 : 0);
        int status = h.Run("set -e\nip link\nip bad\nip never\n");
        Assert.That(status, Is.EqualTo(2));
        Assert.That(h.Host.Lines, Is.EqualTo(new[] { "ip link", "ip bad" }));
    }

    [Test]
    public void PrefixAssignmentsReachFunctionsAndTheirCommands()
    {
        var h = ShellHarness.Running("run() { ip link; }\nNETSIM_X=1 run\nip addr\n", out _);
        Assert.That(h.Host.Invocations[0].Environment["NETSIM_X"], Is.EqualTo("1"));
        Assert.That(h.Host.Invocations[1].Environment.ContainsKey("NETSIM_X"), Is.False);
    }
}
