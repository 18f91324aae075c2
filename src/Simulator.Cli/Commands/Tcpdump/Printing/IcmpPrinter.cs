using Simulator.Core.Addressing;
using Simulator.Core.Wire;

namespace Simulator.Cli.Commands.Tcpdump.Printing;

/// <summary>
/// icmp_print (print-icmp.c): <c>ICMP echo request, id 60162, seq 15, length 64</c>,
/// <c>ICMP host 10.0.0.9 unreachable, length 92</c>, <c>ICMP 10.0.0.2 udp port 9000 unreachable</c>,
/// <c>ICMP time exceeded in-transit</c>… The words are built before anything is printed, so a
/// message cut short prints only <c>[|icmp]</c>, as tcpdump's snprintf-then-print does. With -v
/// an error is followed by the datagram it quotes, printed as IPv4 on the next line.
/// </summary>
internal static class IcmpPrinter
{
    // ICMP header: type, code, checksum, then four bytes of type-specific data, then the quoted datagram.
    private const int QuotedOffset = 8;
    // ICMP_EXTD_MINLEN: where RFC 4884 extensions may start, after 128 bytes of quoted datagram.
    private const int ExtensionOffset = 136;

    public static void Print(Dissection d, IpDatagram ip)
    {
        d.Protocol = "icmp";
        int offset = ip.PayloadOffset;
        int length = ip.PayloadLength;
        byte type = d.U8(offset);
        byte code = d.U8(offset + 1);
        string words = Describe(d, offset, type, code);
        d.Print($"ICMP {words}, length {length}");

        // Unlike the IP, TCP and UDP printers, icmp_print checks the checksum even with -K.
        if (d.Options.Verbosity > 0 && !ip.MoreFragments && d.Has(offset, length))
        {
            var message = d.Data.AsSpan(offset, length);
            if (!InternetChecksum.IsValid(message))
            {
                ushort carried = d.U16(offset + 2);
                d.Print($" (wrong icmp cksum {carried:x} (->{ShouldBe(message):x})!)");
            }
        }

        if (d.Options.Verbosity > 0 && IcmpRepr.IsErrorType((IcmpType)type))
        {
            int quoted = offset + QuotedOffset;
            d.Print("\n\t");
            int quotedLength = d.U16(quoted + 2);
            int saved = d.NarrowSnapEnd(quoted + quotedLength);
            Ipv4Printer.Print(d, quoted, quotedLength);
            d.RestoreSnapEnd(saved);
            d.Protocol = "icmp";
        }

        // RFC 4884 extensions after the quoted datagram of these errors: tcpdump decodes them when
        // the extension's checksum holds (Linux sends none unless icmp_errors_extension_mask says so).
        if (d.Options.Verbosity > 0 && length > ExtensionOffset && type is 3 or 11 or 12)
        {
            bool present = d.U8(offset + 5) != 0
                || (d.Has(offset + ExtensionOffset, length - ExtensionOffset)
                    && InternetChecksum.IsValid(d.Data.AsSpan(offset + ExtensionOffset, length - ExtensionOffset)));
            if (present) d.Print("\n\t[netsim: ICMP multi-part extension not decoded]");
        }
    }

    private static string Describe(Dissection d, int offset, byte type, byte code)
    {
        int quoted = offset + QuotedOffset;
        string QuotedDestination() => d.Names.Host(new Ipv4Address(d.U32(quoted + 16)));
        switch (type)
        {
            case 0 or 8:
                return $"echo {(type == 8 ? "request" : "reply")}, id {d.U16(offset + 4)}, seq {d.U16(offset + 6)}";
            case 3:
                return Unreachable(d, offset, code, QuotedDestination);
            case 4:
                return "source quench";
            case 5:
            {
                var target = QuotedDestination();
                var gateway = d.Names.Host(new Ipv4Address(d.U32(offset + 4)));
                return code switch
                {
                    0 => $"redirect {target} to net {gateway}",
                    1 => $"redirect {target} to host {gateway}",
                    2 => $"redirect-tos {target} to net {gateway}",
                    3 => $"redirect-tos {target} to host {gateway}",
                    _ => $"redirect-#{code} {target} to {gateway}",
                };
            }
            case 9:
                return RouterAdvertisement(d, offset);
            case 10:
                return "router solicitation";
            case 11:
                d.Require(quoted + 16, 4);
                return code switch
                {
                    0 => "time exceeded in-transit",
                    1 => "ip reassembly time exceeded",
                    _ => $"time exceeded-#{code}",
                };
            case 12:
                return code != 0 ? $"parameter problem - code {code}" : $"parameter problem - octet {d.U8(offset + 4)}";
            case 13:
                return $"time stamp query id {d.U16(offset + 4)} seq {d.U16(offset + 6)}";
            case 14:
                d.Require(offset + 16, 4);
                return $"time stamp reply id {d.U16(offset + 4)} seq {d.U16(offset + 6)}: org {TimeStamp(d.U32(offset + 8))}"
                       + $", recv {TimeStamp(d.U32(offset + 12))}, xmit {TimeStamp(d.U32(offset + 16))}";
            case 15:
                return "information request";
            case 16:
                return "information reply";
            case 17:
                return "address mask request";
            case 18:
                return $"address mask is 0x{d.U32(offset + 8):x8}";
            default:
                return $"type-#{type}";
        }
    }

