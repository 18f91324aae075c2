using System.Buffers.Binary;
using Simulator.Core.Packets;
using Simulator.Core.Wire;
using Simulator.Devices.Ipv4;
using Simulator.Devices.Links;
using Simulator.Netfilter;
using Simulator.Netfilter.Conntrack;
using Simulator.Netfilter.Targets;

namespace Simulator.Devices.Netfilter;

/// <summary>
/// What REJECT sends before the packet is dropped (net/ipv4/netfilter/nf_reject_ipv4.c): an ICMP
/// destination-unreachable through the stack's icmp_send (nf_send_unreach), or a TCP reset built
/// from the offending segment (nf_send_reset).
/// </summary>
internal static class RejectReply
{
    public static void Send(NamespaceFirewall firewall, Packet packet, NetfilterHook hook, NetDevice? input, RejectWith with)
    {
        var ip = new Ipv4Packet(packet.Data);
        if (ip.FragmentOffset != 0) return;
        var stack = firewall.Stack;
        if (with.IcmpCode() is byte code)
        {
            // icmp_send answers from the address the packet was sent to when it was for this
            // host (RTCF_LOCAL); otherwise the route back picks the source.
            bool destinedHere = stack.Fib.IsLocalAddress(ip.Destination);
            stack.Icmp.SendError(packet, IcmpType.DestinationUnreachable, code, input, destinedHere: destinedHere);
            return;
        }
        SendReset(firewall, packet);
    }

    /// <summary>
    /// nf_send_reset: a RST from the offending segment's destination to its source; it acknowledges
    /// the segment unless the segment carried an ACK, whose number it then takes as sequence. The
    /// reset joins the segment's connection (nf_ct_attach) so NAT translates it like a reply.
    /// </summary>
    private static void SendReset(NamespaceFirewall firewall, Packet packet)
    {
        var stack = firewall.Stack;
        var ip = new Ipv4Packet(packet.Data);
        var segment = ip.Payload;
        if (segment.Length < TcpPacket.MinHeaderLength) return;
        var tcp = new TcpPacket(segment);
        if ((tcp.Flags & TcpFlags.Rst) != 0) return;
        if (!tcp.IsChecksumValid(ip.Source, ip.Destination)) return;

        if (stack.Routes.ResolveOutput(ip.Source, default, 0, out var route) != null) return;
        route = route with { Source = ip.Destination };
        uint dataLength = (uint)(segment.Length - tcp.HeaderLength);
        var reset = (tcp.Flags & TcpFlags.Ack) != 0
            ? new TcpRepr(tcp.DestinationPort, tcp.SourcePort, tcp.AcknowledgmentNumber, 0, TcpFlags.Rst, 0, 0)
            : new TcpRepr(tcp.DestinationPort, tcp.SourcePort, 0,
                tcp.SequenceNumber + dataLength + ((tcp.Flags & TcpFlags.Syn) != 0 ? 1u : 0u) + ((tcp.Flags & TcpFlags.Fin) != 0 ? 1u : 0u),
                TcpFlags.Rst | TcpFlags.Ack, 0, 0);
        var rst = stack.Output.Build(route, IpProtocol.Tcp, reset.BufferLength, -1, 0, dontFragment: true, out var room,
            identification: 0);
        reset.Emit(room, route.Source, route.Destination, ReadOnlySpan<byte>.Empty);
        if (packet.Conntrack is ConntrackEntry entry)
        {
            var info = ((ConntrackInfo)packet.ConntrackInfo).Direction() == ConntrackDirection.Original
                ? ConntrackInfo.RelatedReply
                : ConntrackInfo.Related;
            rst.Conntrack = entry;
            rst.ConntrackInfo = (byte)info;
        }
        stack.Output.SendLocal(rst, route);
    }
}
