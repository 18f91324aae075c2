namespace Simulator.Cli.Commands.Tcpdump.Filter;

/// <summary>
/// <c>[ip|arp|rarp] [src|dst] host|net ADDRESS</c> (gen_hostop): the EtherType, then the address
/// field (IPv4 source and destination; the ARP sender and target protocol addresses) under the mask.
/// </summary>
public sealed class HostTest(int tags, ushort etherType, int sourceOffset, int destinationOffset,
    uint address, uint mask, DirectionQualifier direction) : FilterNode
{
    public override bool Matches(FilterFrame frame)
    {
        if (frame.U16(frame.EtherTypeOffset(tags)) != etherType) return false;
        int network = frame.NetworkOffset(tags);
        bool Source() => (frame.U32(network + sourceOffset) & mask) == address;
        bool Destination() => (frame.U32(network + destinationOffset) & mask) == address;
        return direction switch
        {
            DirectionQualifier.Source => Source(),
            DirectionQualifier.Destination => Destination(),
            DirectionQualifier.Both => Source() && Destination(),
            _ => Source() || Destination(),
        };
    }
}

/// <summary><c>tcp</c>, <c>udp</c>, <c>icmp</c>, <c>ip proto N</c>…: the protocol field of IPv4 and/or the next header of IPv6.</summary>
public sealed class ProtocolTest(int tags, int protocol, bool ipv4, bool ipv6) : FilterNode
{
    public override bool Matches(FilterFrame frame)
    {
        ushort type = frame.U16(frame.EtherTypeOffset(tags));
        int network = frame.NetworkOffset(tags);
        if (ipv4 && type == 0x0800 && frame.U8(network + 9) == protocol) return true;
        return ipv6 && type == 0x86dd && frame.U8(network + 6) == protocol;
    }
}

/// <summary>
/// <c>[tcp|udp|sctp] [src|dst] port N</c> and <c>portrange A-B</c> (gen_port, gen_portrange):
/// over IPv4, a first fragment of one of <paramref name="protocols"/> whose port is in range; over
/// IPv6, a packet whose next header is one of them.
/// </summary>
public sealed class PortTest(int tags, IReadOnlyList<byte> protocols, int low, int high, DirectionQualifier direction) : FilterNode
{
    public override bool Matches(FilterFrame frame)
    {
        ushort type = frame.U16(frame.EtherTypeOffset(tags));
        int network = frame.NetworkOffset(tags);
        int transport;
        if (type == 0x0800)
        {
            if (!protocols.Contains(frame.U8(network + 9))) return false;
            if ((frame.U16(network + 6) & 0x1fff) != 0) return false;
            transport = network + (frame.U8(network) & 0x0f) * 4;
        }
        else if (type == 0x86dd)
        {
            if (!protocols.Contains(frame.U8(network + 6))) return false;
            transport = network + 40;
        }
        else
        {
            return false;
        }
        bool InRange(int port) => port >= low && port <= high;
        bool Source() => InRange(frame.U16(transport));
        bool Destination() => InRange(frame.U16(transport + 2));
        return direction switch
        {
            DirectionQualifier.Source => Source(),
            DirectionQualifier.Destination => Destination(),
            DirectionQualifier.Both => Source() && Destination(),
            _ => Source() || Destination(),
        };
    }
}

/// <summary><c>ip multicast</c>: a class D destination; <c>ip6 multicast</c>: ff00::/8.</summary>
public sealed class IpMulticastTest(int tags, bool ipv6) : FilterNode
{
    public override bool Matches(FilterFrame frame)
    {
        ushort type = frame.U16(frame.EtherTypeOffset(tags));
        int network = frame.NetworkOffset(tags);
        return ipv6
            ? type == 0x86dd && frame.U8(network + 24) == 0xff
            : type == 0x0800 && frame.U8(network + 16) >= 224;
    }
}