    // The addresses a router advertises, with their preference (RFC 1256).
    private static string RouterAdvertisement(Dissection d, int offset)
    {
        var text = new System.Text.StringBuilder("router advertisement lifetime ");
        d.Require(offset + 4, 4);
        int lifetime = d.U16(offset + 6);
        text.Append(lifetime < 60 ? $"{lifetime}"
            : lifetime < 3600 ? $"{lifetime / 60}:{lifetime % 60:D2}"
            : $"{lifetime / 3600}:{lifetime % 3600 / 60:D2}:{lifetime % 60:D2}");
        int count = d.U8(offset + 4);
        text.Append($" {count}:");
        int size = d.U8(offset + 5);
        if (size != 2) return text.Append($" [size {size}]").ToString();
        for (int i = 0, entry = offset + 8; i < count; i++, entry += 8)
        {
            d.Require(entry, 8);
            text.Append($" {{{d.Names.Host(new Ipv4Address(d.U32(entry)))} {d.U32(entry + 4)}}}");
        }
        return text.ToString();
    }

    // icmp_tstamp_print: milliseconds since midnight UT as hh:mm:ss.mmm.
    private static string TimeStamp(uint milliseconds)
    {
        uint seconds = milliseconds / 1000;
        return $"{seconds / 3600:D2}:{seconds / 60 % 60:D2}:{seconds % 60:D2}.{milliseconds % 1000:D3}";
    }

    private static string Unreachable(Dissection d, int offset, byte code, Func<string> destination)
    {
        int quoted = offset + QuotedOffset;
        switch (code)
        {
            case 2:
                return $"{destination()} protocol {d.U8(quoted + 9)} unreachable";
            case 3:
            {
                int headerLength = (d.U8(quoted) & 0x0f) * 4;
                ushort port = d.U16(quoted + headerLength + 2);
                byte protocol = d.U8(quoted + 9);
                string target = d.Names.Host(new Ipv4Address(d.U32(quoted + 16)));
                return protocol switch
                {
                    (byte)IpProtocol.Tcp => $"{target} tcp port {d.Names.TcpPort(port)} unreachable",
                    (byte)IpProtocol.Udp => $"{target} udp port {d.Names.UdpPort(port)} unreachable",
                    _ => $"{target} protocol {protocol} port {port} unreachable",
                };
            }
            case 4:
            {
                ushort mtu = d.U16(offset + 6);
                return mtu != 0
                    ? $"{destination()} unreachable - need to frag (mtu {mtu})"
                    : $"{destination()} unreachable - need to frag";
            }
        }
        // unreach2str
        return code switch
        {
            0 => $"net {destination()} unreachable",
            1 => $"host {destination()} unreachable",
            5 => $"{destination()} unreachable - source route failed",
            6 => $"net {destination()} unreachable - unknown",
            7 => $"host {destination()} unreachable - unknown",
            8 => $"{destination()} unreachable - source host isolated",
            9 => $"net {destination()} unreachable - admin prohibited",
            10 => $"host {destination()} unreachable - admin prohibited",
            11 => $"net {destination()} unreachable - tos prohibited",
            12 => $"host {destination()} unreachable - tos prohibited",
            13 => $"host {destination()} unreachable - admin prohibited filter",
            14 => $"host {destination()} unreachable - host precedence violation",
            15 => $"host {destination()} unreachable - precedence cutoff",
            _ => $"{destination()} unreachable - #{code}",
        };
    }

    /// <summary>in_cksum_shouldbe: the checksum the message should carry.</summary>
    internal static ushort ShouldBe(ReadOnlySpan<byte> message)
    {
        ushort carried = (ushort)(message[2] << 8 | message[3]);
        ushort sum = InternetChecksum.Add(InternetChecksum.Sum(message), (ushort)~carried);
        return (ushort)~sum;
    }
}
