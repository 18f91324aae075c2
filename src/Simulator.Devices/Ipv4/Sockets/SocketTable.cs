using Simulator.Core.Addressing;
using Simulator.Core.Packets;
using Simulator.Core.Tracing;
using Simulator.Core.Wire;
using Simulator.Devices.Ipv4.Sockets.Tcp;
using Simulator.Devices.Links;

namespace Simulator.Devices.Ipv4.Sockets;

/// <summary>A namespace's sockets, and delivery of received packets to them.</summary>
public sealed class SocketTable(Ipv4Stack stack)
{
    private readonly List<RawSocket> _raw = [];
    private readonly List<UdpSocket> _udp = [];
    private int _nextEphemeral = -1;

    internal Ipv4Stack Stack => stack;

    public RawSocket OpenRaw(IpProtocol protocol)
    {
        var socket = new RawSocket(this, protocol);
        _raw.Add(socket);
        return socket;
    }

    public UdpSocket OpenUdp() => new(this);

    /// <summary>The namespace's TCP: its sockets, connections and settings.</summary>
    public TcpTable Tcp { get; } = new(stack);

    /// <summary>socket(AF_INET, SOCK_STREAM, 0).</summary>
    public TcpSocket OpenTcp() => Tcp.Open();

    internal void Remove(RawSocket socket) => _raw.Remove(socket);
    internal void Remove(UdpSocket socket) => _udp.Remove(socket);
    internal void RegisterUdp(UdpSocket socket) => _udp.Add(socket);

    internal bool UdpPortTaken(Ipv4Address address, ushort port) =>
        _udp.Any(s => s.LocalPort == port && (s.LocalAddress.IsUnspecified || address.IsUnspecified || s.LocalAddress == address));

    /// <summary>An ephemeral port from ip_local_port_range, starting at a random offset.</summary>
    internal ushort AllocateUdpPort()
    {
        int low = stack.Settings.LocalPortRangeLow, high = stack.Settings.LocalPortRangeHigh;
        int span = high - low + 1;
        if (_nextEphemeral < 0) _nextEphemeral = stack.Simulation.Random.Next(span);
        for (int i = 0; i < span; i++)
        {
            var port = (ushort)(low + (_nextEphemeral++ % span));
            if (!UdpPortTaken(Ipv4Address.Any, port)) return port;
        }
        return 0;
    }

    /// <summary>raw_local_deliver: every raw socket of the protocol gets a copy. True if any did.</summary>
    internal bool DeliverRaw(NetDevice device, Packet packet, IpProtocol protocol)
    {
        if (_raw.Count == 0) return false;
        bool delivered = false;
        var destination = Ipv4Address.Read(packet.Data[Ipv4Packet.DestinationOffset..]);
        foreach (var socket in _raw)
        {
            if (socket.Protocol != protocol) continue;
            if (!socket.BoundAddress.IsUnspecified && socket.BoundAddress.IsValid && socket.BoundAddress != destination) continue;
            if (socket.BoundDevice != null && socket.BoundDevice != device) continue;
            if (socket.Handler != null) socket.Handler(packet.Data, device.IfIndex);
            else socket.Received.Enqueue(new ReceivedPacket(stack.Simulation.Now, device.IfIndex, packet.Data.ToArray()));
            delivered = true;
        }
        return delivered;
    }

