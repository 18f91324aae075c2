using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using Simulator.Core.Addressing;
using Simulator.Core.Wire;
using Simulator.Netfilter.Targets;

namespace Simulator.Netfilter.Log;

/// <summary>
/// The line the LOG target writes to the kernel log (net/netfilter/nf_log_syslog.c
/// nf_log_ip_packet): prefix, devices, the received MAC header, then the IPv4 header and the
/// transport header field by field, each field followed by a space, as dmesg shows it.
/// </summary>
public static class PacketLogLine
{
    /// <param name="target">The LOG rule's options (prefix, flags).</param>
    /// <param name="inDevice">Input device name, or null (OUTPUT, POSTROUTING of local packets).</param>
    /// <param name="outDevice">Output device name, or null.</param>
    /// <param name="macHeader">The Ethernet header the packet arrived with; printed only when there is an input device.</param>
    /// <param name="packet">The IPv4 packet.</param>
    /// <param name="mark">skb->mark, shown when not zero.</param>
    public static string Format(LogTarget target, string? inDevice, string? outDevice, ReadOnlySpan<byte> macHeader,
        ReadOnlySpan<byte> packet, uint mark, string? physIn = null, string? physOut = null)
    {
        var line = new StringBuilder(160);
        line.Append(target.Prefix).Append("IN=").Append(inDevice).Append(" OUT=").Append(outDevice).Append(' ');
        if (physIn is not null && physIn != inDevice) line.Append("PHYSIN=").Append(physIn).Append(' ');
        if (physOut is not null && physOut != outDevice) line.Append("PHYSOUT=").Append(physOut).Append(' ');
        if (inDevice is not null)
        {
            if ((target.Flags & LogFlags.MacDecode) != 0 && macHeader.Length >= 14)
            {
                line.Append("MACSRC=").Append(Mac(macHeader[6..12])).Append(" MACDST=").Append(Mac(macHeader[..6]))
                    .Append(" MACPROTO=").Append(BinaryPrimitives.ReadUInt16BigEndian(macHeader[12..]).ToString("x4", CultureInfo.InvariantCulture)).Append(' ');
            }
            else
            {
                line.Append("MAC=");
                for (int i = 0; i < macHeader.Length; i++)
                {
                    if (i > 0) line.Append(':');
                    line.Append(macHeader[i].ToString("x2", CultureInfo.InvariantCulture));
                }
                line.Append(' ');
            }
        }
        DumpIpv4(line, target.Flags, packet, outermost: true);
        if (mark != 0) line.Append("MARK=0x").Append(mark.ToString("x", CultureInfo.InvariantCulture)).Append(' ');
        return line.ToString();
    }

    private static string Mac(ReadOnlySpan<byte> bytes) => string.Join(':', bytes.ToArray().Select(b => b.ToString("x2", CultureInfo.InvariantCulture)));

