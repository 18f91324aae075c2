using Simulator.Core.Addressing;
using Simulator.Core.Packets;
using Simulator.Core.Tracing;
using Simulator.Core.Wire;
using Simulator.Devices.Links;

namespace Simulator.Devices.Ipv4.Sockets.Tcp;

/// <summary>
/// A namespace's TCP (the kernel's tcp_hashinfo and tcp_v4_rcv): the sockets holding ports, the
/// connections by address and port pair (requests in SYN_RECV and TIME_WAIT included), the
/// listeners, and the delivery of each received segment to the one it belongs to — or a reset
/// when there is none.
/// </summary>
public sealed class TcpTable
{
    private readonly List<TcpSocket> _bound = [];
    private readonly Dictionary<TcpTuple, object> _connections = [];
    private readonly List<TcpSocket> _listeners = [];

    internal TcpTable(Ipv4Stack stack) => Stack = stack;

    internal Ipv4Stack Stack { get; }

    public TcpSettings Settings { get; } = new();

    /// <summary>socket(AF_INET, SOCK_STREAM, 0).</summary>
    public TcpSocket Open() => new(this);

    /// <summary>Every socket holding a port: listeners, connections, and connections in TIME_WAIT.</summary>
    public IReadOnlyList<TcpSocket> Sockets => _bound;

    // ----- ports (inet_csk_get_port, __inet_hash_connect) -----

    internal void AddBound(TcpSocket socket)
    {
        if (!_bound.Contains(socket)) _bound.Add(socket);
    }

    internal void RemoveBound(TcpSocket socket) => _bound.Remove(socket);

    /// <summary>
    /// inet_csk_bind_conflict: another socket on the port with an overlapping address conflicts,
    /// unless both set SO_REUSEADDR and it is not listening, or both set SO_REUSEPORT.
    /// </summary>
    internal bool BindConflict(TcpSocket socket, Ipv4Address address, ushort port)
    {
        foreach (var other in _bound)
        {
            if (other == socket || other.LocalPort != port) continue;
            if (!Overlap(address, other.LocalAddress)) continue;
            if (socket.BoundDevice != null && other.BoundDevice != null && socket.BoundDevice != other.BoundDevice) continue;
            if (socket.ReuseAddress && other.ReuseAddress && other.State != TcpState.Listen) continue;
            if (socket.ReusePort && other.ReusePort) continue;
            return true;
        }
        return false;
    }

    /// <summary>inet_csk_listen_start's second look: two listeners share a port only with SO_REUSEPORT on both.</summary>
    internal bool ListenConflict(TcpSocket socket) =>
        _listeners.Any(other => other != socket && other.LocalPort == socket.LocalPort &&
                                Overlap(other.LocalAddress, socket.LocalAddress) && !(other.ReusePort && socket.ReusePort));

    private static bool Overlap(Ipv4Address a, Ipv4Address b) => a.IsUnspecified || b.IsUnspecified || a == b;

    /// <summary>
    /// A free port for bind(port 0): from a random point of ip_local_port_range, odd ports first
    /// (inet_csk_find_open_port leaves the even ones to connect()).
    /// </summary>
    internal ushort FindFreePort(Ipv4Address address, TcpSocket socket, bool preferOdd)
    {
        foreach (var port in EphemeralPorts(preferOdd ? 1 : 0))
            if (!BindConflict(socket, address, port)) return port;
        return 0;
    }

    /// <summary>
    /// __inet_hash_connect: an ephemeral port for connect(), even ports first, that no socket
    /// holds.
    /// </summary>
    internal ushort FindConnectPort(TcpSocket socket)
    {
        foreach (var port in EphemeralPorts(0))
            if (!_bound.Any(other => other.LocalPort == port)) return port;
        return 0;
    }

    private IEnumerable<ushort> EphemeralPorts(int firstParity)
    {
        int low = Stack.Settings.LocalPortRangeLow, high = Stack.Settings.LocalPortRangeHigh;
        int span = high - low + 1;
        if (span <= 0) yield break;
        int offset = Stack.Simulation.Random.Next(span);
        for (int pass = 0; pass < 2; pass++)
        {
            int parity = pass == 0 ? firstParity : 1 - firstParity;
            for (int i = 0; i < span; i++)
            {
                int port = low + (offset + i) % span;
                if ((port & 1) == parity) yield return (ushort)port;
            }
        }
    }

