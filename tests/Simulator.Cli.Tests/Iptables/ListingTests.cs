using static Simulator.Cli.Tests.Iptables.Text;

namespace Simulator.Cli.Tests.Iptables;

/// <summary>
/// -L in its forms, -S, and the -v echo. Expected texts were taken from iptables v1.8.9
/// (nf_tables) after the same commands in a fresh network namespace.
/// </summary>
public class ListingTests
{
    private static Simulated Ruleset()
    {
        var sim = new Simulated();
        foreach (var line in new[]
                 {
                     "iptables -A INPUT -s 192.168.1.1/24 -d 10.0.0.1/255.255.0.0 -j DROP",
                     "iptables -A INPUT ! -s 192.168.1.1 ! -d 10.0.0.0/8 -j DROP",
                     "iptables -A INPUT -p tcp --sport 1000:2000 ! --dport 80 -j ACCEPT",
                     "iptables -A INPUT -p icmp --icmp-type echo-request -j ACCEPT",
                     "iptables -A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT",
                     "iptables -A INPUT -p tcp -m multiport --dports 80,443,8000:8080 -j ACCEPT",
                     "iptables -A INPUT -m comment --comment \"hello world\" -j ACCEPT",
                     "iptables -A INPUT -j REJECT",
                     "iptables -A INPUT -j LOG --log-prefix \"IN: \"",
                     "iptables -N MYCHAIN",
                     "iptables -A INPUT -g MYCHAIN",
                     "iptables -A MYCHAIN -s 127.0.0.1 -j RETURN",
                 })
        {
            sim.Do(line);
        }
        return sim;
    }

    [Test]
    public void ListResolvesNames()
    {
        Assert.That(Ruleset().Run("iptables -L").Stdout, Is.EqualTo(Lines(
            "Chain INPUT (policy ACCEPT)",
            "target     prot opt source               destination         ",
            "DROP       all  --  192.168.1.0/24       10.0.0.0/16         ",
            "DROP       all  -- !192.168.1.1         !10.0.0.0/8          ",
            "ACCEPT     tcp  --  anywhere             anywhere             tcp spts:1000:cisco-sccp dpt:!http",
            "ACCEPT     icmp --  anywhere             anywhere             icmp echo-request",
            "ACCEPT     all  --  anywhere             anywhere             ctstate RELATED,ESTABLISHED",
            "ACCEPT     tcp  --  anywhere             anywhere             multiport dports http,https,8000:http-alt",
            "ACCEPT     all  --  anywhere             anywhere             /* hello world */",
            "REJECT     all  --  anywhere             anywhere             reject-with icmp-port-unreachable",
            "LOG        all  --  anywhere             anywhere             LOG level warn prefix \"IN: \"",
            "MYCHAIN    all  --  anywhere             anywhere            [goto] ",
            "",
            "Chain FORWARD (policy ACCEPT)",
            "target     prot opt source               destination         ",
            "",
            "Chain OUTPUT (policy ACCEPT)",
            "target     prot opt source               destination         ",
            "",
            "Chain MYCHAIN (1 references)",
            "target     prot opt source               destination         ",
            "RETURN     all  --  localhost            anywhere            ")));
    }

    [Test]
    public void ListNumericWithLineNumbers()
    {
        Assert.That(Ruleset().Run("iptables -L -n --line-numbers").Stdout, Is.EqualTo(Lines(
            "Chain INPUT (policy ACCEPT)",
            "num  target     prot opt source               destination         ",
            "1    DROP       0    --  192.168.1.0/24       10.0.0.0/16         ",
            "2    DROP       0    -- !192.168.1.1         !10.0.0.0/8          ",
            "3    ACCEPT     6    --  0.0.0.0/0            0.0.0.0/0            tcp spts:1000:2000 dpt:!80",
            "4    ACCEPT     1    --  0.0.0.0/0            0.0.0.0/0            icmptype 8",
            "5    ACCEPT     0    --  0.0.0.0/0            0.0.0.0/0            ctstate RELATED,ESTABLISHED",
            "6    ACCEPT     6    --  0.0.0.0/0            0.0.0.0/0            multiport dports 80,443,8000:8080",
            "7    ACCEPT     0    --  0.0.0.0/0            0.0.0.0/0            /* hello world */",
            "8    REJECT     0    --  0.0.0.0/0            0.0.0.0/0            reject-with icmp-port-unreachable",
            "9    LOG        0    --  0.0.0.0/0            0.0.0.0/0            LOG flags 0 level 4 prefix \"IN: \"",
            "10   MYCHAIN    0    --  0.0.0.0/0            0.0.0.0/0           [goto] ",
            "",
            "Chain FORWARD (policy ACCEPT)",
            "num  target     prot opt source               destination         ",
            "",
            "Chain OUTPUT (policy ACCEPT)",
            "num  target     prot opt source               destination         ",
            "",
            "Chain MYCHAIN (1 references)",
            "num  target     prot opt source               destination         ",
            "1    RETURN     0    --  127.0.0.1            0.0.0.0/0           ")));
    }

