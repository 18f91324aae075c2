using System.Buffers.Binary;
using Simulator.Core.Addressing;
using Simulator.Core.Wire;
using Simulator.Netfilter.Conntrack;

namespace Simulator.Netfilter.Nat;

/// <summary>
/// Rewriting packets to a NAT target tuple (net/netfilter/nf_nat_proto.c): the address in the
/// IPv4 header and the port (or ICMP query identifier) in the transport header, each checksum
/// updated incrementally (RFC 1624) — the transport checksum for the port and, through the
/// pseudo-header, for the address. ICMP errors get their quoted packet translated too.
/// </summary>
public static class NatRewrite
{
    /// <summary>
    /// nf_nat_ipv4_manip_pkt: make the IPv4 packet at <paramref name="ipOffset"/> of
    /// <paramref name="packet"/> carry <paramref name="target"/>'s source (or destination) address
    /// and port. A transport header cut short (the one quoted in an ICMP error) has its ports
    /// rewritten but not its checksum, which lies beyond the quote.
    /// </summary>
    public static void Manipulate(Span<byte> packet, int ipOffset, in ConntrackTuple target, NatManipType type)
    {
        var ip = new Ipv4Packet(packet[ipOffset..]);
        int l4 = ipOffset + ip.HeaderLength;
        var oldAddress = type == NatManipType.Source ? ip.Source : ip.Destination;
        var newAddress = type == NatManipType.Source ? target.Source : target.Destination;
        var transport = packet[Math.Min(l4, packet.Length)..];
        switch (target.Protocol)
        {
            case ConntrackTuple.Tcp:
                ManipulateTcp(transport, target, type, oldAddress, newAddress);
                break;
            case ConntrackTuple.Udp:
                ManipulateUdp(transport, target, type, oldAddress, newAddress);
                break;
            case ConntrackTuple.Icmp:
                ManipulateIcmp(transport, target);
                break;
        }
        if (type == NatManipType.Source) ip.RewriteSource(newAddress);
        else ip.RewriteDestination(newAddress);
    }

    private static void ManipulateTcp(Span<byte> tcp, in ConntrackTuple target, NatManipType type,
        Ipv4Address oldAddress, Ipv4Address newAddress)
    {
        if (tcp.Length < 8) return;
        int portOffset = type == NatManipType.Source ? TcpPacket.SourcePortOffset : TcpPacket.DestinationPortOffset;
        ushort newPort = type == NatManipType.Source ? target.SourcePort : target.DestinationPort;
        ushort oldPort = BinaryPrimitives.ReadUInt16BigEndian(tcp[portOffset..]);
        BinaryPrimitives.WriteUInt16BigEndian(tcp[portOffset..], newPort);
        // "This could be an inner header returned in an ICMP packet": no checksum then.
        if (tcp.Length < TcpPacket.MinHeaderLength) return;
        var checksum = tcp[TcpPacket.ChecksumOffset..];
        ushort sum = BinaryPrimitives.ReadUInt16BigEndian(checksum);
        sum = InternetChecksum.Update(sum, oldAddress, newAddress);
        sum = InternetChecksum.Update(sum, oldPort, newPort);
        BinaryPrimitives.WriteUInt16BigEndian(checksum, sum);
    }

    private static void ManipulateUdp(Span<byte> udp, in ConntrackTuple target, NatManipType type,
        Ipv4Address oldAddress, Ipv4Address newAddress)
    {
        if (udp.Length < UdpPacket.HeaderLength) return;
        int portOffset = type == NatManipType.Source ? UdpPacket.SourcePortOffset : UdpPacket.DestinationPortOffset;
        ushort newPort = type == NatManipType.Source ? target.SourcePort : target.DestinationPort;
        ushort oldPort = BinaryPrimitives.ReadUInt16BigEndian(udp[portOffset..]);
        var checksum = udp[UdpPacket.ChecksumOffset..];
        ushort sum = BinaryPrimitives.ReadUInt16BigEndian(checksum);
        if (sum != 0)
        {
            // A zero UDP checksum means "none" (RFC 768) and stays so; a computed zero is sent as all ones.
            sum = InternetChecksum.Update(sum, oldAddress, newAddress);
            sum = InternetChecksum.Update(sum, oldPort, newPort);
            BinaryPrimitives.WriteUInt16BigEndian(checksum, sum == 0 ? (ushort)0xFFFF : sum);
        }
        BinaryPrimitives.WriteUInt16BigEndian(udp[portOffset..], newPort);
    }

