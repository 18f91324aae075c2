using Simulator.Cli.Host;
using Simulator.Cli.Scenarios;
using Simulator.Cli.Tests.Bridge;
using Simulator.Core.Addressing;

namespace Simulator.Cli.Tests.Outside;

/// <summary>The internet directives and what ping and the resolver meet there.</summary>
public class InternetDirectiveTests
{
    private static WorldSetup Parse(params string[] lines) =>
        WorldSetup.FromDirectives(lines.Select((text, i) => new Directive("t.sh", i + 1, text)), null);

    private static BridgeMachine Machine(params string[] directives)
    {
        var m = new BridgeMachine(directives);
        m.Setup.WriteFiles(m.Shell.FileSystem);
        return m;
    }

    [Test]
    public void An_uplink_with_a_gateway_brings_the_default_internet_and_the_gateway_as_nameserver()
    {
        var m = Machine("uplink eth0 192.168.1.87/24 gateway 192.168.1.1");
        Assert.That(m.Setup.Internet!.Hosts.Select(h => h.Spec.Address.ToString()),
            Is.EquivalentTo(new[] { "114.114.114.114", "223.5.5.5", "8.8.8.8", "14.119.104.254", "47.88.251.173" }));
        Assert.That(m.Run("cat /etc/resolv.conf"), Is.Zero);
        Assert.That(m.Stdout, Is.EqualTo("nameserver 192.168.1.1\n"));
    }

    [Test]
    public void Without_a_gateway_there_is_no_internet_and_no_resolv_conf()
    {
        var m = Machine("uplink eth0 192.168.1.87/24");
        Assert.That(m.Setup.Internet, Is.Null);
        Assert.That(m.Shell.FileSystem.Exists("/etc/resolv.conf"), Is.False);
    }

    [Test]
    public void Ping_by_name_follows_the_cname_and_prints_the_canonical_name()
    {
        // Lines as iputils 20221126 printed them on Linux 6.18 in the same world (netsim validate).
        var m = Machine("uplink eth0 172.16.0.157/16 gateway 172.16.0.1");
        Assert.That(m.Run("ping -c 1 www.baidu.com"), Is.Zero);
        Assert.That(m.Stdout, Does.StartWith("PING www.a.shifen.com (14.119.104.254) 56(84) bytes of data.\n" +
                                             "64 bytes from 14.119.104.254 (14.119.104.254): icmp_seq=1 ttl=52 time=9.50 ms\n"));
    }

    [Test]
    public void Declared_machines_names_and_servers_replace_or_join_the_default_ones()
    {
        var m = Machine("uplink eth0 10.0.0.2/24 gateway 10.0.0.1", "internet none",
            "internet-host 93.184.216.34 name example.com ttl 255 hops 5 rtt 3.5",
            "dns www.example.com cname example.com", "nameserver 9.9.9.9");
        var internet = m.Setup.Internet!;
        Assert.That(internet.Hosts.Select(h => h.Spec.Address.ToString()), Is.EqualTo(new[] { "93.184.216.34", "9.9.9.9" }));
        Assert.That(internet.Zone.Contains("www.baidu.com"), Is.False);
        Assert.That(m.Run("echo nameserver 9.9.9.9 > /etc/resolv.conf; ping -c 1 www.example.com"), Is.Zero);
        Assert.That(m.Stdout, Does.Contain("PING example.com (93.184.216.34) 56(84) bytes of data."));
        Assert.That(m.Stdout, Does.Contain("icmp_seq=1 ttl=249 time=3.60 ms"), "255 - 5 hops - the gateway; 3.5 ms and the LAN");
    }

    [Test]
    public void A_name_nobody_knows_is_not_known()
    {
        var m = Machine("uplink eth0 10.0.0.2/24 gateway 10.0.0.1");
        Assert.That(m.Run("ping -c 1 www.nosuch.example"), Is.EqualTo(2));
        Assert.That(m.Stderr, Does.Contain("ping: www.nosuch.example: Name or service not known"));
    }

    [Test]
    public void Mistakes_are_reported_with_file_and_line()
    {
        Assert.That(Parse("internet-host 8.8.8.8").Errors.Single(),
            Is.EqualTo("t.sh:1: netsim: the internet needs an uplink with a gateway (uplink NIC ADDRESS/LEN gateway GW)"));
        Assert.That(Parse("uplink eth0 10.0.0.2/24 gateway 10.0.0.1", "internet-host 8.8.8.8 ttl 300").Errors.Single(),
            Does.StartWith("t.sh:2: netsim: internet-host: unexpected \"ttl 300\""));
        Assert.That(Parse("uplink eth0 10.0.0.2/24 gateway 10.0.0.1", "internet-host 8.8.8.8 ttl 64 hops 64").Errors.Single(),
            Is.EqualTo("t.sh:2: netsim: internet-host 8.8.8.8: 64 hops leave nothing of TTL 64"));
        Assert.That(Parse("uplink eth0 10.0.0.2/24 gateway 10.0.0.1", "dns a.example 192.0.2.1", "dns a.example cname b.example").Errors.Single(),
            Is.EqualTo("t.sh:3: netsim: dns: a.example has addresses and cannot be an alias (CNAME)"));
        Assert.That(Parse("uplink eth0 10.0.0.2/24 gateway 10.0.0.1", "internet maybe").Errors.Single(),
            Is.EqualTo("t.sh:2: netsim: internet takes \"default\" or \"none\""));
        Assert.That(Parse("uplink eth0 10.0.0.2/24 gateway 10.0.0.1", "nameserver 224.0.0.1").Errors.Single(),
            Is.EqualTo("t.sh:2: netsim: nameserver needs a unicast address: nameserver ADDRESS"));
    }

    [Test]
    public void A_declared_name_wins_over_a_default_one()
    {
        var m = Machine("uplink eth0 10.0.0.2/24 gateway 10.0.0.1", "dns www.baidu.com 192.0.2.7");
        var answer = m.Setup.Internet!.Zone.Answer(Core.Wire.DnsRepr.Query(1, "www.baidu.com"));
        Assert.That(answer.Answers.Single().Address, Is.EqualTo(Ipv4Address.Parse("192.0.2.7")));
    }
}
