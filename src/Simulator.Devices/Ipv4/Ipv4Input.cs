using Simulator.Core.Packets;
using Simulator.Core.Tracing;
using Simulator.Core.Wire;
using Simulator.Devices.Ipv4.Routing;
using Simulator.Devices.Links;

namespace Simulator.Devices.Ipv4;

/// <summary>
/// The IPv4 receive path (net/ipv4/ip_input.c): header checks, PREROUTING, the routing
/// decision, then local delivery through INPUT, forwarding, or an ICMP error (ip_error).
/// </summary>
internal sealed class Ipv4Input(Ipv4Stack stack)
{
    private readonly Ipv4Forward _forward = new(stack);

    /// <summary>ip_rcv: <paramref name="packet"/> starts at its IPv4 header.</summary>
    public void Receive(NetDevice device, Packet packet)
    {
        if (packet.Type == PacketType.OtherHost)
        {
            device.Drop(packet, DropReason.OtherHost, "not addressed to this host's MAC");
            return;
        }
        var reason = Ipv4Repr.TryParse(packet.Data, ChecksumMode.Verify, out var header);
        if (reason != DropReason.None)
        {
            device.Drop(packet, reason, reason == DropReason.IpFragment ? "IPv4 fragment (reassembly not modelled)" : "bad IPv4 header");
            return;
        }
        packet.Trim(header.BufferLength);
        if (!stack.PassesHook(NfHook.PreRouting, packet, device, null, device)) return;
        ReceiveFinish(device, packet);
    }

    /// <summary>ip_rcv_finish: route the packet, reading its addresses after PREROUTING (DNAT may have changed them).</summary>
    private void ReceiveFinish(NetDevice device, Packet packet)
    {
        var ip = new Ipv4Packet(packet.Data);
        var decision = stack.Routes.ResolveInput(device, ip.Source, ip.Destination);
        switch (decision.Kind)
        {
            case InputRouteKind.Local:
            case InputRouteKind.Broadcast:
                LocalDeliver(device, packet, decision.Kind == InputRouteKind.Broadcast);
                return;
            case InputRouteKind.Forward:
                _forward.Forward(device, packet, decision);
                return;
            case InputRouteKind.Error:
                IpError(device, packet, decision.Error);
                return;
            default:
                device.Drop(packet, decision.DropReason, "martian or unroutable");
                return;
        }
    }

    /// <summary>
    /// ip_error: without forwarding on the input device, drop silently; otherwise answer with the
    /// matching "unreachable", limited per source by a token bucket (ip_rt_error_cost one second,
    /// ip_rt_error_burst five) that shares its tokens with the ICMP rate limit.
    /// </summary>
    private void IpError(NetDevice device, Packet packet, Errno error)
    {
        bool forwarding = device.Ip!.Conf[Sysctl.DevConfKey.Forwarding] != 0;
        if (!forwarding)
        {
            device.Drop(packet, error == Errno.ENETUNREACH ? DropReason.IpInNoRoutes : DropReason.IpInAddrErrors,
                "not forwarding");
            return;
        }
        IcmpUnreachableCode code;
        switch (error)
        {
            case Errno.EHOSTUNREACH: code = IcmpUnreachableCode.HostUnreachable; break;
            case Errno.ENETUNREACH: code = IcmpUnreachableCode.NetUnreachable; break;
            case Errno.EACCES: code = IcmpUnreachableCode.AdministrativelyProhibited; break;
            default:
                device.Drop(packet, DropReason.IpRouteReject, "blackhole route");
                return;
        }
        var source = new Ipv4Packet(packet.Data).Source;
        if (stack.Peers.Get(source).AllowRouteError(stack.Simulation.Now))
            stack.Icmp.SendError(packet, IcmpType.DestinationUnreachable, (byte)code, device);
        device.Drop(packet, error == Errno.ENETUNREACH ? DropReason.IpInNoRoutes : DropReason.IpRouteReject,
            $"no route: {error.Message()}");
    }

    /// <summary>ip_local_deliver: INPUT, then the protocol handlers and raw sockets.</summary>
    public void LocalDeliver(NetDevice device, Packet packet, bool broadcast)
    {
        if (!stack.PassesHook(NfHook.LocalIn, packet, device, null, device)) return;
        LocalDeliverFinish(device, packet, broadcast);
    }

    /// <summary>ip_local_deliver_finish: raw sockets get a copy; the protocol handler gets the packet.</summary>
    private void LocalDeliverFinish(NetDevice device, Packet packet, bool broadcast)
    {
        var ip = new Ipv4Packet(packet.Data);
        var protocol = ip.Protocol;
        bool raw = stack.Sockets.DeliverRaw(device, packet, protocol);
        switch (protocol)
        {
            case IpProtocol.Icmp:
                stack.Icmp.Receive(device, packet, broadcast);
                return;
            case IpProtocol.Udp:
                stack.Sockets.ReceiveUdp(device, packet, broadcast);
                return;
            case IpProtocol.Tcp:
                stack.Sockets.ReceiveTcp(device, packet, broadcast);
                return;
        }
        if (!raw && !broadcast)
            stack.Icmp.SendError(packet, IcmpType.DestinationUnreachable, (byte)IcmpUnreachableCode.ProtocolUnreachable,
                device, destinedHere: true);
        if (raw) packet.Release();
        else device.Drop(packet, DropReason.IpNoProto, $"no handler for protocol {(byte)protocol}");
    }
}
