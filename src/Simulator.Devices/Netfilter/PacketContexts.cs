using System.Buffers.Binary;
using Simulator.Core.Addressing;
using Simulator.Core.Packets;
using Simulator.Core.Wire;
using Simulator.Devices.Links;
using Simulator.Netfilter;
using Simulator.Netfilter.Conntrack;

namespace Simulator.Devices.Netfilter;

/// <summary>Fills the <see cref="PacketContext"/> the matches read, from a packet's bytes, devices and connection.</summary>
internal static class PacketContexts
{
    public static PacketContext Build(NetfilterHook hook, Packet packet, NetDevice? input, NetDevice? output)
    {
        var context = new PacketContext
        {
            Hook = hook,
            InDevice = input?.Name,
            OutDevice = output?.Name,
            Mark = packet.Mark,
        };
        if (input is not null) context.SourceMac = ReceivedSourceMac(packet);
        ReadHeaders(ref context, packet.Data);
        SetConnection(ref context, packet);
        return context;
    }

    /// <summary>Addresses, protocol, ports, flags and length: again after NAT rewrote the packet.</summary>
    public static void ReadHeaders(ref PacketContext context, Span<byte> data)
    {
        var ip = new Ipv4Packet(data);
        context.Source = ip.Source;
        context.Destination = ip.Destination;
        context.Protocol = (byte)ip.Protocol;
        context.Length = (uint)data.Length;
        context.IsFragment = ip.FragmentOffset != 0;
        context.SourcePort = context.DestinationPort = 0;
        context.TcpFlags = context.IcmpType = context.IcmpCode = 0;
        if (context.IsFragment) return;
        var l4 = data[Math.Min(ip.HeaderLength, data.Length)..];
        switch (ip.Protocol)
        {
            case IpProtocol.Tcp when l4.Length >= TcpPacket.MinHeaderLength:
                context.SourcePort = BinaryPrimitives.ReadUInt16BigEndian(l4);
                context.DestinationPort = BinaryPrimitives.ReadUInt16BigEndian(l4[2..]);
                context.TcpFlags = l4[TcpPacket.DataOffsetAndFlagsOffset + 1];
                break;
            case IpProtocol.Udp when l4.Length >= UdpPacket.HeaderLength:
                context.SourcePort = BinaryPrimitives.ReadUInt16BigEndian(l4);
                context.DestinationPort = BinaryPrimitives.ReadUInt16BigEndian(l4[2..]);
                break;
            case IpProtocol.Icmp when l4.Length >= 2:
                context.IcmpType = l4[0];
                context.IcmpCode = l4[1];
                break;
        }
    }

    /// <summary>The state bits the conntrack and state matches test, and the connection mark.</summary>
    public static void SetConnection(ref PacketContext context, Packet packet)
    {
        var info = (ConntrackInfo)packet.ConntrackInfo;
        if (packet.Conntrack is ConntrackEntry entry)
        {
            var states = info.StateBit();
            if (entry.HasStatus(ConntrackStatus.SrcNat)) states |= ConntrackStates.Snat;
            if (entry.HasStatus(ConntrackStatus.DstNat)) states |= ConntrackStates.Dnat;
            context.Conntrack = states;
            context.ConnMark = entry.Mark;
        }
        else
        {
            context.Conntrack = packet.Conntrack == Untracked.Instance ? ConntrackStates.Untracked : ConntrackStates.None;
            context.ConnMark = 0;
        }
    }

    /// <summary>
    /// The Ethernet header a received packet came with, still in front of its IPv4 header as
    /// after eth_type_trans (skb_mac_header); empty for packets without one.
    /// </summary>
    public static ReadOnlySpan<byte> ReceivedMacHeader(Packet packet)
    {
        if (packet.InputInterface == 0 || packet.Headroom < EthernetFrame.MinHeaderLength) return [];
        var header = packet.Push(EthernetFrame.MinHeaderLength).ToArray();
        packet.Pull(EthernetFrame.MinHeaderLength);
        return header;
    }

    private static MacAddress ReceivedSourceMac(Packet packet)
    {
        if (packet.InputInterface == 0 || packet.Headroom < EthernetFrame.MinHeaderLength) return default;
        var header = packet.Push(EthernetFrame.MinHeaderLength);
        var mac = MacAddress.Read(header[6..12]);
        packet.Pull(EthernetFrame.MinHeaderLength);
        return mac;
    }
}

/// <summary>What a packet CT --notrack exempted from tracking carries instead of a connection (the kernel's untracked ct).</summary>
internal sealed class Untracked
{
    public static Untracked Instance { get; } = new();
}
