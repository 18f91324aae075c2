using Simulator.Core.Addressing;
using Simulator.Core.Wire;

namespace Simulator.Cli.Commands.Tcpdump.Printing;

/// <summary>
/// ip_print (print-ip.c, tcpdump 4.99.3): <c>IP 10.0.0.1 > 10.0.0.2: </c> and the payload's
/// printer; with -v first <c>(tos 0x0, ttl 64, id 0, offset 0, flags [DF], proto ICMP (1),
/// length 84)</c> and a new line. A datagram longer than the bytes that came reads
/// <c>truncated-ip - N bytes missing!</c>; a later fragment prints only its protocol.
/// </summary>
internal static class Ipv4Printer
{
    private const int MinHeaderLength = 20;

    /// <summary>Prints the datagram at <paramref name="offset"/>; <paramref name="length"/> is what the link layer carried.</summary>
    public static void Print(Dissection d, int offset, int length)
    {
        d.Protocol = "ip";
        int version = d.U8(offset) >> 4;
        if (version != 4)
        {
            d.Print($"IP{version}{(version == 6 ? ", wrong link-layer encapsulation" : "")} (invalid)");
            return;
        }
        if (!d.Options.LinkHeader) d.Print("IP ");
        d.Require(offset, MinHeaderLength);
        int headerLength = (d.U8(offset) & 0x0f) * 4;
        if (headerLength < MinHeaderLength)
        {
            d.Print($"bad-hlen {headerLength}");
            return;
        }
        int totalLength = d.U16(offset + 2);
        if (length < totalLength) d.Print($"truncated-ip - {totalLength - length} bytes missing! ");
        if (totalLength < headerLength)
        {
            d.Print($"bad-len {totalLength}");
            return;
        }

        int saved = d.NarrowSnapEnd(offset + totalLength);
        ushort fragmentField = d.U16(offset + 6);
        byte protocol = d.U8(offset + 9);
        var source = new Ipv4Address(d.U32(offset + 12));
        var destination = new Ipv4Address(d.U32(offset + 16));
        int payloadLength = totalLength - headerLength;
        if (d.Options.Verbosity > 0) Header(d, offset, headerLength, totalLength, fragmentField, protocol);

        if ((fragmentField & 0x1fff) == 0)
        {
            if (protocol is not ((byte)IpProtocol.Tcp or (byte)IpProtocol.Udp or (byte)IpProtocol.Sctp or 33))
                d.Print($"{d.Names.Host(source)} > {d.Names.Host(destination)}: ");
            var datagram = new IpDatagram(offset, headerLength, payloadLength, source, destination, protocol,
                MoreFragments: (fragmentField & 0x2000) != 0);
            Demultiplex(d, datagram);
        }
        else
        {
            d.Print($"{d.Names.Host(source)} > {d.Names.Host(destination)}:");
            d.Print($" {d.Names.ProtocolName(protocol) ?? $"ip-proto-{protocol}"}");
        }
        d.RestoreSnapEnd(saved);
    }

    /// <summary>ip_demux_print: the printer for the protocol the datagram carries.</summary>
    private static void Demultiplex(Dissection d, IpDatagram ip)
    {
        switch (ip.Protocol)
        {
            case (byte)IpProtocol.Icmp:
                IcmpPrinter.Print(d, ip);
                return;
            case (byte)IpProtocol.Udp:
                UdpPrinter.Print(d, ip);
                return;
            case (byte)IpProtocol.Tcp:
                TcpPrinter.Print(d, ip);
                return;
        }
        if (ProtocolTables.IpProtocolNotModelled(ip.Protocol))
        {
            // SCTP and DCCP print their ports with the addresses, as TCP and UDP do.
            if (ip.Protocol is (byte)IpProtocol.Sctp or 33)
                d.Print($"{d.Names.Host(ip.Source)}.{d.U16(ip.PayloadOffset)} > {d.Names.Host(ip.Destination)}.{d.U16(ip.PayloadOffset + 2)}: ");
            d.Print($"[netsim: {ProtocolTables.IpProtocolName(ip.Protocol)} payload not decoded] {ip.PayloadLength}");
            return;
        }
        d.Print($" {d.Names.ProtocolName(ip.Protocol) ?? $"ip-proto-{ip.Protocol}"} {ip.PayloadLength}");
    }

    private static void Header(Dissection d, int offset, int headerLength, int totalLength, ushort fragmentField, byte protocol)
    {
        byte tos = d.U8(offset + 1);
        d.Print($"(tos 0x{tos:x}");
        d.Print((tos & 0x03) switch { 1 => ",ECT(1)", 2 => ",ECT(0)", 3 => ",CE", _ => "" });
        byte ttl = d.U8(offset + 8);
        if (ttl >= 1) d.Print($", ttl {ttl}");
        var flags = new List<string>();
        if ((fragmentField & 0x2000) != 0) flags.Add("+");
        if ((fragmentField & 0x4000) != 0) flags.Add("DF");
        if ((fragmentField & 0x8000) != 0) flags.Add("rsvd");
        d.Print($", id {d.U16(offset + 4)}, offset {(fragmentField & 0x1fff) * 8}, flags [{(flags.Count == 0 ? "none" : string.Join(", ", flags))}]");
        d.Print($", proto {ProtocolTables.IpProtocolName(protocol)} ({protocol}), length {totalLength}");
        if (headerLength > MinHeaderLength) Options(d, offset + MinHeaderLength, headerLength - MinHeaderLength);
        if (!d.Options.NoChecksumVerification && d.Has(offset, headerLength))
        {
            var header = new Ipv4Packet(d.Data.AsSpan(offset, headerLength));
            if (!header.IsChecksumValid)
                d.Print($", bad cksum {header.Checksum:x} (->{header.ComputeChecksum():x})!");
        }
        d.Print(")\n    ");
    }

    // ip_optprint, for the options the model's stack could carry (none it sends): EOL and NOP.
    private static void Options(Dissection d, int offset, int length)
    {
        d.Print(", options (");
        var names = new List<string>();
        for (int i = 0; i < length;)
        {
            byte code = d.U8(offset + i);
            if (code == 0)
            {
                names.Add("EOL");
                break;
            }
            if (code == 1)
            {
                names.Add("NOP");
                i++;
                continue;
            }
            names.Add($"[netsim: option {code} not decoded]");
            break;
        }
        d.Print(string.Join(",", names));
        d.Print(")");
    }
}

/// <summary>What the transport printers need to know of the datagram that carried them.</summary>
internal readonly record struct IpDatagram(
    int Offset,
    int HeaderLength,
    int PayloadLength,
    Ipv4Address Source,
    Ipv4Address Destination,
    byte Protocol,
    bool MoreFragments)
{
    public int PayloadOffset => Offset + HeaderLength;
}