    /// <summary>dump_ipv4_packet, which recurses once into the packet an ICMP error quotes.</summary>
    private static void DumpIpv4(StringBuilder line, LogFlags flags, ReadOnlySpan<byte> packet, bool outermost)
    {
        if (packet.Length < Ipv4Packet.MinHeaderLength)
        {
            line.Append("TRUNCATED");
            return;
        }
        int headerLength = (packet[0] & 0x0F) * 4;
        byte tos = packet[Ipv4Packet.TosOffset];
        ushort totalLength = BinaryPrimitives.ReadUInt16BigEndian(packet[Ipv4Packet.TotalLengthOffset..]);
        ushort fragment = BinaryPrimitives.ReadUInt16BigEndian(packet[Ipv4Packet.FlagsAndFragmentOffsetOffset..]);
        byte protocol = packet[Ipv4Packet.ProtocolOffset];
        var invariant = CultureInfo.InvariantCulture;
        line.Append("SRC=").Append(Ipv4Address.Read(packet[Ipv4Packet.SourceOffset..]))
            .Append(" DST=").Append(Ipv4Address.Read(packet[Ipv4Packet.DestinationOffset..])).Append(' ');
        line.Append("LEN=").Append(totalLength.ToString(invariant))
            .Append(" TOS=0x").Append((tos & 0x1E).ToString("X2", invariant))
            .Append(" PREC=0x").Append((tos & 0xE0).ToString("X2", invariant))
            .Append(" TTL=").Append(packet[Ipv4Packet.TtlOffset].ToString(invariant))
            .Append(" ID=").Append(BinaryPrimitives.ReadUInt16BigEndian(packet[Ipv4Packet.IdentificationOffset..]).ToString(invariant)).Append(' ');
        if ((fragment & 0x8000) != 0) line.Append("CE ");
        if ((fragment & 0x4000) != 0) line.Append("DF ");
        if ((fragment & 0x2000) != 0) line.Append("MF ");
        int offset = fragment & 0x1FFF;
        if (offset != 0) line.Append("FRAG:").Append(offset.ToString(invariant)).Append(' ');
        if ((flags & LogFlags.IpOptions) != 0 && headerLength > Ipv4Packet.MinHeaderLength && packet.Length >= headerLength)
            line.Append("OPT (").Append(Convert.ToHexString(packet[Ipv4Packet.MinHeaderLength..headerLength])).Append(") ");

        var l4 = packet.Length > headerLength ? packet[headerLength..] : [];
        switch (protocol)
        {
            case 6:
                line.Append("PROTO=TCP ");
                if (offset != 0) break;
                if (l4.Length < TcpPacket.MinHeaderLength)
                {
                    line.Append("INCOMPLETE [").Append(l4.Length.ToString(invariant)).Append(" bytes] ");
                    return;
                }
                line.Append("SPT=").Append(BinaryPrimitives.ReadUInt16BigEndian(l4).ToString(invariant))
                    .Append(" DPT=").Append(BinaryPrimitives.ReadUInt16BigEndian(l4[2..]).ToString(invariant)).Append(' ');
                if ((flags & LogFlags.TcpSequence) != 0)
                    line.Append("SEQ=").Append(BinaryPrimitives.ReadUInt32BigEndian(l4[4..]).ToString(invariant))
                        .Append(" ACK=").Append(BinaryPrimitives.ReadUInt32BigEndian(l4[8..]).ToString(invariant)).Append(' ');
                line.Append("WINDOW=").Append(BinaryPrimitives.ReadUInt16BigEndian(l4[14..]).ToString(invariant)).Append(' ');
                line.Append("RES=0x").Append(((l4[12] & 0x0E) << 2).ToString("x2", invariant)).Append(' ');
                byte tcpFlags = l4[13];
                if ((l4[12] & 0x01) != 0) line.Append("AE ");
                foreach (var (bit, name) in (ReadOnlySpan<(int, string)>)[(0x80, "CWR"), (0x40, "ECE"), (0x20, "URG"), (0x10, "ACK"), (0x08, "PSH"), (0x04, "RST"), (0x02, "SYN"), (0x01, "FIN")])
                    if ((tcpFlags & bit) != 0) line.Append(name).Append(' ');
                line.Append("URGP=").Append(BinaryPrimitives.ReadUInt16BigEndian(l4[18..]).ToString(invariant)).Append(' ');
                int dataOffset = (l4[12] >> 4) * 4;
                if ((flags & LogFlags.TcpOptions) != 0 && dataOffset > TcpPacket.MinHeaderLength && l4.Length >= dataOffset)
                    line.Append("OPT (").Append(Convert.ToHexString(l4[TcpPacket.MinHeaderLength..dataOffset])).Append(") ");
                break;
            case 17:
                line.Append("PROTO=UDP ");
                if (offset != 0) break;
                if (l4.Length < UdpPacket.HeaderLength)
                {
                    line.Append("INCOMPLETE [").Append(l4.Length.ToString(invariant)).Append(" bytes] ");
                    return;
                }
                line.Append("SPT=").Append(BinaryPrimitives.ReadUInt16BigEndian(l4).ToString(invariant))
                    .Append(" DPT=").Append(BinaryPrimitives.ReadUInt16BigEndian(l4[2..]).ToString(invariant))
                    .Append(" LEN=").Append(BinaryPrimitives.ReadUInt16BigEndian(l4[4..]).ToString(invariant)).Append(' ');
                break;
            case 1:
                line.Append("PROTO=ICMP ");
                if (offset != 0) break;
                if (l4.Length < 4)
                {
                    line.Append("INCOMPLETE [").Append(l4.Length.ToString(invariant)).Append(" bytes] ");
                    break;
                }
                byte type = l4[0];
                line.Append("TYPE=").Append(type.ToString(invariant)).Append(" CODE=").Append(l4[1].ToString(invariant)).Append(' ');
                int required = type switch
                {
                    0 or 8 => 4,
                    3 or 4 or 5 or 11 or 12 => 8 + 20,
                    13 or 14 => 20,
                    17 or 18 => 12,
                    _ => 0,
                };
                if (required != 0 && l4.Length < required)
                {
                    line.Append("INCOMPLETE [").Append(l4.Length.ToString(invariant)).Append(" bytes] ");
                    break;
                }
                switch (type)
                {
                    case 0 or 8:
                        line.Append("ID=").Append(BinaryPrimitives.ReadUInt16BigEndian(l4[4..]).ToString(invariant))
                            .Append(" SEQ=").Append(BinaryPrimitives.ReadUInt16BigEndian(l4[6..]).ToString(invariant)).Append(' ');
                        break;
                    case 12:
                        line.Append("PARAMETER=").Append(l4[4].ToString(invariant)).Append(' ');
                        break;
                    case 5 or 3 or 4 or 11:
                        if (type == 5) line.Append("GATEWAY=").Append(Ipv4Address.Read(l4[4..])).Append(' ');
                        if (outermost)
                        {
                            line.Append('[');
                            DumpIpv4(line, flags, l4[8..], outermost: false);
                            line.Append("] ");
                        }
                        if (type == 3 && l4[1] == 4)
                            line.Append("MTU=").Append(BinaryPrimitives.ReadUInt16BigEndian(l4[6..]).ToString(invariant)).Append(' ');
                        break;
                }
                break;
            default:
                line.Append("PROTO=").Append(protocol.ToString(invariant)).Append(' ');
                break;
        }
    }
}
