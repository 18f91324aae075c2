using Simulator.Core.Addressing;
using Simulator.Core.Packets;
using Simulator.Core.Tracing;
using Simulator.Core.Wire;
using Simulator.Devices.Ipv4;

namespace Simulator.Devices.Links.Bridge;

/// <summary>
/// Sending frames out of ports (net/bridge/br_forward.c): to one known port, or flooded with a
/// copy to every eligible port, and the bridge device's own transmit (br_dev_xmit).
/// </summary>
internal sealed class BridgeForward(BridgeDevice bridge)
{
    /// <summary>
    /// should_deliver: not back out of the port the frame came in on unless that port is in
    /// hairpin mode, only through a forwarding port, and never from an isolated port to another
    /// isolated one (br_skb_isolated).
    /// </summary>
    private static bool ShouldDeliver(BridgePort port, NetDevice ingress) =>
        (port.Hairpin || ingress != port.Device) && port.State == PortState.Forwarding &&
        !(port.Isolated && BridgeDevice.PortOfDevice(ingress) is { Isolated: true });

    /// <summary>
    /// br_forward: to the port a known station is behind. With <paramref name="localReceive"/>
    /// the caller keeps the frame (it also goes up) and a copy is sent.
    /// </summary>
    public void Forward(BridgePort? to, Packet frame, bool localReceive, NetDevice ingress)
    {
        if (to != null && ShouldDeliver(to, ingress))
        {
            Deliver(to, localReceive ? frame.Clone() : frame, ingress);
            return;
        }
        if (localReceive) return;
        if (to is null) bridge.Drop(frame, DropReason.NotSpecified, "destination is the bridge's own address");
        else if (to.Device == ingress)
            to.Device.Drop(frame, DropReason.BridgeIngressPort, $"destination is behind {to.Device.Name}, where it came from (hairpin off)");
        else to.Device.Drop(frame, DropReason.BridgePortState, $"port {to.Device.Name} is {to.State.Name()}");
    }

    /// <summary>
    /// br_flood: a copy to every port that should get it, in port-list order; the last one gets
    /// the frame itself unless the caller keeps it. Unknown unicast skips ports with flooding
    /// off; multicast and broadcast from outside skip ports with those floods off.
    /// </summary>
    public void Flood(Packet frame, BridgePacketType type, bool localReceive, NetDevice ingress)
    {
        bool localOrigin = ingress == bridge;
        BridgePort? previous = null;
        var ports = bridge.PortList;
        for (int i = 0; i < ports.Count; i++)
        {
            var port = ports[i];
            switch (type)
            {
                case BridgePacketType.Unicast when (port.Flags & PortFlags.Flood) == 0:
                case BridgePacketType.Multicast when (port.Flags & PortFlags.McastFlood) == 0 && !localOrigin:
                case BridgePacketType.Broadcast when (port.Flags & PortFlags.BcastFlood) == 0 && !localOrigin:
                    continue;
            }
            if (!ShouldDeliver(port, ingress)) continue;
            // maybe_deliver: the previous eligible port gets a copy now that another one exists.
            if (previous != null) Deliver(previous, frame.Clone(), ingress);
            previous = port;
        }
        if (previous is null)
        {
            if (!localReceive) bridge.Drop(frame, DropReason.NotSpecified, "no port to flood to");
            return;
        }
        Deliver(previous, localReceive ? frame.Clone() : frame, ingress);
    }

    /// <summary>
    /// __br_forward: bridge FORWARD for a frame from a port, LOCAL_OUT for one the bridge itself
    /// sends, then br_forward_finish.
    /// </summary>
    private void Deliver(BridgePort to, Packet frame, NetDevice ingress)
    {
        var hooks = bridge.Hooks;
        if (hooks != null)
        {
            bool localOrigin = ingress == bridge;
            // NF_BR_FORWARD / NF_BR_LOCAL_OUT: ebtables filter and, with bridge-nf-call-iptables,
            // iptables FORWARD with physdev-in/physdev-out are called here.
            var verdict = hooks.Run(localOrigin ? BridgeHook.LocalOut : BridgeHook.Forward, frame,
                localOrigin ? null : ingress, to.Device);
            if (verdict != NfVerdict.Accept)
            {
                if (verdict == NfVerdict.Drop) to.Device.Drop(frame, DropReason.NetfilterDrop, localOrigin ? "bridge OUTPUT" : "bridge FORWARD");
                return;
            }
        }
        ForwardFinish(to, frame);
    }

    /// <summary>br_forward_finish: bridge POST_ROUTING, then br_dev_queue_push_xmit.</summary>
    private void ForwardFinish(BridgePort to, Packet frame)
    {
        var hooks = bridge.Hooks;
        if (hooks != null)
        {
            var verdict = hooks.Run(BridgeHook.PostRouting, frame, null, to.Device);
            if (verdict != NfVerdict.Accept)
            {
                if (verdict == NfVerdict.Drop) to.Device.Drop(frame, DropReason.NetfilterDrop, "bridge POSTROUTING");
                return;
            }
        }
        DevQueuePushXmit(to, frame);
    }

    /// <summary>br_dev_queue_push_xmit: is_skb_forwardable (the frame fits the port's MTU), then dev_queue_xmit.</summary>
    private static void DevQueuePushXmit(BridgePort to, Packet frame)
    {
        var device = to.Device;
        if (frame.Length > device.Mtu + EthernetFrame.MinHeaderLength + EthernetFrame.VlanTagLength)
        {
            device.Drop(frame, DropReason.PktTooBig, $"larger than {device.Name}'s MTU {device.Mtu}");
            return;
        }
        device.Transmit(frame);
    }

    /// <summary>
    /// br_dev_xmit: a frame the bridge's own stack sends. Broadcast and multicast flood; unicast
    /// goes to the known port or floods. A frame to the bridge's own address goes nowhere.
    /// </summary>
    public void DeviceTransmit(Packet frame)
    {
        var data = frame.Data;
        if (data.Length < EthernetFrame.MinHeaderLength)
        {
            bridge.Drop(frame, DropReason.HdrTrunc, "runt frame");
            return;
        }
        var destination = MacAddress.Read(data);
        if (destination.IsBroadcast)
        {
            Flood(frame, BridgePacketType.Broadcast, false, bridge);
        }
        else if (destination.IsMulticast)
        {
            Flood(frame, BridgePacketType.Multicast, false, bridge);
        }
        else if (bridge.Fdb.Find(destination) is { } entry)
        {
            Forward(entry.Port, frame, false, bridge);
        }
        else
        {
            Flood(frame, BridgePacketType.Unicast, false, bridge);
        }
    }
}
