using Simulator.Core.Addressing;
using Simulator.Core.Packets;
using Simulator.Core.Tracing;
using Simulator.Core.Wire;
using Simulator.Devices.Ipv4.Routing;
using Simulator.Devices.Links;

namespace Simulator.Devices.Ipv4;

/// <summary>The output path (net/ipv4/ip_output.c): OUTPUT, POSTROUTING, then the neighbour layer.</summary>
internal sealed class Ipv4Output(Ipv4Stack stack)
{
    private readonly Dictionary<(uint, uint, byte), ushort> _identifiers = [];

    /// <summary>
    /// ip_local_out for a locally built packet (complete IPv4 header) already routed by
    /// <paramref name="route"/>. Returns EPERM when OUTPUT drops it, as sendmsg reports.
    /// </summary>
    public Errno? SendLocal(Packet packet, OutputRoute route)
    {
        if (stack.Hooks != null)
        {
            var destinationBefore = new Ipv4Packet(packet.Data).Destination;
            if (!stack.PassesHook(NfHook.LocalOut, packet, null, route.Device, route.Device)) return Errno.EPERM;
            var ip = new Ipv4Packet(packet.Data);
            if (ip.Destination != destinationBefore)
            {
                // ip_route_me_harder: DNAT in OUTPUT changed where the packet goes.
                var error = stack.Routes.ResolveOutput(ip.Destination, ip.Source, 0, out route);
                if (error != null)
                {
                    stack.Namespace.Loopback.Drop(packet, DropReason.IpOutNoRoutes, "no route after DNAT");
                    return error;
                }
            }
        }
        PostRouting(packet, null, route.Device, route.NextHop);
        return null;
    }

    /// <summary>ip_output: POSTROUTING, then ip_finish_output (MTU) and the neighbour output.</summary>
    public void PostRouting(Packet packet, NetDevice? input, NetDevice output, Ipv4Address nextHop)
    {
        if (!stack.PassesHook(NfHook.PostRouting, packet, input, output, output)) return;
        if (packet.Length > output.Mtu)
        {
            output.Drop(packet, DropReason.IpFragment, $"larger than the MTU {output.Mtu}: fragmentation is not modelled");
            return;
        }
        stack.Arp.Output(packet, output, nextHop);
    }

    /// <summary>
    /// Builds a locally generated packet along <paramref name="route"/>: an IPv4 header and room
    /// for <paramref name="payloadLength"/> bytes, returned in <paramref name="payload"/>. A DF
    /// packet from an unconnected socket gets identification 0 (ip_select_ident_segs).
    /// </summary>
    public Packet Build(in OutputRoute route, IpProtocol protocol, int payloadLength, int ttl, byte tos, bool dontFragment,
        out Span<byte> payload, ushort? identification = null)
    {
        var packet = stack.Simulation.Packets.Rent(Ipv4Packet.MinHeaderLength + payloadLength);
        var data = packet.Data;
        var id = identification ?? (dontFragment ? (ushort)0 : NextIdentification(route.Destination, route.Source, protocol));
        new Ipv4Repr(route.Source, route.Destination, protocol, payloadLength, (byte)(ttl < 0 ? stack.Settings.DefaultTtl : ttl))
        {
            Tos = tos,
            Identification = id,
            DontFragment = dontFragment,
        }.Emit(data);
        payload = data[Ipv4Packet.MinHeaderLength..];
        return packet;
    }

    /// <summary>
    /// The IP identification for a packet without DF: a counter per (destination, source,
    /// protocol), starting at a random value (ip_idents_reserve).
    /// </summary>
    public ushort NextIdentification(Ipv4Address destination, Ipv4Address source, IpProtocol protocol)
    {
        var key = (destination.Value, source.Value, (byte)protocol);
        if (!_identifiers.TryGetValue(key, out ushort id)) id = (ushort)stack.Simulation.Random.Next(65536);
        _identifiers[key] = (ushort)(id + 1);
        return id;
    }
}
