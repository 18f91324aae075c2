using Simulator.Cli.Validation;

namespace Simulator.Cli.Tests.Validation;

/// <summary>
/// The normalisation rules on output taken from real runs (iproute2 6.1, iputils 20221126,
/// tcpdump 4.99, conntrack 1.4.7) in throwaway namespaces.
/// </summary>
public class NormalisationTests
{
    private static readonly RealNamespaces Names = new(4242, 7);

    private static (string Text, SortedSet<string> Rules) Normalise(string text, Side side = Side.Kernel, string command = "ip link")
    {
        var applied = new SortedSet<string>(StringComparer.Ordinal);
        var result = Normalisation.Apply(text, new NormalisationContext(side, command.Split(' '), Names), applied);
        return (result, applied);
    }

    [Test]
    public void Ip_link_loses_indexes_macs_and_the_peers_namespace()
    {
        const string real = """
            2: v0@if2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP mode DEFAULT group default qlen 1000
                link/ether 7a:5e:2f:2f:db:6f brd ff:ff:ff:ff:ff:ff link-netns nsv4242-7-blue

            """;
        var (text, rules) = Normalise(real);
        Assert.That(text, Is.EqualTo("""
            {n}: v0@if{n}: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP mode DEFAULT group default qlen 1000
                link/ether {mac} brd ff:ff:ff:ff:ff:ff link-netns{ns}

            """));
        Assert.That(rules, Is.EquivalentTo(new[] { "ifindex", "link-netns", "mac" }));
        var model = Normalise("    link/ether 02:00:00:00:00:01 brd ff:ff:ff:ff:ff:ff link-netnsid 0\n", Side.Model).Text;
        Assert.That(model, Is.EqualTo("    link/ether {mac} brd ff:ff:ff:ff:ff:ff link-netns{ns}\n"));
    }

    [Test]
    public void Ipv6_address_lines_are_dropped()
    {
        const string real = """
                inet 10.0.0.1/24 scope global v0
                   valid_lft forever preferred_lft forever
                inet6 fe80::785e:2fff:fe2f:db6f/64 scope link tentative 
                   valid_lft forever preferred_lft forever

            """;
        Assert.That(Normalise(real).Text, Is.EqualTo("""
                inet 10.0.0.1/24 scope global v0
                   valid_lft forever preferred_lft forever

            """));
    }

    [Test]
    public void Ping_times_are_hidden_but_not_counts()
    {
        const string real = """
            64 bytes from 10.0.0.2: icmp_seq=1 ttl=64 time=0.235 ms
            2 packets transmitted, 2 received, 0% packet loss, time 205ms
            rtt min/avg/max/mdev = 0.044/0.139/0.235/0.095 ms
            """;
        Assert.That(Normalise(real, command: "ping -c 2 10.0.0.2").Text, Is.EqualTo("""
            64 bytes from 10.0.0.2: icmp_seq=1 ttl=64 time={time} ms
            2 packets transmitted, 2 received, 0% packet loss, time {time}ms
            rtt min/avg/max/mdev = {rtt} ms
            """));
    }

    [Test]
    public void Tcpdump_lines_lose_timestamps_macs_and_echo_ids()
    {
        const string real = "20:50:36.596583 7a:5e:2f:2f:db:6f > e6:25:56:96:d9:fd, ethertype IPv4 (0x0800), length 98: 10.0.0.1 > 10.0.0.2: ICMP echo request, id 5026, seq 1, length 64\n2 packets received by filter\n";
        Assert.That(Normalise(real, command: "tcpdump -c 2").Text, Is.EqualTo(
            "{ts} {mac} > {mac}, ethertype IPv4 (0x0800), length 98: 10.0.0.1 > 10.0.0.2: ICMP echo request, id {id}, seq 1, length 64\n{n} packets received by filter\n"));
    }

    [Test]
    public void Conntrack_entries_lose_timeouts_ids_and_ephemeral_ports()
    {
        Assert.That(Normalise("icmp     1 29 src=10.0.0.1 dst=10.0.0.2 type=8 code=0 id=5040 src=10.0.0.2 dst=10.0.0.1 type=0 code=0 id=5040 mark=0 use=1\n").Text,
            Is.EqualTo("icmp     1 {timeout} src=10.0.0.1 dst=10.0.0.2 type=8 code=0 id={id} src=10.0.0.2 dst=10.0.0.1 type=0 code=0 id={id} mark=0 use=1\n"));
        Assert.That(Normalise("tcp      6 431999 ESTABLISHED src=10.0.0.1 dst=10.0.0.2 sport=45678 dport=80\n").Text,
            Is.EqualTo("tcp      6 {timeout} ESTABLISHED src=10.0.0.1 dst=10.0.0.2 sport={port} dport=80\n"));
    }

    [Test]
    public void Conntrack_entries_compare_in_any_order()
    {
        // Two runs of nf-masquerade-two-hosts.sh on Linux 6.18 listed the gateway's two entries
        // in either order (hash-bucket order, seeded at random).
        const string a = "icmp     1 29 src=192.168.1.2 dst=100.100.100.2 type=8 code=0 id=1234 src=100.100.100.2 dst=100.100.100.1 type=0 code=0 id=1234 mark=0 use=1";
        const string c = "icmp     1 29 src=192.168.2.2 dst=100.100.100.2 type=8 code=0 id=1234 src=100.100.100.2 dst=100.100.100.1 type=0 code=0 id=11806 mark=0 use=1";
        var (first, rules) = Normalise($"{c}\n{a}\n", command: "ip netns exec gw conntrack -L -p icmp");
        var second = Normalise($"{a}\n{c}\n", command: "conntrack -L").Text;
        Assert.That(first, Is.EqualTo(second));
        Assert.That(rules, Does.Contain("conntrack-order"));
        Assert.That(Normalise($"{c}\n{a}\n", command: "cat").Text, Does.StartWith("icmp     1 {timeout} src=192.168.2.2"), "only conntrack's listing");
    }

    [Test]
    public void Ip_netns_list_shows_only_the_scenarios_namespaces_without_prefix()
    {
        const string real = "nsv4242-7-blue (id: 1)\nnsv4242-7-red\nnsv4242-7.probe\nnsv4242-7.host (id: 0)\nref123a\n";
        var (text, rules) = Normalise(real, command: "ip netns list");
        Assert.That(text, Is.EqualTo("blue (id: 1)\nred\n"));
        Assert.That(rules, Is.EquivalentTo(new[] { "namespace-prefix", "other-namespaces" }));
    }

    [Test]
    public void NetSims_own_notes_are_not_the_tools_output()
    {
        Assert.That(Normalise("Cannot find device \"x\"\nnetsim: t.sh:3: ip link set x up (exit status 1)\n", Side.Model).Text,
            Is.EqualTo("Cannot find device \"x\"\n"));
    }

    [Test]
    public void Every_rule_has_a_name_and_a_reason()
    {
        Assert.That(Normalisation.Rules.Select(r => r.Name), Is.Unique);
        Assert.That(Normalisation.Rules.Select(r => r.Why), Has.All.Not.Empty);
    }
}
