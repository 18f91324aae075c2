using Simulator.Core.Wire;

namespace Simulator.Devices.Ipv4.Sockets.Tcp;

/// <summary>
/// tcp_v4_send_reset: the reset that answers a segment no connection wants (RFC 9293 3.10.7.1),
/// sent by the kernel's control socket — no options, window 0, IPv4 identification 0 with DF.
/// </summary>
internal static class TcpReset
{
    public static void Send(Ipv4Stack stack, TcpSegment incoming)
    {
        if (incoming.Rst) return;
        if (stack.Routes.ResolveOutput(incoming.Source, incoming.Destination, 0, out var route) != null) return;
        var header = incoming.Header;
        // If the segment had an ACK, the reset takes its sequence number from it; otherwise the
        // reset has sequence 0 and acknowledges everything the segment occupied.
        var reset = incoming.Ack
            ? new TcpRepr(header.DestinationPort, header.SourcePort, incoming.AckSeq, 0, TcpFlags.Rst, 0, 0)
            : new TcpRepr(header.DestinationPort, header.SourcePort, 0, incoming.EndSeq, TcpFlags.Rst | TcpFlags.Ack, 0, 0);
        var packet = stack.Output.Build(route, IpProtocol.Tcp, reset.BufferLength, -1, 0, dontFragment: true, out var room);
        reset.Emit(room, route.Source, route.Destination, ReadOnlySpan<byte>.Empty);
        stack.Output.SendLocal(packet, route);
    }
}
