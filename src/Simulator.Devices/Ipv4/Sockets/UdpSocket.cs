using Simulator.Core.Addressing;
using Simulator.Core.Wire;
using Simulator.Devices.Ipv4.Routing;
using Simulator.Devices.Links;

namespace Simulator.Devices.Ipv4.Sockets;

/// <summary>A UDP socket (net/ipv4/udp.c): bind, connect, send and receive datagrams.</summary>
public sealed class UdpSocket
{
    private readonly SocketTable _table;

    internal UdpSocket(SocketTable table) => _table = table;

    public Ipv4Address LocalAddress { get; private set; } = Ipv4Address.Any;
    public ushort LocalPort { get; private set; }
    public Ipv4Address RemoteAddress { get; private set; }
    public ushort RemotePort { get; private set; }
    public NetDevice? BoundDevice { get; private set; }
    public bool IsConnected => RemoteAddress.IsValid;
    public bool AllowBroadcast { get; set; }
    public int Ttl { get; set; } = -1;

    public Queue<UdpDatagram> Received { get; } = new();

    /// <summary>An error an ICMP message reported for a connected socket (IP_RECVERR off: only then).</summary>
    public Errno? PendingError { get; internal set; }

    /// <summary>
    /// sk_data_ready: called after a datagram joins <see cref="Received"/>, so that a program living
    /// in the simulation (a DNS server) can answer it at once.
    /// </summary>
    public Action<UdpSocket>? DataReady { get; set; }

    /// <summary>
    /// sk_error_report: called after an ICMP error set <see cref="PendingError"/>, as poll() would
    /// wake a program waiting on the socket.
    /// </summary>
    public Action<UdpSocket>? ErrorReport { get; set; }

    /// <summary>sock_error: takes the pending error, as recvmsg does when it reports it.</summary>
    public Errno? TakeError()
    {
        var error = PendingError;
        PendingError = null;
        return error;
    }

    public Errno? Bind(Ipv4Address address, ushort port)
    {
        if (LocalPort != 0) return Errno.EINVAL;
        if (!address.IsUnspecified && !_table.Stack.Fib.IsLocalAddress(address) && _table.Stack.Settings.IpNonlocalBind == 0)
            return Errno.EADDRNOTAVAIL;
        if (port == 0) port = _table.AllocateUdpPort();
        else if (_table.UdpPortTaken(address, port)) return Errno.EADDRINUSE;
        LocalAddress = address;
        LocalPort = port;
        _table.RegisterUdp(this);
        return null;
    }

    public void BindToDevice(NetDevice? device) => BoundDevice = device;

    /// <summary>connect(): fixes the peer and, via a route lookup, the local address.</summary>
    public Errno? Connect(Ipv4Address address, ushort port)
    {
        var error = Route(address, out var route);
        if (error != null) return error;
        if (route.IsBroadcast && !AllowBroadcast) return Errno.EACCES;
        if (LocalPort == 0)
        {
            var bindError = Bind(Ipv4Address.Any, 0);
            if (bindError != null) return bindError;
        }
        if (LocalAddress.IsUnspecified) LocalAddress = route.Source;
        RemoteAddress = address;
        RemotePort = port;
        return null;
    }

    /// <summary>The source address a connect() to <paramref name="address"/> would choose.</summary>
    public Errno? Route(Ipv4Address address, out OutputRoute route) =>
        _table.Stack.Routes.ResolveOutput(address, LocalAddress, BoundDevice?.IfIndex ?? 0, out route);

    public Errno? Send(ReadOnlySpan<byte> data) =>
        IsConnected ? SendTo(RemoteAddress, RemotePort, data) : Errno.EINVAL;

    public Errno? SendTo(Ipv4Address address, ushort port, ReadOnlySpan<byte> data)
    {
        if (PendingError is { } pending)
        {
            PendingError = null;
            return pending;
        }
        var error = Route(address, out var route);
        if (error != null) return error;
        if (route.IsBroadcast && !AllowBroadcast) return Errno.EACCES;
        if (LocalPort == 0)
        {
            var bindError = Bind(Ipv4Address.Any, 0);
            if (bindError != null) return bindError;
        }
        var stack = _table.Stack;
        var udp = new UdpRepr(LocalPort, port, data.Length);
        var packet = stack.Output.Build(route, IpProtocol.Udp, udp.BufferLength, Ttl, 0, dontFragment: true, out var room,
            identification: IsConnected ? null : (ushort)0);
        udp.Emit(room, route.Source, route.Destination, data);
        return stack.Output.SendLocal(packet, route);
    }

    public void Close() => _table.Remove(this);
}