    // ----- connections and listeners -----

    internal void Hash(TcpSocket socket) => _connections[socket.Tuple] = socket;

    internal void Unhash(TcpSocket socket)
    {
        if (_connections.TryGetValue(socket.Tuple, out var entry) && entry == socket) _connections.Remove(socket.Tuple);
        if (socket.State != TcpState.Listen) _listeners.Remove(socket);
        if (!socket.PortLocked || socket.Orphan) RemoveBound(socket);
    }

    internal object? Lookup(TcpTuple tuple) => _connections.GetValueOrDefault(tuple);

    internal void AddListener(TcpSocket socket) => _listeners.Add(socket);

    /// <summary>inet_csk_listen_stop: the listener's pending requests go with it.</summary>
    internal void StopListening(TcpSocket listener)
    {
        _listeners.Remove(listener);
        foreach (var (tuple, entry) in _connections.ToList())
        {
            if (entry is not TcpRequest request || request.Listener != listener) continue;
            request.Cancel();
            _connections.Remove(tuple);
        }
    }

    internal void RemoveRequest(TcpRequest request)
    {
        if (_connections.TryGetValue(request.Tuple, out var entry) && entry == request) _connections.Remove(request.Tuple);
    }

    internal void ReplaceRequest(TcpRequest request, TcpSocket child)
    {
        _connections[request.Tuple] = child;
        AddBound(child);
    }

    /// <summary>
    /// __inet_lookup_listener: a listener on the port, a specific address beating the wildcard
    /// and a matching SO_BINDTODEVICE beating none; among SO_REUSEPORT equals, one chosen by a
    /// hash of the connection's addresses and ports.
    /// </summary>
    private TcpSocket? FindListener(TcpTuple tuple, NetDevice device)
    {
        int bestScore = -1;
        List<TcpSocket> best = [];
        foreach (var listener in _listeners)
        {
            if (listener.LocalPort != tuple.LocalPort) continue;
            int score = 1;
            if (!listener.LocalAddress.IsUnspecified)
            {
                if (listener.LocalAddress != tuple.LocalAddress) continue;
                score += 4;
            }
            if (listener.BoundDevice != null)
            {
                if (listener.BoundDevice != device) continue;
                score += 2;
            }
            if (score > bestScore)
            {
                bestScore = score;
                best.Clear();
            }
            if (score == bestScore) best.Add(listener);
        }
        if (best.Count <= 1) return best.FirstOrDefault();
        uint hash = tuple.RemoteAddress.Value * 2654435761u ^ (uint)(tuple.RemotePort * 40503) ^ tuple.LocalAddress.Value;
        return best[(int)(hash % (uint)best.Count)];
    }

    // ----- receive (tcp_v4_rcv) -----

    /// <summary>
    /// tcp_v4_rcv: checks the segment, finds its connection or listener and hands it over;
    /// without one, answers with a reset (tcp_v4_send_reset) unless the segment is one.
    /// </summary>
    internal void Receive(NetDevice device, Packet packet, bool broadcast)
    {
        var ip = new Ipv4Packet(packet.Data);
        var reason = TcpRepr.TryParse(ip.Payload, ip.Source, ip.Destination, ChecksumMode.Verify, out var header);
        if (reason != DropReason.None)
        {
            device.Drop(packet, reason, "bad TCP segment");
            return;
        }
        if (broadcast)
        {
            // TCP is unicast: a segment to a broadcast address is dropped (pkt_type != PACKET_HOST).
            device.Drop(packet, DropReason.OtherHost, "TCP segment to a broadcast address");
            return;
        }
        var bytes = ip.Payload;
        bool syn = (header.Flags & TcpFlags.Syn) != 0;
        var options = TcpOptions.Parse(bytes[TcpPacket.MinHeaderLength..header.HeaderLength], syn);
        var segment = new TcpSegment(ip.Source, ip.Destination, header, options, bytes[header.HeaderLength..].ToArray());
        var verdict = Deliver(segment, device);
        if (verdict.SendReset) TcpReset.Send(Stack, segment);
        if (verdict.Reason == DropReason.None) packet.Release();
        else device.Drop(packet, verdict.Reason, verdict.Reason == DropReason.NoSocket
            ? $"no socket on TCP port {header.DestinationPort}"
            : null);
    }