    /// <summary>icmp_manip_pkt: queries and their answers carry the identifier; other types are left alone.</summary>
    private static void ManipulateIcmp(Span<byte> icmp, in ConntrackTuple target)
    {
        if (icmp.Length < IcmpPacket.HeaderLength) return;
        if (!IsQueryOrAnswer(icmp[0])) return;
        var id = icmp[IcmpPacket.IdentifierOffset..];
        ushort oldId = BinaryPrimitives.ReadUInt16BigEndian(id);
        var checksum = icmp[IcmpPacket.ChecksumOffset..];
        BinaryPrimitives.WriteUInt16BigEndian(checksum,
            InternetChecksum.Update(BinaryPrimitives.ReadUInt16BigEndian(checksum), oldId, target.IcmpId));
        BinaryPrimitives.WriteUInt16BigEndian(id, target.IcmpId);
    }

    private static bool IsQueryOrAnswer(byte type) => type is 0 or 8 or 13 or 14 or 15 or 16 or 17 or 18;

    /// <summary>
    /// nf_nat_manip_pkt: rewrite a packet of <paramref name="entry"/> travelling in
    /// <paramref name="direction"/> so that it looks like the inverse of the other direction's tuple.
    /// </summary>
    public static void ManipulatePacket(Span<byte> packet, ConntrackEntry entry, NatManipType type, ConntrackDirection direction)
    {
        var other = entry.Tuple(direction == ConntrackDirection.Original ? ConntrackDirection.Reply : ConntrackDirection.Original);
        Manipulate(packet, 0, other.Invert(), type);
    }

    /// <summary>
    /// nf_nat_icmp_reply_translation: an ICMP error RELATED to a translated connection. The quoted
    /// packet is put back the way its sender saw it (the opposite manipulation to this hook's),
    /// the ICMP checksum recomputed over the whole message, then the outer header is translated
    /// like any reply of the connection.
    /// </summary>
    public static void TranslateIcmpError(Span<byte> packet, ConntrackEntry entry, ConntrackInfo info, NatManipType type)
    {
        var direction = info.Direction();
        var statusBit = type == NatManipType.Source ? ConntrackStatus.SrcNat : ConntrackStatus.DstNat;
        if (direction == ConntrackDirection.Reply) statusBit ^= ConntrackStatus.NatMask;
        if ((entry.Status & statusBit) == 0) return;

        var ip = new Ipv4Packet(packet);
        int icmpOffset = ip.HeaderLength;
        var other = entry.Tuple(direction == ConntrackDirection.Original ? ConntrackDirection.Reply : ConntrackDirection.Original);
        var inverseManip = type == NatManipType.Source ? NatManipType.Destination : NatManipType.Source;
        int innerOffset = icmpOffset + IcmpPacket.HeaderLength;
        if (packet.Length < innerOffset + Ipv4Packet.MinHeaderLength) return;
        Manipulate(packet, innerOffset, other, inverseManip);

        var icmp = new IcmpPacket(packet[icmpOffset..ip.TotalLength]);
        icmp.Checksum = 0;
        icmp.Checksum = InternetChecksum.Compute(icmp.Buffer);

        var outer = other.Invert() with { Protocol = ConntrackTuple.Icmp };
        Manipulate(packet, 0, outer, type);
    }
}
