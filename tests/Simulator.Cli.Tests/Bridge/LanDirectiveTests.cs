using Simulator.Cli.Host;
using Simulator.Cli.Scenarios;
using Simulator.Core.Engine;
using Simulator.Devices.Links.Nic;

namespace Simulator.Cli.Tests.Bridge;

/// <summary>The <c># netsim: uplink</c> and <c>lan-host</c> directives.</summary>
public class LanDirectiveTests
{
    private static WorldSetup Parse(params string[] lines) =>
        WorldSetup.FromDirectives(lines.Select((text, i) => new Directive("t.sh", i + 1, text)), null);

    [Test]
    public void Seed_000s_world_has_the_uplink_the_gateway_and_host2()
    {
        var m = new BridgeMachine("uplink eth0 192.168.1.87/24 gateway 192.168.1.1", "lan-host host2 192.168.1.100/24");
        var eth0 = (EthernetNic)m.World.InitialNamespace.FindDevice("eth0")!;
        Assert.That(eth0.IsRunning, Is.True);
        var lan = m.Setup.Lans.Single();
        Assert.That(lan.Hosts.Select(h => (h.Label, h.Address.ToString())),
            Is.EqualTo(new[] { ("gateway", "192.168.1.1/24"), ("host2", "192.168.1.100/24") }));
        Assert.That(lan.Hosts.All(h => h.Namespace.Name is null), Is.True, "hidden from ip netns");
        Assert.That(m.World.InitialNamespace.Ipv4.Fib.Lookup(Core.Addressing.Ipv4Address.Parse("8.8.8.8"))!.Gateway.ToString(),
            Is.EqualTo("192.168.1.1"));
    }

    [Test]
    public void A_lan_host_at_the_gateway_address_is_the_gateway()
    {
        var m = new BridgeMachine("uplink enp0s3 10.0.2.15/24 gateway 10.0.2.2 mac 08:00:27:00:00:01",
            "lan-host router 10.0.2.2/24 mac 52:54:00:12:35:02");
        var lan = m.Setup.Lans.Single();
        Assert.That(lan.Gateway!.Label, Is.EqualTo("router"));
        Assert.That(lan.Gateway.Nic.Address.ToString(), Is.EqualTo("52:54:00:12:35:02"));
        Assert.That(lan.Hosts, Has.Count.EqualTo(1));
        Assert.That(m.World.InitialNamespace.FindDevice("enp0s3")!.Address.ToString(), Is.EqualTo("08:00:27:00:00:01"));
    }

    [Test]
    public void Mistakes_are_reported_with_file_and_line()
    {
        Assert.That(Parse("uplink").Errors.Single(), Does.StartWith("t.sh:1: netsim: uplink needs a NIC name"));
        Assert.That(Parse("uplink eth0 1.2.3.400/24").Errors.Single(), Is.EqualTo("t.sh:1: netsim: uplink: \"1.2.3.400/24\" is not ADDRESS/LEN"));
        Assert.That(Parse("uplink eth0 10.0.0.1/24 gateway 10.1.0.1").Errors.Single(), Is.EqualTo("t.sh:1: netsim: uplink: gateway 10.1.0.1 is not in 10.0.0.0/24"));
        Assert.That(Parse("uplink eth0 10.0.0.1/24", "uplink eth1 10.1.0.1/24", "lan-host h 192.168.0.2/24").Errors.Single(),
            Is.EqualTo("t.sh:3: netsim: lan-host h: no uplink's subnet holds 192.168.0.2"));
        Assert.That(Parse("lan-host h 10.0.0.2/24 foo bar", "uplink eth0 10.0.0.1/24").Errors.Single(),
            Is.EqualTo("t.sh:1: netsim: lan-host: unexpected \"foo bar\" (known: gateway GW, mac MAC)"));
    }

    [Test]
    public void Bridging_the_uplink_puts_a_namespace_on_the_LAN()
    {
        var m = new BridgeMachine("uplink eth0 192.168.1.87/24 gateway 192.168.1.1", "lan-host host2 192.168.1.100/24");
        var (veth1, veth2) = m.Veth("veth1", "veth2", "ns2");
        Assert.That(m.Run("brctl addbr br1; brctl addif br1 eth0; brctl addif br1 veth1"), Is.Zero);
        var host = m.World.InitialNamespace;
        host.Ipv4.Addresses.Flush(host.FindDevice("eth0")!);
        var br1 = host.FindDevice("br1")!;
        Core.Addressing.Ipv4InterfaceAddress.TryParse("192.168.1.87/24", out var a87);
        host.Ipv4.Addresses.Add(br1, a87, default);
        br1.SetUp();
        veth1.SetUp();
        var ns2 = m.World.FindNamespace("ns2")!;
        Core.Addressing.Ipv4InterfaceAddress.TryParse("192.168.1.88/24", out var a88);
        ns2.Ipv4.Addresses.Add(veth2, a88, default);
        veth2.SetUp();
        m.World.Simulation.RunFor(Simulation.Millisecond);

        var socket = ns2.Ipv4.Sockets.OpenRaw(Core.Wire.IpProtocol.Icmp);
        var echo = Core.Wire.IcmpRepr.EchoRequest(7, 1, 8);
        var message = new byte[echo.BufferLength];
        echo.Emit(message, new byte[8]);
        Assert.That(socket.SendTo(Core.Addressing.Ipv4Address.Parse("192.168.1.100"), message), Is.Null);
        m.World.Simulation.RunFor(Simulation.Second);
        Assert.That(socket.Received, Has.Count.EqualTo(1));

        Assert.That(m.Run("brctl showmacs br1"), Is.Zero);
        Assert.That(m.Stdout.Split('\n').Count(l => l.Contains("\tno\t")), Is.EqualTo(2), "host2 behind eth0 and veth2 behind veth1");
        Assert.That(m.Run("dmesg"), Is.Zero);
        Assert.That(m.Stdout, Does.Contain("] eth0: entered promiscuous mode\n"));
    }
}