    private SegmentVerdict Deliver(TcpSegment segment, NetDevice device)
    {
        var tuple = segment.Tuple;
        switch (Lookup(tuple))
        {
            case TcpRequest request:
                return request.Receive(segment, out _);
            case TcpSocket { State: TcpState.TimeWait } timeWait:
                var outcome = timeWait.Input.TimeWait(segment, out var reason);
                if (outcome == TcpInput.TimeWaitVerdict.NewSyn) break;
                return reason == DropReason.None ? SegmentVerdict.Consumed : SegmentVerdict.Drop(reason);
            case TcpSocket socket:
                return socket.Input.Process(segment);
        }
        var listener = FindListener(tuple, device);
        if (listener is null)
            return segment.Rst ? SegmentVerdict.Drop(DropReason.NoSocket) : SegmentVerdict.Reset(DropReason.NoSocket);
        return Listen(listener, segment);
    }

    /// <summary>
    /// tcp_rcv_state_process in LISTEN: an ACK gets a reset, a reset is ignored, a SYN becomes a
    /// request answered with a SYN-ACK (tcp_conn_request) unless the accept queue is full.
    /// </summary>
    private SegmentVerdict Listen(TcpSocket listener, TcpSegment segment)
    {
        if (segment.Rst) return SegmentVerdict.Drop(DropReason.TcpReset);
        if (segment.Ack) return SegmentVerdict.Reset(DropReason.TcpFlags);
        if (!segment.Syn || segment.Fin) return SegmentVerdict.Drop(DropReason.TcpFlags);
        if (listener.AcceptQueueFull) return SegmentVerdict.Drop(DropReason.TcpListenOverflow);
        var error = Stack.Routes.ResolveOutput(segment.Source, segment.Destination, listener.BoundDevice?.IfIndex ?? 0, out var route);
        if (error != null) return SegmentVerdict.Drop(DropReason.IpOutNoRoutes);
        var request = new TcpRequest(listener, segment, TcpOutput.AdvertisedMss(route.Device));
        _connections[request.Tuple] = request;
        request.Start();
        return SegmentVerdict.Consumed;
    }

    // ----- ICMP -----

    /// <summary>
    /// tcp_v4_err: an ICMP error quoting a segment we sent goes to its connection or request.
    /// <paramref name="quotedTcp"/> holds at least the first 8 bytes of the quoted TCP header.
    /// </summary>
    internal void IcmpError(IcmpType type, byte code, ushort nextHopMtu, Ipv4Address source, Ipv4Address destination,
        ReadOnlySpan<byte> quotedTcp)
    {
        if (quotedTcp.Length < 8) return;
        ushort sourcePort = (ushort)(quotedTcp[0] << 8 | quotedTcp[1]);
        ushort destinationPort = (ushort)(quotedTcp[2] << 8 | quotedTcp[3]);
        uint seq = (uint)(quotedTcp[4] << 24 | quotedTcp[5] << 16 | quotedTcp[6] << 8 | quotedTcp[7]);
        switch (Lookup(new TcpTuple(source, sourcePort, destination, destinationPort)))
        {
            case TcpRequest request:
                request.IcmpError(type, code, seq);
                break;
            case TcpSocket socket:
                socket.Input.IcmpError(type, code, seq, nextHopMtu);
                break;
        }
    }

    internal void CloseAll()
    {
        foreach (var socket in _bound.ToList()) socket.Timers.CancelAll();
        foreach (var request in _connections.Values.OfType<TcpRequest>()) request.Cancel();
        _bound.Clear();
        _connections.Clear();
        _listeners.Clear();
    }
}
