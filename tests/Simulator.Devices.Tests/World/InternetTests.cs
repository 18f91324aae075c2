using Simulator.Core.Addressing;
using Simulator.Core.Engine;
using Simulator.Core.Tracing;
using Simulator.Core.Wire;
using Simulator.Devices.Ipv4.Sockets;
using Simulator.Devices.Links.Nic;
using Simulator.Devices.Namespaces;
using Simulator.Devices.Outside;
using Simulator.Devices.Tests.Support;

namespace Simulator.Devices.Tests.Outside;

/// <summary>
/// The internet behind a LAN's gateway, with real packets:
/// <code>
///   host eth0 10.0.0.2 ── switch ── gateway 10.0.0.1 ── isp0 ═ 8.8.8.8 (DNS), isp1 ═ 14.119.104.254
///   ns1 1.1.1.2 ── host (forwards, no NAT)
/// </code>
/// </summary>
public class InternetTests
{
    private Simulator.Devices.Namespaces.World _world = null!;
    private NetworkNamespace _host = null!;
    private Internet _internet = null!;

    private static Ipv4InterfaceAddress Cidr(string text)
    {
        Assert.That(Ipv4InterfaceAddress.TryParse(text, out var address), Is.True);
        return address;
    }

    [SetUp]
    public void Build()
    {
        _world = new Simulator.Devices.Namespaces.World();
        _host = _world.InitialNamespace;
        var lan = new Lan(_world, "lan0");
        lan.AddUplink(_host, "eth0", Cidr("10.0.0.2/24"), Ipv4Address.Parse("10.0.0.1"));
        lan.AddGateway(Cidr("10.0.0.1/24"));
        var zone = new DnsZone();
        DefaultInternet.AddNames(zone);
        _internet = new Internet(lan, zone);
        _internet.AddHost(new InternetHostSpec(Ipv4Address.Parse("8.8.8.8"), "google-dns", 128, 10, 30 * Simulation.Millisecond, ServesDns: true));
        _internet.AddHost(new InternetHostSpec(Ipv4Address.Parse("14.119.104.254"), "www.a.shifen.com", 64, 11, 10 * Simulation.Millisecond));
    }

    private static (byte Ttl, long Rtt)? Echo(NetworkNamespace from, string to)
    {
        var socket = from.Ipv4.Sockets.OpenRaw(IpProtocol.Icmp);
        var echo = IcmpRepr.EchoRequest(0x4242, 1, 56);
        var message = new byte[echo.BufferLength];
        echo.Emit(message, new byte[56]);
        long sent = from.World.Simulation.Now;
        Assert.That(socket.SendTo(Ipv4Address.Parse(to), message), Is.Null);
        from.World.Simulation.RunFor(Simulation.Second);
        try
        {
            while (socket.Received.Count > 0)
            {
                var received = socket.Received.Dequeue();
                Ipv4Repr.TryParse(received.Bytes, ChecksumMode.Verify, out var ip);
                IcmpRepr.TryParse(received.Bytes.AsSpan(ip.HeaderLength), ChecksumMode.Verify, out var icmp);
                if (icmp.Type == IcmpType.EchoReply) return (ip.Ttl, received.Time - sent);
            }
            return null;
        }
        finally
        {
            socket.Close();
        }
    }

    [Test]
    public void A_machine_answers_ping_with_the_ttl_its_path_leaves_and_the_round_trip_of_its_link()
    {
        var reply = Echo(_host, "14.119.104.254");
        Assert.That(reply, Is.Not.Null);
        Assert.That(reply!.Value.Ttl, Is.EqualTo(64 - 11 - 1), "64, less 11 hops and the gateway");
        Assert.That(reply.Value.Rtt, Is.InRange(10 * Simulation.Millisecond, 11 * Simulation.Millisecond));
    }

    [Test]
    public void An_address_the_internet_does_not_have_is_silently_dropped()
    {
        Assert.That(Echo(_host, "1.2.3.4"), Is.Null);
        Assert.That(_world.Simulation.Packets.Outstanding, Is.Zero);
    }