    [Test]
    public void ListOneChainVerboseExact()
    {
        Assert.That(Ruleset().Run("iptables -L INPUT -v -x -n").Stdout, Is.EqualTo(Lines(
            "Chain INPUT (policy ACCEPT 0 packets, 0 bytes)",
            "    pkts      bytes target     prot opt in     out     source               destination         ",
            "       0        0 DROP       0    --  *      *       192.168.1.0/24       10.0.0.0/16         ",
            "       0        0 DROP       0    --  *      *      !192.168.1.1         !10.0.0.0/8          ",
            "       0        0 ACCEPT     6    --  *      *       0.0.0.0/0            0.0.0.0/0            tcp spts:1000:2000 dpt:!80",
            "       0        0 ACCEPT     1    --  *      *       0.0.0.0/0            0.0.0.0/0            icmptype 8",
            "       0        0 ACCEPT     0    --  *      *       0.0.0.0/0            0.0.0.0/0            ctstate RELATED,ESTABLISHED",
            "       0        0 ACCEPT     6    --  *      *       0.0.0.0/0            0.0.0.0/0            multiport dports 80,443,8000:8080",
            "       0        0 ACCEPT     0    --  *      *       0.0.0.0/0            0.0.0.0/0            /* hello world */",
            "       0        0 REJECT     0    --  *      *       0.0.0.0/0            0.0.0.0/0            reject-with icmp-port-unreachable",
            "       0        0 LOG        0    --  *      *       0.0.0.0/0            0.0.0.0/0            LOG flags 0 level 4 prefix \"IN: \"",
            "       0        0 MYCHAIN    0    --  *      *       0.0.0.0/0            0.0.0.0/0           [goto] ")));
    }

    [Test]
    public void ListRulesFormat()
    {
        Assert.That(Ruleset().Run("iptables -S").Stdout, Is.EqualTo(Lines(
            "-P INPUT ACCEPT",
            "-P FORWARD ACCEPT",
            "-P OUTPUT ACCEPT",
            "-N MYCHAIN",
            "-A INPUT -s 192.168.1.0/24 -d 10.0.0.0/16 -j DROP",
            "-A INPUT ! -s 192.168.1.1/32 ! -d 10.0.0.0/8 -j DROP",
            "-A INPUT -p tcp -m tcp --sport 1000:2000 ! --dport 80 -j ACCEPT",
            "-A INPUT -p icmp -m icmp --icmp-type 8 -j ACCEPT",
            "-A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT",
            "-A INPUT -p tcp -m multiport --dports 80,443,8000:8080 -j ACCEPT",
            "-A INPUT -m comment --comment \"hello world\" -j ACCEPT",
            "-A INPUT -j REJECT --reject-with icmp-port-unreachable",
            "-A INPUT -j LOG --log-prefix \"IN: \"",
            "-A INPUT -g MYCHAIN",
            "-A MYCHAIN -s 127.0.0.1/32 -j RETURN")));
    }

    [Test]
    public void VerboseAppendEchoesTheRule()
    {
        var sim = Ruleset();
        Assert.That(sim.Run("iptables -v -A INPUT -i eth0 -p udp --dport 53 -j ACCEPT").Stdout,
            Is.EqualTo(Lines("ACCEPT  udp opt -- in eth0 out *  0.0.0.0/0  -> 0.0.0.0/0   udp dpt:53")));
    }

    [Test]
    public void OneRuleByNumber()
    {
        var sim = Ruleset();
        Assert.Multiple(() =>
        {
            Assert.That(sim.Run("iptables -L INPUT 10 -v").Stdout, Is.EqualTo(Lines(
                "    0     0 MYCHAIN    all  --  any    any     anywhere             anywhere            [goto] ")));
            Assert.That(sim.Run("iptables -S INPUT 3").Stdout, Is.EqualTo(Lines(
                "-A INPUT -p tcp -m tcp --sport 1000:2000 ! --dport 80 -j ACCEPT")));
        });
    }

