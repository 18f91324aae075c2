using Simulator.Cli.Commands.NetTools;
using Simulator.Core.Addressing;

namespace Simulator.Cli.Tests.NetTools;

/// <summary>
/// What the golden transcripts do not show: kernel log lines, the model's own "not modelled"
/// errors, and the C library readers net-tools relies on. Expected values marked "measured"
/// come from net-tools 2.10 on Linux 6.18 (see Golden/capture.sh for how such runs are made).
/// </summary>
public class NetToolsTests
{
    [Test]
    public void Promiscuous_mode_is_logged_when_the_count_crosses_zero_only()
    {
        // Seed 000: a bridge port is promiscuous already; turning the user's flag on and off
        // moves the count between 2 and 1, so the kernel logs nothing.
        var host = NetToolsHost.WithVeth();
        host.Out("ifconfig veth-a promisc");
        Assert.That(host.Out("dmesg"), Does.Contain("veth-a: entered promiscuous mode"));
        host.Out("ifconfig veth-a -promisc");
        Assert.That(host.Out("dmesg"), Does.Contain("veth-a: left promiscuous mode"));

        host.Out("dmesg -C");
        host.VethA.ChangePromiscuity(1);
        host.Out("dmesg -C");
        host.Out("ifconfig veth-a promisc; ifconfig veth-a -promisc");
        Assert.That(host.Out("dmesg"), Is.Empty);
        Assert.That(host.VethA.Promiscuity, Is.EqualTo(1), "the bridge's hold stays");
    }

    [Test]
    public void Seed_002_client_gets_a_class_A_route_and_a_default_through_the_gateway()
    {
        // Seed 002: "ifconfig cli-veth 10.0.100.1; route add default gw 10.0.100.254; netstat -rn".
        var host = new NetToolsHost();
        host.AddVeth(host.Host, "cli-veth", "02:00:00:00:00:01", host.World.CreateNamespace("gateway"), "cligw-veth", "02:00:00:00:00:02");
        Assert.That(host.Out("ifconfig cli-veth 10.0.100.1; route add default gw 10.0.100.254; netstat -rn"), Is.EqualTo("""
            Kernel IP routing table
            Destination     Gateway         Genmask         Flags   MSS Window  irtt Iface
            0.0.0.0         10.0.100.254    0.0.0.0         UG        0 0          0 cli-veth
            10.0.0.0        0.0.0.0         255.0.0.0       U         0 0          0 cli-veth

            """));
    }

    [Test]
    public void Replacing_the_only_address_takes_the_static_routes_with_it()
    {
        // devinet_ioctl deletes the old address first, and a device left without addresses
        // loses every route through it (fib_disable_ip); measured with ifconfig-classful.txt.
        var host = NetToolsHost.WithVeth();
        host.Out("ifconfig veth-a 10.0.0.1/24; route add -net 10.9.0.0/16 gw 10.0.0.254");
        host.Out("ifconfig veth-a 10.0.0.5");
        Assert.That(host.Host.Ipv4.Fib.Main.All().Select(r => r.ToString()), Is.EqualTo(new[]
        {
            "unicast 10.0.0.0/8 dev veth-a table main metric 0",
        }));
    }

    [Test]
    public void Netstat_says_what_it_does_not_model()
    {
        var host = NetToolsHost.WithVeth();
        foreach (var (command, message) in new[]
        {
            ("netstat", "netsim: netstat: listing sockets is not modelled"),
            ("netstat -tn", "netsim: netstat: listing sockets is not modelled"),
            ("netstat -s", "netsim: netstat: protocol statistics (-s) is not modelled"),
            ("netstat -rn -6", "netsim: netstat: the inet6 routing table is not modelled"),
        })
        {
            var (status, stdout, stderr) = host.Run(command);
            Assert.That((status, stdout, stderr), Is.EqualTo((1, "", message + "\n")), command);
        }
        // The real message on any kernel without /proc/net/ip_masquerade (measured).
        Assert.That(host.Run("netstat -M"), Is.EqualTo((1, "", "netstat: no support for `ip_masquerade' on this system.\n")));
    }

    [Test]
    public void Ifconfig_and_route_say_what_they_do_not_model()
    {
        var host = NetToolsHost.WithVeth();
        Assert.That(host.Run("ifconfig veth-a inet6 add fe80::1/64"),
            Is.EqualTo((1, "", "netsim: ifconfig: the inet6 address family is not modelled\n")));
        Assert.That(host.Run("ifconfig veth-a -allmulti"), Is.EqualTo((1, "", "netsim: ifconfig: '-allmulti' is not modelled\n")));
        Assert.That(host.Run("route -6"), Is.EqualTo((1, "", "netsim: route: the inet6 address family is not modelled\n")));
        Assert.That(host.Run("route add -net 10.6.0.0/16 dev veth-a mss 1400"),
            Is.EqualTo((1, "", "netsim: route: route metrics (mss) are not modelled\n")));
        Assert.That(host.Run("arp -s 10.0.0.9 02:00:00:00:00:09 pub"),
            Is.EqualTo((1, "", "netsim: arp: proxy ARP entries ('pub') is not modelled\n")));
    }

