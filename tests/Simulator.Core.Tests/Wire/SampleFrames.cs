using Simulator.Core.Addressing;
using Simulator.Core.Wire;

namespace Simulator.Core.Tests.Wire;

/// <summary>
/// One whole Ethernet frame of each kind the codecs build, made with our Emit only. The scapy
/// cross-check builds the same frames with scapy (see <see cref="ScapyScript"/>) and the tshark
/// test decodes them from a capture.
/// </summary>
internal static class SampleFrames
{
    public static readonly MacAddress HostMac = MacAddress.Parse("52:54:00:12:34:56");
    public static readonly MacAddress GatewayMac = MacAddress.Parse("0a:1b:2c:3d:4e:5f");
    public static readonly Ipv4Address Host = Ipv4Address.Parse("192.168.1.10");
    public static readonly Ipv4Address Gateway = Ipv4Address.Parse("192.168.1.1");
    public static readonly Ipv4Address Router = Ipv4Address.Parse("192.168.1.254");
    public static readonly Ipv4Address Internet = Ipv4Address.Parse("8.8.8.8");

    /// <summary>What iputils ping sends: 8 bytes of timestamp then 0x10, 0x11, ... (56 bytes).</summary>
    public static byte[] PingData()
    {
        var data = new byte[56];
        for (int i = 0; i < data.Length; i++) data[i] = (byte)(i < 8 ? 0xA0 + i : i + 8);
        return data;
    }

    public static IReadOnlyList<(string Name, byte[] Frame)> All()
    {
        var toGateway = new EthernetRepr(GatewayMac, HostMac, EtherType.Ipv4);
        var toHost = new EthernetRepr(HostMac, GatewayMac, EtherType.Ipv4);
        var ping = PingData();

        var offendingUdp = Udp(new Ipv4Repr(Host, Gateway, IpProtocol.Udp, 0) { Identification = 0x4242, DontFragment = true },
            new UdpRepr(40000, 33434, 8), "payload!"u8.ToArray());
        var expiringPing = Icmp(new Ipv4Repr(Host, Internet, IpProtocol.Icmp, 0, 1) { Identification = 0x1c46, DontFragment = true },
            IcmpRepr.EchoRequest(0x1234, 7, ping.Length), ping);
        var syn = Tcp(new Ipv4Repr(Host, Gateway, IpProtocol.Tcp, 0) { Identification = 1, DontFragment = true },
            new TcpRepr(43210, 80, 0x01020304, 0, TcpFlags.Syn, 64240, 0) { OptionsLength = 20 },
            Hex.Parse("020405b4 0402 080a1122334400000000 01 030307"), []);

        var query = DnsRepr.Query(0xbeef, "www.example.com");
        var response = DnsRepr.Response(query,
        [
            DnsRecord.Cname("www.example.com", 300, "example.com"),
            DnsRecord.A("example.com", 3600, Ipv4Address.Parse("93.184.216.34")),
        ]);
        var nameError = DnsRepr.Response(DnsRepr.Query(0xcafe, "nosuch.example"), [], DnsResponseCode.NameError);

        return
        [
            ("arp request", Frame(new EthernetRepr(MacAddress.Broadcast, HostMac, EtherType.Arp), Arp(ArpRepr.Request(HostMac, Host, Gateway)))),
            ("arp reply", Frame(new EthernetRepr(HostMac, GatewayMac, EtherType.Arp), Arp(ArpRepr.Reply(GatewayMac, Gateway, HostMac, Host)))),
            ("vlan arp request", Frame(new EthernetRepr(MacAddress.Broadcast, HostMac, EtherType.Arp, new VlanTag(100)), Arp(ArpRepr.Request(HostMac, Host, Gateway)))),
            ("icmp echo request", Frame(toGateway, Icmp(new Ipv4Repr(Host, Gateway, IpProtocol.Icmp, 0) { Identification = 0x1c46, DontFragment = true },
                IcmpRepr.EchoRequest(0x1234, 1, ping.Length), ping))),
            ("icmp echo reply", Frame(toHost, Icmp(new Ipv4Repr(Gateway, Host, IpProtocol.Icmp, 0) { Identification = 0x5a5a },
                IcmpRepr.EchoReply(0x1234, 1, ping.Length), ping))),
            ("icmp port unreachable", Frame(toHost, Icmp(new Ipv4Repr(Gateway, Host, IpProtocol.Icmp, 0) { Identification = 0x0101, Tos = 0xc0 },
                IcmpRepr.DestinationUnreachable(IcmpUnreachableCode.PortUnreachable, offendingUdp.Length), offendingUdp))),
            ("icmp fragmentation needed", Frame(toHost, Icmp(new Ipv4Repr(Router, Host, IpProtocol.Icmp, 0) { Identification = 0x0102, Tos = 0xc0 },
                IcmpRepr.DestinationUnreachable(IcmpUnreachableCode.FragmentationNeeded, 28, 1400), syn[..28]))),
            ("icmp time exceeded", Frame(toHost, Icmp(new Ipv4Repr(Router, Host, IpProtocol.Icmp, 0) { Identification = 0x0103, Tos = 0xc0 },
                IcmpRepr.TimeExceeded(IcmpTimeExceededCode.TtlExceededInTransit, 28), expiringPing[..28]))),
            ("udp", Frame(toGateway, offendingUdp)),
            ("tcp syn", Frame(toGateway, syn)),
            ("dns query", Frame(toGateway, Dns(Host, Gateway, 40000, 53, query))),
            ("dns response", Frame(toHost, Dns(Gateway, Host, 53, 40000, response))),
            ("dns nxdomain", Frame(toHost, Dns(Gateway, Host, 53, 40000, nameError))),
        ];
    }

