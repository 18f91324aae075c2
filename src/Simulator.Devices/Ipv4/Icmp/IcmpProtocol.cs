using Simulator.Core.Addressing;
using Simulator.Core.Engine;
using Simulator.Core.Packets;
using Simulator.Core.Tracing;
using Simulator.Core.Wire;
using Simulator.Devices.Ipv4.Routing;
using Simulator.Devices.Links;

namespace Simulator.Devices.Ipv4.Icmp;

/// <summary>
/// ICMP (net/ipv4/icmp.c): answers echo requests, passes errors to the sockets they concern, and
/// sends errors under the kernel's limits — a global token bucket (icmp_msgs_per_sec,
/// icmp_msgs_burst) and one per destination (icmp_ratelimit), for the types in icmp_ratemask.
/// </summary>
public sealed class IcmpProtocol(Ipv4Stack stack)
{
    /// <summary>An ICMP error quotes at most this much of the offending packet (576 - 20 - 8).</summary>
    private const int MaxQuote = 576 - Ipv4Packet.MinHeaderLength - IcmpPacket.HeaderLength;
    private const byte PrecedenceInternetControl = 0xC0;
    private const byte TosMask = 0x1E;

    private int _globalCredit;
    private long _globalStamp = long.MinValue / 2;

    /// <summary>icmp_rcv: <paramref name="packet"/> starts at its IPv4 header.</summary>
    internal void Receive(NetDevice device, Packet packet, bool broadcast)
    {
        var ip = new Ipv4Packet(packet.Data);
        var reason = IcmpRepr.TryParse(ip.Payload, ChecksumMode.Verify, out var icmp);
        if (reason != DropReason.None)
        {
            device.Drop(packet, reason, "bad ICMP message");
            return;
        }
        switch (icmp.Type)
        {
            case IcmpType.EchoRequest:
                if (stack.Settings.IcmpEchoIgnoreAll != 0 || (broadcast && stack.Settings.IcmpEchoIgnoreBroadcasts != 0))
                {
                    device.Drop(packet, DropReason.NotSpecified, "echo ignored (icmp_echo_ignore_*)");
                    return;
                }
                SendEchoReply(device, packet, broadcast);
                break;
            case IcmpType.DestinationUnreachable or IcmpType.TimeExceeded or IcmpType.ParameterProblem or IcmpType.SourceQuench:
                if (!broadcast) stack.Sockets.DeliverIcmpError(packet);
                break;
        }
        packet.Release();
    }

    /// <summary>
    /// icmp_reply to an echo request: the reply comes from the address the request was sent to,
    /// or for a broadcast from an address of the receiving device (fib_compute_spec_dst).
    /// </summary>
    private void SendEchoReply(NetDevice device, Packet request, bool broadcast)
    {
        var ip = new Ipv4Packet(request.Data);
        var destination = ip.Source;
        var source = broadcast || !stack.Fib.IsLocalAddress(ip.Destination)
            ? stack.SelectSourceAddress(device, destination, RouteScope.Universe)
            : ip.Destination;
        if (stack.Routes.ResolveOutput(destination, source, 0, out var route) != null) return;
        var message = ip.Payload;
        var reply = stack.Output.Build(route, IpProtocol.Icmp, message.Length, -1, ip.Tos, dontFragment: false, out var payload);
        message.CopyTo(payload);
        var icmp = new IcmpPacket(payload) { Type = IcmpType.EchoReply, Code = 0 };
        icmp.FillChecksum();
        stack.Output.SendLocal(reply, route);
    }

    /// <summary>
    /// icmp_send: an error about <paramref name="offending"/> (which starts at its IPv4 header and
    /// stays the caller's) to its sender. <paramref name="destinedHere"/> marks errors about
    /// packets addressed to this host (port or protocol unreachable), which answer from the address
    /// they were sent to; other errors take the source of the route back.
    /// </summary>
    public void SendError(Packet offending, IcmpType type, byte code, NetDevice? inputDevice, uint info = 0,
        bool destinedHere = false)
    {
        if (Ipv4Repr.TryParseQuoted(offending.Data, ChecksumMode.Ignore, out var header) != DropReason.None) return;
        if (offending.Type != PacketType.Host) return;
        if (header.FragmentOffset != 0) return;
        var dst = header.Destination;
        if (dst.IsLimitedBroadcast || dst.IsMulticast || stack.Fib.AddressType(dst) == RouteType.Broadcast) return;
        var sender = header.Source;
        if (sender.IsZeroNet || sender.IsLimitedBroadcast || sender.IsMulticast) return;
        bool isError = IcmpRepr.IsErrorType(type);
        if (isError && header.Protocol == IpProtocol.Icmp)
        {
            var inner = new Ipv4Packet(offending.Data).Payload;
            if (inner.Length < 1) return;
            var innerType = (IcmpType)inner[0];
            if ((byte)innerType > 18 || IcmpRepr.IsErrorType(innerType)) return;
        }

        bool rateLimited = IsRateLimitedType(type, code);
        if (rateLimited && !GlobalAllow()) return;
        var source = destinedHere ? dst : default;
        if (!destinedHere && inputDevice != null && stack.Settings.IcmpErrorsUseInboundIfaddr != 0)
            source = stack.SelectSourceAddress(inputDevice, sender, RouteScope.Link);
        if (stack.Routes.ResolveOutput(sender, source, 0, out var route) != null) return;
        if (rateLimited)
        {
            if (route.Device is not LoopbackDevice && !stack.Peers.Get(sender).AllowIcmp(stack.Simulation.Now)) return;
            GlobalConsume();
        }

        int quoted = Math.Min(offending.Length, MaxQuote);
        var icmp = new IcmpRepr(type, code, info, quoted);
        byte tos = (byte)((new Ipv4Packet(offending.Data).Tos & TosMask) | PrecedenceInternetControl);
        var packet = stack.Output.Build(route, IpProtocol.Icmp, icmp.BufferLength, -1, tos, dontFragment: false, out var payload);
        icmp.Emit(payload, offending.Data[..quoted]);
        stack.Output.SendLocal(packet, route);
    }

    /// <summary>icmpv4_mask_allow inverted: frag-needed is never limited; other types as icmp_ratemask says.</summary>
    private bool IsRateLimitedType(IcmpType type, byte code)
    {
        if ((byte)type > 18) return false;
        if (type == IcmpType.DestinationUnreachable && code == (byte)IcmpUnreachableCode.FragmentationNeeded) return false;
        return ((1 << (byte)type) & stack.Settings.IcmpRatemask) != 0;
    }

    /// <summary>icmp_global_allow: credit refills at icmp_msgs_per_sec up to icmp_msgs_burst.</summary>
    private bool GlobalAllow()
    {
        if (_globalCredit > 0) return true;
        long now = stack.Simulation.Now;
        long delta = Math.Min(now - _globalStamp, Simulation.Second);
        if (delta < Simulation.Second / 50) return false;
        int increment = (int)(stack.Settings.IcmpMsgsPerSec * delta / Simulation.Second);
        if (increment == 0) return false;
        _globalStamp = now;
        _globalCredit = Math.Min(_globalCredit + increment, stack.Settings.IcmpMsgsBurst);
        return true;
    }

    /// <summary>icmp_global_consume: each error costs 0, 1 or 2 credits at random.</summary>
    private void GlobalConsume() => _globalCredit -= stack.Simulation.Random.Next(3);
}
