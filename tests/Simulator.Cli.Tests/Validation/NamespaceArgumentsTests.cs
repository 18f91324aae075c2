using Simulator.Cli.Validation;

namespace Simulator.Cli.Tests.Validation;

/// <summary>Which arguments name namespaces, and what must never run on the kernel.</summary>
public class NamespaceArgumentsTests
{
    private static readonly RealNamespaces Names = new(4242, 7);

    private static string Map(string command)
    {
        var mapping = new NamespaceArguments(Names).Map(command.Split(' '));
        return mapping.Refusal is { } refusal ? "REFUSED: " + refusal : string.Join(' ', mapping.Argv);
    }

    [TestCase("ip netns add red", "ip netns add nsv4242-7-red")]
    [TestCase("ip netns del red", "ip netns del nsv4242-7-red")]
    [TestCase("ip netns exec red ip link", "ip netns exec nsv4242-7-red ip link")]
    [TestCase("ip netns exec red ip -n blue link", "ip netns exec nsv4242-7-red ip -n nsv4242-7-blue link")]
    [TestCase("ip -n red addr", "ip -n nsv4242-7-red addr")]
    [TestCase("ip -netns red addr", "ip -netns nsv4242-7-red addr")]
    [TestCase("ip --netns red addr", "ip --netns nsv4242-7-red addr")]
    [TestCase("ip -d -n red link", "ip -d -n nsv4242-7-red link")]
    [TestCase("ip link set veth1 netns red", "ip link set veth1 netns nsv4242-7-red")]
    [TestCase("ip link add v0 type veth peer name v1 netns blue", "ip link add v0 type veth peer name v1 netns nsv4242-7-blue")]
    [TestCase("ip link add v0 netns red type veth peer v1 netns blue", "ip link add v0 netns nsv4242-7-red type veth peer v1 netns nsv4242-7-blue")]
    [TestCase("ip net exec red ping -c 1 10.0.0.1", "ip net exec nsv4242-7-red ping -c 1 10.0.0.1")]
    [TestCase("ip netns e red true", "ip netns e nsv4242-7-red true")]
    [TestCase("ip neigh show", "ip neigh show")]
    [TestCase("ip netns", "ip netns")]
    [TestCase("ip netns set red 5", "ip netns set nsv4242-7-red 5")]
    [TestCase("tc -n red qdisc", "tc -n nsv4242-7-red qdisc")]
    [TestCase("bridge -netns red fdb", "bridge -netns nsv4242-7-red fdb")]
    [TestCase("ss -N red -t", "ss -N nsv4242-7-red -t")]
    [TestCase("ss --net=red -t", "ss --net=nsv4242-7-red -t")]
    [TestCase("timeout 5 ip netns exec red tcpdump -c 1", "timeout 5 ip netns exec nsv4242-7-red tcpdump -c 1")]
    [TestCase("nsenter --net=/var/run/netns/red ip a", "nsenter --net=/var/run/netns/nsv4242-7-red ip a")]
    [TestCase("iptables -t nat -S", "iptables -t nat -S")]
    public void Namespace_names_map_to_the_runs_namespaces(string command, string expected) =>
        Assert.That(Map(command), Is.EqualTo(expected));

    [TestCase("ip link set eth0 netns 1", "process id")]
    [TestCase("ip link add v0 type veth peer name v1 netns 1", "process id")]
    [TestCase("ip link set eth0 netns /proc/1/ns/net", "process's namespace")]
    [TestCase("ip netns exec 1 ip link", "process id")]
    [TestCase("ip -all netns exec ip link", "every namespace")]
    [TestCase("ip -all netns del", "every namespace")]
    [TestCase("ip -a netns del", "every namespace")]
    [TestCase("ip -batch cmds.txt", "file of the machine")]
    [TestCase("ip netns attach red 1", "process's namespace")]
    [TestCase("ip netns exec red ip link set eth0 netns 1", "process id")]
    [TestCase("tc -b cmds", "file of the machine")]
    [TestCase("nsenter --net=/proc/1/ns/net ip a", "process's namespace")]
    public void Commands_that_could_reach_another_namespace_are_refused(string command, string why) =>
        Assert.That(Map(command), Does.StartWith("REFUSED").And.Contain(why));

    [TestCase("-n", "netns")]
    [TestCase("-netns", "netns")]
    [TestCase("-b", "batch")]
    [TestCase("-br", null)]
    [TestCase("-a", "all")]
    [TestCase("-r", null)]
    [TestCase("-rc", "rcvbuf")]
    [TestCase("-f", "family")]
    [TestCase("-d", null)]
    public void Ip_global_options_match_by_prefix_in_iproute2s_order(string option, string? meaning) =>
        Assert.That(NamespaceArguments.IpOption(option), Is.EqualTo(meaning));

    [TestCase("s", "list")]
    [TestCase("se", "set")]
    [TestCase("a", "add")]
    [TestCase("d", "delete")]
    [TestCase("e", "exec")]
    [TestCase("list-id", "list-id")]
    [TestCase("at", "attach")]
    public void Ip_netns_verbs_match_by_prefix(string word, string verb) =>
        Assert.That(NamespaceArguments.IpNetnsVerb(word), Is.EqualTo(verb));

    [Test]
    public void The_runs_own_names_cannot_collide_with_a_scenarios()
    {
        Assert.That(Names.Host, Is.EqualTo("nsv4242-7.host"));
        Assert.That(Names.Map("host"), Is.EqualTo("nsv4242-7-host"));
        Assert.That(RealNamespaces.OwnerProcess("nsv4242-7.host"), Is.EqualTo(4242));
        Assert.That(RealNamespaces.OwnerProcess("nsv4242-7-red"), Is.EqualTo(4242));
        Assert.That(RealNamespaces.OwnerProcess("ns1"), Is.Null, "another user's namespace is never swept");
        Assert.That(RealNamespaces.OwnerProcess("nsv12"), Is.Null);
    }
}