    [Test]
    public void CountersAreShortenedUnlessExact()
    {
        // Counters set with -c; the text is the real tool's for the same counters.
        var sim = new Simulated();
        sim.Do("iptables -A INPUT -c 99999 100000 -j ACCEPT");
        sim.Do("iptables -A INPUT -c 9999499 9999500 -j ACCEPT");
        sim.Do("iptables -A INPUT -c 99999999999999999 18446744073709551615 -j ACCEPT");
        Assert.Multiple(() =>
        {
            Assert.That(sim.Run("iptables -L INPUT -v -n").Stdout, Is.EqualTo(Lines(
                "Chain INPUT (policy ACCEPT 0 packets, 0 bytes)",
                " pkts bytes target     prot opt in     out     source               destination         ",
                "99999  100K ACCEPT     0    --  *      *       0.0.0.0/0            0.0.0.0/0           ",
                "9999K   10M ACCEPT     0    --  *      *       0.0.0.0/0            0.0.0.0/0           ",
                "100000T    0K ACCEPT     0    --  *      *       0.0.0.0/0            0.0.0.0/0           ")));
            Assert.That(sim.Run("iptables -S INPUT -v").Stdout, Is.EqualTo(Lines(
                "-P INPUT ACCEPT -c 0 0",
                "-A INPUT -c 99999 100000 -j ACCEPT",
                "-A INPUT -c 9999499 9999500 -j ACCEPT",
                "-A INPUT -c 99999999999999999 18446744073709551615 -j ACCEPT")));
        });
    }

    [Test]
    public void ListAndZero()
    {
        var sim = new Simulated();
        sim.Do("iptables -A INPUT -c 5 500 -j ACCEPT");
        Assert.Multiple(() =>
        {
            Assert.That(sim.Run("iptables -L -v -Z -n").Stdout, Is.EqualTo(Lines(
                "Chain INPUT (policy ACCEPT 0 packets, 0 bytes)",
                " pkts bytes target     prot opt in     out     source               destination         ",
                "    5   500 ACCEPT     0    --  *      *       0.0.0.0/0            0.0.0.0/0           ",
                "",
                "Chain FORWARD (policy ACCEPT 0 packets, 0 bytes)",
                " pkts bytes target     prot opt in     out     source               destination         ",
                "",
                "Chain OUTPUT (policy ACCEPT 0 packets, 0 bytes)",
                " pkts bytes target     prot opt in     out     source               destination         ",
                "Zeroing chain `INPUT'",
                "Zeroing chain `FORWARD'",
                "Zeroing chain `OUTPUT'")));
            Assert.That(sim.Run("iptables -L INPUT 1 -v -n").Stdout, Is.EqualTo(Lines(
                "    0     0 ACCEPT     0    --  *      *       0.0.0.0/0            0.0.0.0/0           ")));
        });
    }

    [Test]
    public void CombinedShortFlags()
    {
        var sim = new Simulated();
        sim.Do("iptables -A INPUT -j ACCEPT");
        var expected = Lines(
            "Chain INPUT (policy ACCEPT 0 packets, 0 bytes)",
            " pkts bytes target     prot opt in     out     source               destination         ",
            "    0     0 ACCEPT     0    --  *      *       0.0.0.0/0            0.0.0.0/0           ");
        Assert.Multiple(() =>
        {
            Assert.That(sim.Run("iptables -nvL INPUT").Stdout, Is.EqualTo(expected));
            Assert.That(sim.Run("iptables -vnL INPUT").Stdout, Is.EqualTo(expected));
            Assert.That(sim.Run("iptables --list INPUT --numeric --verbose").Stdout, Is.EqualTo(expected));
            Assert.That(sim.Run("iptables -LINPUT -nv").Stdout, Is.EqualTo(expected), "-L takes an attached chain");
        });
    }

    [Test]
    public void TableAppearsInSaveOnlyOnceCreated()
    {
        // nf_tables creates a table on first use; listing does not create it.
        var sim = new Simulated();
        Assert.That(sim.Run("iptables -t nat -L -n").Status, Is.Zero);
        Assert.That(sim.Run("iptables-save").Stdout, Is.Empty);
        sim.Do("iptables -t mangle -F INPUT");
        Assert.That(sim.Run("iptables-save").Stdout, Is.EqualTo(Lines(
            "# Generated by iptables-save v1.8.9 (nf_tables) on Sat Nov 21 20:12:49 2026",
            "*mangle",
            ":PREROUTING ACCEPT [0:0]",
            ":INPUT ACCEPT [0:0]",
            ":FORWARD ACCEPT [0:0]",
            ":OUTPUT ACCEPT [0:0]",
            ":POSTROUTING ACCEPT [0:0]",
            "COMMIT",
            "# Completed on Sat Nov 21 20:12:49 2026")));
    }
}
