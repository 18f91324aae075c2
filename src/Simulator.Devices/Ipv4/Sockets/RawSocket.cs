using Simulator.Core.Addressing;
using Simulator.Core.Wire;
using Simulator.Devices.Links;

namespace Simulator.Devices.Ipv4.Sockets;

/// <summary>
/// A raw IPv4 socket (SOCK_RAW, net/ipv4/raw.c) for one protocol: it receives a copy of every
/// local packet of that protocol and sends its payload under an IPv4 header the stack builds.
/// This is what ping uses when run as root.
/// </summary>
public sealed class RawSocket
{
    private readonly SocketTable _table;

    internal RawSocket(SocketTable table, IpProtocol protocol)
    {
        _table = table;
        Protocol = protocol;
    }

    public IpProtocol Protocol { get; }
    public Ipv4Address BoundAddress { get; private set; }
    public NetDevice? BoundDevice { get; private set; }
    /// <summary>IP_TTL; -1 means net.ipv4.ip_default_ttl.</summary>
    public int Ttl { get; set; } = -1;
    public byte Tos { get; set; }
    /// <summary>SO_BROADCAST: without it, sending to a broadcast address fails with EACCES.</summary>
    public bool AllowBroadcast { get; set; }
    /// <summary>IP_MTU_DISCOVER other than "dont": packets carry DF.</summary>
    public bool DontFragment { get; set; } = true;
    public bool IsClosed { get; private set; }

    public Queue<ReceivedPacket> Received { get; } = new();

    /// <summary>
    /// When set, received packets are handed to this callback (the whole IPv4 packet, valid only
    /// during the call) instead of being copied into <see cref="Received"/>: a consumer that
    /// reads in place, as a socket filter would, and allocates nothing.
    /// </summary>
    public ReceiveHandler? Handler { get; set; }

    public delegate void ReceiveHandler(ReadOnlySpan<byte> packet, int interfaceIndex);

    /// <summary>bind(): the address must be one of the namespace's.</summary>
    public Errno? Bind(Ipv4Address address)
    {
        if (!address.IsUnspecified && !_table.Stack.Fib.IsLocalAddress(address) && _table.Stack.Settings.IpNonlocalBind == 0)
            return Errno.EADDRNOTAVAIL;
        BoundAddress = address;
        return null;
    }

    /// <summary>SO_BINDTODEVICE.</summary>
    public void BindToDevice(NetDevice? device) => BoundDevice = device;

    /// <summary>
    /// sendto(): routes, builds and sends <paramref name="payload"/> to <paramref name="destination"/>.
    /// Returns the errno sendmsg would: a routing error, EACCES for broadcast without SO_BROADCAST,
    /// EPERM when netfilter's OUTPUT drops it.
    /// </summary>
    public Errno? SendTo(Ipv4Address destination, ReadOnlySpan<byte> payload)
    {
        var stack = _table.Stack;
        var error = stack.Routes.ResolveOutput(destination, BoundAddress, BoundDevice?.IfIndex ?? 0, out var route);
        if (error != null) return error;
        if (route.IsBroadcast && !AllowBroadcast) return Errno.EACCES;
        if (Ipv4Packet.MinHeaderLength + payload.Length > route.Device.Mtu && DontFragment && !route.IsLocal)
            return Errno.EMSGSIZE;
        var packet = stack.Output.Build(route, Protocol, payload.Length, Ttl, Tos, DontFragment, out var room);
        payload.CopyTo(room);
        return stack.Output.SendLocal(packet, route);
    }

    public void Close()
    {
        IsClosed = true;
        _table.Remove(this);
    }
}