    /// <summary>The same frames built by scapy, printed as "name hex" lines, in the same order.</summary>
    public const string ScapyScript = """
        from scapy.all import *
        A, B = "52:54:00:12:34:56", "0a:1b:2c:3d:4e:5f"
        H, G, R, I = "192.168.1.10", "192.168.1.1", "192.168.1.254", "8.8.8.8"
        ping = bytes([0xA0 + i if i < 8 else i + 8 for i in range(56)])
        udp = IP(src=H, dst=G, id=0x4242, flags="DF")/UDP(sport=40000, dport=33434)/b"payload!"
        expiring = IP(src=H, dst=I, id=0x1c46, flags="DF", ttl=1)/ICMP(type=8, id=0x1234, seq=7)/ping
        syn = IP(src=H, dst=G, id=1, flags="DF")/TCP(sport=43210, dport=80, seq=0x01020304, flags="S", window=64240,
            options=[("MSS", 1460), ("SAckOK", b""), ("Timestamp", (0x11223344, 0)), ("NOP", None), ("WScale", 7)])
        q = DNSQR(qname="www.example.com", qtype="A")
        response = DNS(id=0xbeef, qr=1, rd=1, ra=1, qd=q,
            an=DNSRR(rrname="www.example.com", type="CNAME", ttl=300, rdata="example.com")
              /DNSRR(rrname="example.com", type="A", ttl=3600, rdata="93.184.216.34")).compress()
        nxdomain = DNS(id=0xcafe, qr=1, rd=1, ra=1, rcode=3, qd=DNSQR(qname="nosuch.example", qtype="A"))
        frames = [
            ("arp request", Ether(dst="ff:ff:ff:ff:ff:ff", src=A)/ARP(op=1, hwsrc=A, psrc=H, hwdst="00:00:00:00:00:00", pdst=G)),
            ("arp reply", Ether(dst=A, src=B)/ARP(op=2, hwsrc=B, psrc=G, hwdst=A, pdst=H)),
            ("vlan arp request", Ether(dst="ff:ff:ff:ff:ff:ff", src=A)/Dot1Q(vlan=100)/ARP(op=1, hwsrc=A, psrc=H, hwdst="00:00:00:00:00:00", pdst=G)),
            ("icmp echo request", Ether(dst=B, src=A)/IP(src=H, dst=G, id=0x1c46, flags="DF")/ICMP(type=8, id=0x1234, seq=1)/ping),
            ("icmp echo reply", Ether(dst=A, src=B)/IP(src=G, dst=H, id=0x5a5a)/ICMP(type=0, id=0x1234, seq=1)/ping),
            ("icmp port unreachable", Ether(dst=A, src=B)/IP(src=G, dst=H, id=0x0101, tos=0xc0)/ICMP(type=3, code=3)/Raw(bytes(udp))),
            ("icmp fragmentation needed", Ether(dst=A, src=B)/IP(src=R, dst=H, id=0x0102, tos=0xc0)/ICMP(type=3, code=4, nexthopmtu=1400)/Raw(bytes(syn)[:28])),
            ("icmp time exceeded", Ether(dst=A, src=B)/IP(src=R, dst=H, id=0x0103, tos=0xc0)/ICMP(type=11, code=0)/Raw(bytes(expiring)[:28])),
            ("udp", Ether(dst=B, src=A)/udp),
            ("tcp syn", Ether(dst=B, src=A)/syn),
            ("dns query", Ether(dst=B, src=A)/IP(src=H, dst=G)/UDP(sport=40000, dport=53)/DNS(id=0xbeef, rd=1, qd=q)),
            ("dns response", Ether(dst=A, src=B)/IP(src=G, dst=H)/UDP(sport=53, dport=40000)/Raw(bytes(response))),
            ("dns nxdomain", Ether(dst=A, src=B)/IP(src=G, dst=H)/UDP(sport=53, dport=40000)/nxdomain),
        ]
        for name, frame in frames:
            print(name + "|" + bytes(frame).hex())
        """;

