using Simulator.Core.Wire;

namespace Simulator.Cli.Commands.Tcpdump.Printing;

/// <summary>
/// tcp_print (print-tcp.c, 4.99.3): <c>10.0.0.1.45678 > 10.0.0.2.9000: Flags [S], seq 123, win
/// 64240, options [mss 1460,sackOK,TS val 1 ecr 0,nop,wscale 7], length 0</c>, with sequence
/// numbers relative per conversation (<see cref="TcpSequenceTracker"/>) unless -S; -v adds the
/// checksum, -q prints <c>tcp N</c>. Payloads: HTTP's first line on ports 80 and 8080, an SSH
/// banner on 22; other ports tcpdump decodes are flagged as not modelled.
/// </summary>
internal static class TcpPrinter
{
    private const int MinHeaderLength = 20;

    // The ports whose payload tcp_print hands to another printer (measured), besides HTTP and SSH.
    private static readonly HashSet<ushort> DissectedPorts =
        [21, 25, 43, 53, 179, 323, 554, 639, 1723, 6379, 6633, 6653, 8554, 10288];

    // tcp_flag_values, printed without separators in this order.
    private static readonly (byte Bit, char Name)[] FlagNames =
        [(0x01, 'F'), (0x02, 'S'), (0x04, 'R'), (0x08, 'P'), (0x10, '.'), (0x20, 'U'), (0x40, 'E'), (0x80, 'W')];

    public static void Print(Dissection d, IpDatagram ip)
    {
        d.Protocol = "tcp";
        int offset = ip.PayloadOffset;
        int length = ip.PayloadLength;
        if (!d.Has(offset, 4))
        {
            d.Print($"{d.Names.Host(ip.Source)} > {d.Names.Host(ip.Destination)}:");
            throw new TruncatedPacket("tcp", leftEarly: false);
        }
        ushort sourcePort = d.U16(offset);
        ushort destinationPort = d.U16(offset + 2);
        d.Print($"{d.Names.Host(ip.Source)}.{d.Names.TcpPort(sourcePort)} > {d.Names.Host(ip.Destination)}.{d.Names.TcpPort(destinationPort)}: ");
        d.Require(offset, MinHeaderLength);

        int headerLength = (d.U8(offset + 12) >> 4) * 4;
        if (headerLength < MinHeaderLength)
        {
            d.Print($" tcp {length - headerLength} [bad hdr length {headerLength} - too short, < {MinHeaderLength}]");
            return;
        }
        uint seq = d.U32(offset + 4);
        uint ack = d.U32(offset + 8);
        ushort window = d.U16(offset + 14);
        ushort urgent = d.U16(offset + 18);
        if (d.Options.Quiet)
        {
            d.Print($"tcp {length - headerLength}");
            if (headerLength > length) d.Print($" [bad hdr length {headerLength} - too long, > {length}]");
            return;
        }

        byte flags = d.U8(offset + 13);
        var flagText = new string(FlagNames.Where(f => (flags & f.Bit) != 0).Select(f => f.Name).ToArray());
        d.Print($"Flags [{(flagText.Length == 0 ? "none" : flagText)}]");

        bool reverse = false;
        uint baseSeq = 0, baseAck = 0;
        if (!d.Options.AbsoluteSequenceNumbers && (flags & 0x10) != 0)
            (reverse, baseSeq, baseAck) = d.Context.TcpSequences.Track(ip.Source, ip.Destination,
                sourcePort, destinationPort, (flags & 0x02) != 0, ref seq, ref ack);

        if (headerLength > length)
        {
            d.Print($" [bad hdr length {headerLength} - too long, > {length}]");
            return;
        }

        if (d.Options.Verbosity > 0 && !d.Options.NoChecksumVerification && !ip.MoreFragments && d.Has(offset, length))
        {
            var segment = d.Data.AsSpan(offset, length);
            ushort carried = d.U16(offset + 16);
            d.Print($", cksum 0x{carried:x4}");
            d.Print(InternetChecksum.IsValid(ip.Source, ip.Destination, IpProtocol.Tcp, segment)
                ? " (correct)"
                : $" (incorrect -> 0x{TransportChecksum.ShouldBe(ip, IpProtocol.Tcp, segment, 16):x4})");
        }

        length -= headerLength;
        if (d.Options.Verbosity > 1 || length > 0 || (flags & 0x07) != 0)
        {
            d.Print($", seq {seq}");
            if (length > 0) d.Print($":{seq + (uint)length}");
        }
        if ((flags & 0x10) != 0) d.Print($", ack {ack}");
        d.Print($", win {window}");
        if ((flags & 0x20) != 0) d.Print($", urg {urgent}");
        if (headerLength > MinHeaderLength
            && !TcpOptionsPrinter.Print(d, offset + MinHeaderLength, headerLength - MinHeaderLength, reverse ? baseSeq : baseAck))
            return;
        d.Print($", length {length}");
        if (length <= 0) return;

        int payload = offset + headerLength;
        if ((flags & 0x04) != 0 && d.Options.Verbosity > 0)
        {
            d.Print(" [netsim: RST data not decoded]");
            return;
        }
        Payload(d, payload, length, sourcePort, destinationPort);
    }

    private static void Payload(Dissection d, int offset, int length, ushort sourcePort, ushort destinationPort)
    {
        bool Either(ushort port) => sourcePort == port || destinationPort == port;
        if (Either(22))
        {
            TextProtocolPrinter.PrintSsh(d, offset, length);
        }
        else if (Either(80) || Either(8080))
        {
            d.Print(": ");
            TextProtocolPrinter.PrintHttp(d, offset, length);
        }
        else if (Either(23))
        {
            // telnet_print shows only the option negotiation, which starts with IAC.
            if (d.U8(offset) == 0xff) d.Print(" [netsim: telnet options not decoded]");
        }
        else if (DissectedPorts.Contains(sourcePort) || DissectedPorts.Contains(destinationPort))
        {
            d.Print($" [netsim: TCP port {(DissectedPorts.Contains(sourcePort) ? sourcePort : destinationPort)} payload not decoded]");
        }
    }
}