    /// <summary>udp_rcv: to the best-matching socket, else ICMP port unreachable.</summary>
    internal void ReceiveUdp(NetDevice device, Packet packet, bool broadcast)
    {
        var ip = new Ipv4Packet(packet.Data);
        var reason = UdpRepr.TryParse(ip.Payload, ip.Source, ip.Destination, ChecksumMode.Verify, out var udp);
        if (reason != DropReason.None)
        {
            device.Drop(packet, reason, "bad UDP datagram");
            return;
        }
        var socket = FindUdp(ip.Destination, udp.DestinationPort, ip.Source, udp.SourcePort, device);
        if (socket is null)
        {
            if (!broadcast)
                stack.Icmp.SendError(packet, IcmpType.DestinationUnreachable, (byte)IcmpUnreachableCode.PortUnreachable,
                    device, destinedHere: true);
            device.Drop(packet, DropReason.NoSocket, $"no socket on UDP port {udp.DestinationPort}");
            return;
        }
        var data = ip.Payload.Slice(UdpPacket.HeaderLength, udp.PayloadLength).ToArray();
        socket.Received.Enqueue(new UdpDatagram(stack.Simulation.Now, ip.Source, udp.SourcePort, ip.Destination, data));
        packet.Release();
        socket.DataReady?.Invoke(socket);
    }

    private UdpSocket? FindUdp(Ipv4Address local, ushort localPort, Ipv4Address remote, ushort remotePort, NetDevice device)
    {
        UdpSocket? best = null;
        int bestScore = -1;
        foreach (var socket in _udp)
        {
            if (socket.LocalPort != localPort) continue;
            int score = 0;
            if (!socket.LocalAddress.IsUnspecified) { if (socket.LocalAddress != local) continue; score += 4; }
            if (socket.IsConnected)
            {
                if (socket.RemoteAddress != remote || socket.RemotePort != remotePort) continue;
                score += 2;
            }
            if (socket.BoundDevice != null) { if (socket.BoundDevice != device) continue; score += 1; }
            if (score > bestScore) { best = socket; bestScore = score; }
        }
        return best;
    }

    /// <summary>tcp_v4_rcv: to the connection or listener the segment belongs to, else a reset.</summary>
    internal void ReceiveTcp(NetDevice device, Packet packet, bool broadcast) => Tcp.Receive(device, packet, broadcast);

    /// <summary>
    /// An ICMP error for a datagram one of our UDP sockets sent: a connected socket gets the
    /// matching errno (udp_err: port unreachable is ECONNREFUSED).
    /// </summary>
    internal void DeliverIcmpError(Packet packet)
    {
        var ip = new Ipv4Packet(packet.Data);
        var icmp = new IcmpPacket(ip.Payload);
        if (icmp.TryParseQuoted(ChecksumMode.Ignore, out var quoted, out var quotedPayload) != DropReason.None) return;
        if (quoted.Protocol == IpProtocol.Tcp)
        {
            Tcp.IcmpError(icmp.Type, icmp.Code, icmp.NextHopMtu, quoted.Source, quoted.Destination, quotedPayload);
            return;
        }
        if (quoted.Protocol != IpProtocol.Udp || quotedPayload.Length < 4) return;
        ushort sourcePort = (ushort)(quotedPayload[0] << 8 | quotedPayload[1]);
        ushort destinationPort = (ushort)(quotedPayload[2] << 8 | quotedPayload[3]);
        foreach (var socket in _udp)
        {
            if (socket.LocalPort != sourcePort || !socket.IsConnected) continue;
            if (socket.RemoteAddress != quoted.Destination || socket.RemotePort != destinationPort) continue;
            socket.PendingError = icmp.Type switch
            {
                IcmpType.DestinationUnreachable => (IcmpUnreachableCode)icmp.Code switch
                {
                    IcmpUnreachableCode.PortUnreachable => Errno.ECONNREFUSED,
                    IcmpUnreachableCode.NetUnreachable => Errno.ENETUNREACH,
                    IcmpUnreachableCode.FragmentationNeeded => Errno.EMSGSIZE,
                    _ => Errno.EHOSTUNREACH,
                },
                _ => Errno.EHOSTUNREACH,
            };
            socket.ErrorReport?.Invoke(socket);
        }
    }

    internal void DeviceGone(NetDevice device)
    {
        foreach (var socket in _raw.Where(s => s.BoundDevice == device)) socket.BindToDevice(null);
    }

    internal void CloseAll()
    {
        _raw.Clear();
        _udp.Clear();
        Tcp.CloseAll();
    }
}
