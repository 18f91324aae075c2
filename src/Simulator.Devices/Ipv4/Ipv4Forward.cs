using Simulator.Core.Packets;
using Simulator.Core.Tracing;
using Simulator.Core.Wire;
using Simulator.Devices.Ipv4.Routing;
using Simulator.Devices.Links;

namespace Simulator.Devices.Ipv4;

/// <summary>The forwarding path (net/ipv4/ip_forward.c).</summary>
internal sealed class Ipv4Forward(Ipv4Stack stack)
{
    /// <summary>
    /// ip_forward: refuse frames not addressed to us at L2, answer an expiring TTL with Time
    /// Exceeded and a too-big DF packet with Fragmentation Needed, decrement the TTL, send a
    /// redirect when the packet leaves where it came in, and pass FORWARD.
    /// </summary>
    public void Forward(NetDevice input, Packet packet, InputRoute decision)
    {
        if (packet.Type != PacketType.Host)
        {
            input.Drop(packet, DropReason.OtherHost, "link-layer broadcast is not forwarded");
            return;
        }
        var route = decision.Route!;
        var output = route.Device!;
        var ip = new Ipv4Packet(packet.Data);
        if (ip.Ttl <= 1)
        {
            stack.Icmp.SendError(packet, IcmpType.TimeExceeded, (byte)IcmpTimeExceededCode.TtlExceededInTransit, input);
            input.Drop(packet, DropReason.TtlExceeded, "TTL expired in transit");
            return;
        }
        if (packet.Length > output.Mtu)
        {
            if (ip.DontFragment)
            {
                stack.Icmp.SendError(packet, IcmpType.DestinationUnreachable, (byte)IcmpUnreachableCode.FragmentationNeeded,
                    input, info: (uint)output.Mtu);
                input.Drop(packet, DropReason.PktTooBig, $"larger than the MTU {output.Mtu} of {output.Name} with DF");
            }
            else
            {
                input.Drop(packet, DropReason.IpFragment, "would need fragmentation (not modelled)");
            }
            return;
        }
        ip.DecrementTtl();
        var destination = ip.Destination;
        if (decision.DoRedirect)
            SendRedirect(input, packet, route.NextHop(destination));
        if (!stack.PassesHook(NfHook.Forward, packet, input, output, input)) return;
        stack.Output.PostRouting(packet, input, output, route.NextHop(destination));
    }

    /// <summary>
    /// ip_rt_send_redirect: tell the sender there is a better first hop, with the kernel's back-off
    /// (at most ip_rt_redirect_number, spaced by ip_rt_redirect_load doubled each time, reset
    /// after ip_rt_redirect_silence without redirects).
    /// </summary>
    private void SendRedirect(NetDevice input, Packet packet, Core.Addressing.Ipv4Address gateway)
    {
        var source = new Ipv4Packet(packet.Data).Source;
        if (stack.Peers.Get(source).AllowRedirect(stack.Simulation.Now))
            stack.Icmp.SendError(packet, IcmpType.Redirect, (byte)IcmpRedirectCode.Host, input, info: gateway.Value);
    }
}