    private static byte[] Frame(EthernetRepr ethernet, byte[] payload)
    {
        var frame = new byte[ethernet.HeaderLength + payload.Length];
        ethernet.Emit(frame);
        payload.CopyTo(frame, ethernet.HeaderLength);
        return frame;
    }

    private static byte[] Arp(ArpRepr arp)
    {
        var bytes = new byte[arp.BufferLength];
        arp.Emit(bytes);
        return bytes;
    }

    private static byte[] Icmp(Ipv4Repr ip, IcmpRepr icmp, byte[] payload)
    {
        ip = ip with { PayloadLength = icmp.BufferLength };
        var bytes = new byte[ip.BufferLength];
        ip.Emit(bytes);
        icmp.Emit(bytes.AsSpan(ip.HeaderLength), payload);
        return bytes;
    }

    private static byte[] Udp(Ipv4Repr ip, UdpRepr udp, byte[] payload)
    {
        ip = ip with { PayloadLength = udp.BufferLength };
        var bytes = new byte[ip.BufferLength];
        ip.Emit(bytes);
        udp.Emit(bytes.AsSpan(ip.HeaderLength), ip.Source, ip.Destination, payload);
        return bytes;
    }

    private static byte[] Tcp(Ipv4Repr ip, TcpRepr tcp, byte[] options, byte[] payload)
    {
        ip = ip with { PayloadLength = tcp.BufferLength };
        var bytes = new byte[ip.BufferLength];
        ip.Emit(bytes);
        tcp.Emit(bytes.AsSpan(ip.HeaderLength), ip.Source, ip.Destination, payload, options);
        return bytes;
    }

    private static byte[] Dns(Ipv4Address source, Ipv4Address destination, ushort sourcePort, ushort destinationPort, DnsRepr dns)
    {
        // scapy's IP() defaults: id 1, no flags; a resolver's own packets differ, but the bytes must match scapy's.
        var message = new byte[dns.BufferLength];
        dns.Emit(message);
        return Udp(new Ipv4Repr(source, destination, IpProtocol.Udp, 0) { Identification = 1 },
            new UdpRepr(sourcePort, destinationPort, message.Length), message);
    }
}