    [Test]
    public void Arp_delete_of_a_neighbour_behind_a_gateway_is_unreachable()
    {
        var host = NetToolsHost.WithVeth().WithPeerAddress();
        host.Out("ifconfig veth-a 10.0.0.1/24 up; route add default gw 10.0.0.2");
        Assert.That(host.Run("arp -s 10.7.0.1 02:00:00:00:00:01"), Is.EqualTo((255, "", "SIOCSARP: Network is unreachable\n")));
        Assert.That(host.Run("arp -d 10.7.0.1"), Is.EqualTo((255, "", "SIOCDARP(dontpub): Network is unreachable\n")));
    }

    [Test]
    public void Interface_names_sort_as_nstrcmp_says()
    {
        // The cases of net-tools' own NSTRCMP_TEST.
        foreach (var (a, b, expected) in new[]
        {
            ("eth1", "eth1", 0), ("eth0:1", "eth0:1", 0), ("a", "aa", -1), ("eth0", "eth1", -1), ("eth1", "eth20", -1),
            ("eth20", "eth100", -1), ("eth", "eth2", -1), ("eth0:1", "eth0:2", -1), ("eth1:10", "eth13:10", -1),
            ("eth1:1", "eth1:13", -1), ("a", "a:", -1), ("eth2:10", "eth2:1", 1), ("eth3:2", "eth2:3", 1),
            ("eth13:1", "eth1:0", 1), ("a1b12", "a1b2", 1), ("eth1", "eth01", 1), ("eth01:1", "eth1:1", -1),
            ("eth1:01", "eth01:1", 1),
        })
        {
            Assert.That(Math.Sign(InterfaceTable.Compare(a, b)), Is.EqualTo(expected), $"{a} vs {b}");
        }
    }

    [TestCase("10.0.0.1", "10.0.0.1")]
    [TestCase("10.1", "10.0.0.1")]
    [TestCase("10.0.1", "10.0.0.1")]
    [TestCase("0x0a000002", "10.0.0.2")]
    [TestCase("012.0.0.1", "10.0.0.1")]
    [TestCase("167772161", "10.0.0.1")]
    public void Inet_aton_reads_what_glibc_reads(string text, string address)
    {
        // "ifconfig veth-a 10.0.1" and "0x0a000002" set 10.0.0.1 and 10.0.0.2 (measured).
        Assert.That(InetAton.TryParse(text, out var parsed), Is.True);
        Assert.That(parsed.ToString(), Is.EqualTo(address));
    }

    [TestCase("300.1.1.1")]
    [TestCase("10.0.0.256")]
    [TestCase("08.0.0.1")]
    [TestCase("1.2.3.4.5")]
    [TestCase("host")]
    [TestCase("")]
    public void Inet_aton_refuses(string text) => Assert.That(InetAton.TryParse(text, out _), Is.False);

    [TestCase("02:00:00:00:00:0a", "02:00:00:00:00:0a")]
    [TestCase("2:0:0:0:0:a", "02:00:00:00:00:0a")]
    [TestCase("020000:00000a", "02:00:00:00:00:0a")]
    [TestCase("02:00", "02:00:00:00:00:00")]
    public void Ether_addresses_read_as_in_ether_reads_them(string text, string mac)
    {
        Assert.That(EtherAddress.TryParse(text, out var parsed), Is.True);
        Assert.That(parsed, Is.EqualTo(MacAddress.Parse(mac)));
    }

    [TestCase(0UL, "0.0 B")]
    [TestCase(140UL, "140.0 B")]
    [TestCase(1024UL, "1024.0 B")]
    [TestCase(1025UL, "1.0 KiB")]
    [TestCase(1157968UL, "1.1 MiB")]
    public void Byte_counts_are_scaled_in_binary_units(ulong bytes, string text)
    {
        // 1157968 bytes printed "(1.1 MiB)" after 804 pings of 1400 bytes (measured).
        Assert.That(InterfaceFormat.Scaled(bytes), Is.EqualTo(text));
    }

    [Test]
    public void Names_come_from_the_namespace_s_own_hosts_file()
    {
        // ip netns exec binds /etc/netns/NS/hosts over /etc/hosts; the shell's namespace is the initial one here.
        var host = NetToolsHost.WithVeth().WithPeerAddress("192.168.1.1/24");
        host.Shell.FileSystem.WriteFile("/etc/hosts", "192.168.1.1 gateway gw.example # the router\n");
        host.Out("ifconfig veth-a 192.168.1.88/24; route add default gw gw.example");
        Assert.That(host.Out("route"), Does.Contain("default         gateway         0.0.0.0         UG    0      0        0 veth-a"));
    }
}