    [Test]
    public void A_private_source_the_host_does_not_translate_gets_no_answer()
    {
        var ns1 = _world.CreateNamespace("ns1");
        var (inside, outside) = Topology.Veth(ns1, "veth0", _host, "veth1");
        Topology.Address(inside, "1.1.1.2/24");
        Topology.Address(outside, "1.1.1.1/24");
        Topology.Route(ns1, "0.0.0.0/0", "1.1.1.1");
        _host.Ipv4.SetAllForwarding(1);

        Assert.That(Echo(ns1, "14.119.104.254"), Is.Null, "the gateway has no route back to 1.1.1.2");
    }

    private DnsRepr? Ask(string server, string name, DnsRecordType type = DnsRecordType.A)
    {
        var socket = _host.Ipv4.Sockets.OpenUdp();
        Assert.That(socket.Connect(Ipv4Address.Parse(server), DnsServer.Port), Is.Null);
        var query = DnsRepr.Query(0x1234, name, type);
        var bytes = new byte[query.BufferLength];
        query.Emit(bytes);
        Assert.That(socket.Send(bytes), Is.Null);
        _world.Simulation.RunFor(Simulation.Second);
        try
        {
            if (!socket.Received.TryDequeue(out var datagram)) return null;
            Assert.That(DnsRepr.TryParse(datagram.Data, out var response), Is.EqualTo(DropReason.None));
            return response;
        }
        finally
        {
            socket.Close();
        }
    }

    [Test]
    public void A_dns_server_answers_with_the_cname_chain_and_the_address()
    {
        var response = Ask("8.8.8.8", "www.baidu.com");
        Assert.That(response, Is.Not.Null);
        Assert.That(response!.Value.ResponseCode, Is.EqualTo(DnsResponseCode.NoError));
        Assert.That(response.Value.Answers.Select(r => r.ToString()), Is.EqualTo(new[]
        {
            DnsRecord.Cname("www.baidu.com", DnsZone.TimeToLive, "www.a.shifen.com").ToString(),
            DnsRecord.A("www.a.shifen.com", DnsZone.TimeToLive, Ipv4Address.Parse("14.119.104.254")).ToString(),
        }));
        Assert.That(_internet.Find(Ipv4Address.Parse("8.8.8.8"))!.Dns!.Answered, Is.EqualTo(1));
    }

    [Test]
    public void The_gateway_answers_dns_for_its_lan()
    {
        var response = Ask("10.0.0.1", "www.aliyun.com");
        Assert.That(response!.Value.Answers.Last().Address, Is.EqualTo(Ipv4Address.Parse("47.88.251.173")));
    }

    [Test]
    public void Unknown_names_do_not_exist_and_known_names_have_no_other_records()
    {
        Assert.That(Ask("8.8.8.8", "www.nosuch.example")!.Value.ResponseCode, Is.EqualTo(DnsResponseCode.NameError));
        var aaaa = Ask("8.8.8.8", "www.baidu.com", DnsRecordType.AAAA)!.Value;
        Assert.That(aaaa.ResponseCode, Is.EqualTo(DnsResponseCode.NoError));
        Assert.That(aaaa.Answers.Select(r => r.Type), Is.EqualTo(new[] { DnsRecordType.CNAME }), "the chain, and no AAAA");
    }

    [Test]
    public void A_machine_without_dns_refuses_the_port()
    {
        var socket = _host.Ipv4.Sockets.OpenUdp();
        Assert.That(socket.Connect(Ipv4Address.Parse("14.119.104.254"), DnsServer.Port), Is.Null);
        Assert.That(socket.Send([1, 2, 3]), Is.Null);
        _world.Simulation.RunFor(Simulation.Second);
        Assert.That(socket.TakeError(), Is.EqualTo(Errno.ECONNREFUSED));
        socket.Close();
    }
}
