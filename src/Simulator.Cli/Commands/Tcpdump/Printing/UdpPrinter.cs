using Simulator.Core.Wire;

namespace Simulator.Cli.Commands.Tcpdump.Printing;

/// <summary>
/// udp_print (print-udp.c): <c>10.0.0.1.45678 > 10.0.0.2.9000: UDP, length 6</c>; port 53 goes to
/// the DNS printer. -vv checks the checksum (<c>[udp sum ok]</c>, <c>[bad udp cksum 0x… -> 0x…!]</c>,
/// <c>[no cksum]</c>). tcpdump has printers for some fifty other ports (BOOTP, NTP, VXLAN…) that
/// the model does not, and says so instead of printing a line tcpdump would not.
/// </summary>
internal static class UdpPrinter
{
    private const int HeaderLength = 8;
    private const ushort DomainPort = 53;

    // The ports udp_print hands to another printer (measured: a datagram to each port, tcpdump -n).
    private static readonly HashSet<ushort> DissectedPorts =
    [
        67, 68, 69, 88, 123, 161, 162, 319, 320, 496, 500, 514, 520, 521, 525, 546, 547, 646, 654, 698,
        701, 750, 921, 1589, 1645, 1646, 1700, 1701, 1812, 1813, 1985, 2049, 2103, 2104, 3456, 3503,
        3784, 3785, 3799, 4342, 4500, 4567, 4784, 4789, 4790, 5060, 5353, 5359, 6081, 6343, 6635,
        6696, 6697, 6784, 7000, 7001, 7002, 7003, 7004, 7005, 7006, 7007, 7008, 7009, 7500, 8231,
        8472, 8500, 12222, 12223, 17754, 30490,
    ];

    public static void Print(Dissection d, IpDatagram ip)
    {
        d.Protocol = "udp";
        int offset = ip.PayloadOffset;
        int length = ip.PayloadLength;
        string source = d.Names.Host(ip.Source), destination = d.Names.Host(ip.Destination);
        if (!d.Has(offset, 4))
        {
            d.Print($"{source} > {destination}: ");
            throw new TruncatedPacket("udp", leftEarly: false);
        }
        ushort sourcePort = d.U16(offset);
        ushort destinationPort = d.U16(offset + 2);
        string addresses = $"{source}.{d.Names.UdpPort(sourcePort)} > {destination}.{d.Names.UdpPort(destinationPort)}: ";
        if (length < HeaderLength)
        {
            d.Print($"{addresses}truncated-udp {length}");
            return;
        }
        if (!d.Has(offset + 4, 2))
        {
            d.Print(addresses);
            throw new TruncatedPacket("udp", leftEarly: false);
        }
        int udpLength = d.U16(offset + 4);
        if (udpLength < HeaderLength)
        {
            d.Print($"{addresses}truncated-udplength {udpLength}");
            return;
        }
        udpLength -= HeaderLength;
        length -= HeaderLength;
        if (udpLength < length) length = udpLength;
        int payload = offset + HeaderLength;
        if (payload > d.SnapEnd)
        {
            d.Print(addresses);
            throw new TruncatedPacket("udp", leftEarly: false);
        }
        d.Print(addresses);

        if (d.Options.Verbosity > 1 && !d.Options.NoChecksumVerification && !ip.MoreFragments)
        {
            ushort carried = d.U16(offset + 6);
            if (carried == 0)
            {
                d.Print("[no cksum] ");
            }
            else if (d.Has(payload, length))
            {
                var datagram = d.Data.AsSpan(offset, HeaderLength + length);
                if (InternetChecksum.IsValid(ip.Source, ip.Destination, IpProtocol.Udp, datagram))
                    d.Print("[udp sum ok] ");
                else
                    d.Print($"[bad udp cksum 0x{carried:x4} -> 0x{TransportChecksum.ShouldBe(ip, IpProtocol.Udp, datagram, 6):x4}!] ");
            }
        }

        if (!d.Options.Quiet)
        {
            if (sourcePort == DomainPort || destinationPort == DomainPort)
            {
                DnsPrinter.Print(d, payload, length);
                return;
            }
            if (DissectedPorts.Contains(sourcePort) || DissectedPorts.Contains(destinationPort))
            {
                d.Print($"[netsim: UDP port {(DissectedPorts.Contains(sourcePort) ? sourcePort : destinationPort)} payload not decoded], length {udpLength}");
                return;
            }
        }
        d.Print(udpLength > length && !ip.MoreFragments ? $"UDP, bad length {udpLength} > {length}" : $"UDP, length {udpLength}");
    }
}

/// <summary>The checksum a TCP or UDP segment should carry, for tcpdump's "-> 0x…" (in_cksum_shouldbe).</summary>
internal static class TransportChecksum
{
    public static ushort ShouldBe(IpDatagram ip, IpProtocol protocol, ReadOnlySpan<byte> segment, int checksumOffset)
    {
        ushort carried = (ushort)(segment[checksumOffset] << 8 | segment[checksumOffset + 1]);
        ushort sum = InternetChecksum.Add(InternetChecksum.PseudoHeaderSum(ip.Source, ip.Destination, protocol, segment.Length),
            InternetChecksum.Sum(segment));
        sum = InternetChecksum.Add(sum, (ushort)~carried);
        return (ushort)~sum;
    }
}
