using Simulator.Core.Addressing;
using Simulator.Core.Tracing;
using Simulator.Core.Wire;
using Simulator.Devices.Ipv4.Sockets;
using Simulator.Devices.Namespaces;

namespace Simulator.Devices.Outside;

/// <summary>
/// A recursive DNS server outside the host (8.8.8.8, 114.114.114.114, the LAN's router): a
/// program in its namespace with a UDP socket on port 53, answering each query from
/// <see cref="DnsZone"/> the moment it arrives (sk_data_ready), back to the address and port it
/// came from. Queries travel as real datagrams, so routes, NAT and firewalls on the way decide
/// whether an answer comes back. A datagram that is not a query is ignored, as servers do.
/// </summary>
public sealed class DnsServer
{
    public const ushort Port = 53;

    private readonly UdpSocket _socket;

    private DnsServer(NetworkNamespace ns, Ipv4Address address, DnsZone zone, UdpSocket socket)
    {
        Namespace = ns;
        Address = address;
        Zone = zone;
        _socket = socket;
        socket.DataReady = _ => AnswerAll();
    }

    public NetworkNamespace Namespace { get; }

    /// <summary>The address it listens on (0.0.0.0: all of its namespace's).</summary>
    public Ipv4Address Address { get; }

    public DnsZone Zone { get; }

    /// <summary>How many queries it answered.</summary>
    public int Answered { get; private set; }

    /// <summary>Starts a server on <paramref name="address"/>:53 in <paramref name="ns"/>; throws if the port cannot be had.</summary>
    public static DnsServer Start(NetworkNamespace ns, Ipv4Address address, DnsZone zone)
    {
        var socket = ns.Ipv4.Sockets.OpenUdp();
        var error = socket.Bind(address, Port);
        if (error != null)
        {
            socket.Close();
            throw new InvalidOperationException($"{ns.DisplayName}: DNS server cannot bind {address}:{Port}: {error}");
        }
        return new DnsServer(ns, address, zone, socket);
    }

    private void AnswerAll()
    {
        while (_socket.Received.TryDequeue(out var datagram))
        {
            if (DnsRepr.TryParse(datagram.Data, out var query) != DropReason.None || query.IsResponse) continue;
            var response = Zone.Answer(query);
            var bytes = new byte[response.BufferLength];
            response.Emit(bytes);
            // A lost answer (no route back, a full queue) is the client's timeout, as on a real server.
            if (_socket.SendTo(datagram.Source, datagram.SourcePort, bytes) == null) Answered++;
        }
    }
}
