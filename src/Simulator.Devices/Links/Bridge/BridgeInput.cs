using Simulator.Core.Addressing;
using Simulator.Core.Packets;
using Simulator.Core.Tracing;
using Simulator.Core.Wire;
using Simulator.Devices.Ipv4;

namespace Simulator.Devices.Links.Bridge;

/// <summary>What a frame's destination makes it for the bridge (enum br_pkt_type).</summary>
internal enum BridgePacketType : byte
{
    Unicast,
    Multicast,
    Broadcast,
}

/// <summary>
/// Frames arriving on a port (net/bridge/br_input.c): br_handle_frame is the ports' rx handler;
/// br_handle_frame_finish learns the source, then delivers up to the bridge device, forwards to
/// the known port, or floods.
/// </summary>
internal sealed class BridgeInput(BridgeDevice bridge)
{
    /// <summary>
    /// br_handle_frame. Link-local frames (01:80:c2:00:00:0X) are the bridge's to keep: BPDUs go
    /// to the spanning tree when it runs (and are forwarded like multicast when it does not, so
    /// that other bridges still see each other), pause frames are dropped, others pass to the
    /// port's own protocols. Every other frame enters the bridge if the port learns or forwards.
    /// </summary>
    public RxHandlerResult HandleFrame(BridgePort port, Packet frame)
    {
        var data = frame.Data;
        if (data.Length < EthernetFrame.MinHeaderLength)
        {
            port.Device.Drop(frame, DropReason.HdrTrunc, "runt frame");
            return RxHandlerResult.Consumed;
        }
        var source = MacAddress.Read(data[EthernetFrame.SourceOffset..]);
        // is_valid_ether_addr: a multicast or all-zero source is never a station.
        if (source.IsMulticast || source.Value == 0)
        {
            port.Device.Drop(frame, DropReason.Malformed, "invalid source address");
            return RxHandlerResult.Consumed;
        }
        var destination = MacAddress.Read(data);
        frame.PhysicalInputInterface = port.Device.IfIndex;

        if (IsLinkLocal(destination))
        {
            byte last = (byte)destination.Value;
            if (last == 0x00)
            {
                if (bridge.StpEnabled != StpMode.None)
                {
                    Trace(port, frame, "spanning tree BPDU");
                    LocalFinish(port, source);
                    bridge.StpBpdu.Receive(port, frame);
                    return RxHandlerResult.Consumed;
                }
                // "If STP is turned off, then must forward to keep loop detection".
            }
            else if (last == 0x01)
            {
                port.Device.Drop(frame, DropReason.UnhandledProto, "802.3x pause frame");
                return RxHandlerResult.Consumed;
            }
            else
            {
                // The frame goes on to the port's own protocol handlers (LLDP agents and the like)
                // after LOCAL_IN, as br_handle_local_finish returns it.
                var localHooks = bridge.Hooks;
                if (localHooks != null)
                {
                    var verdict = localHooks.Run(BridgeHook.LocalIn, frame, port.Device, null);
                    if (verdict != NfVerdict.Accept)
                    {
                        if (verdict == NfVerdict.Drop) port.Device.Drop(frame, DropReason.NetfilterDrop, "bridge INPUT");
                        return RxHandlerResult.Consumed;
                    }
                }
                LocalFinish(port, source);
                return RxHandlerResult.Pass;
            }
        }

        switch (port.State)
        {
            case PortState.Forwarding:
            case PortState.Learning:
                var hooks = bridge.Hooks;
                if (hooks != null)
                {
                    // NF_BR_PRE_ROUTING (nf_hook_bridge_pre): ebtables broute/nat and br_netfilter's
                    // PREROUTING for bridged IPv4 are called here.
                    var verdict = hooks.Run(BridgeHook.PreRouting, frame, port.Device, null);
                    if (verdict != NfVerdict.Accept)
                    {
                        if (verdict == NfVerdict.Drop) port.Device.Drop(frame, DropReason.NetfilterDrop, "bridge PREROUTING");
                        return RxHandlerResult.Consumed;
                    }
                }
                HandleFrameFinish(port, frame, destination, source);
                return RxHandlerResult.Consumed;
            default:
                port.Device.Drop(frame, DropReason.BridgePortState, $"port {port.Device.Name} is {port.State.Name()}");
                return RxHandlerResult.Consumed;
        }
    }

    /// <summary>Records what the bridge decided for a frame, when tracing is on.</summary>
    private void Trace(BridgePort port, Packet frame, string decision)
    {
        if (bridge.Simulation.Trace is null) return;
        port.Device.Trace(TraceKind.RxHandler, frame, $"bridge {bridge.Name}: {decision}");
    }

    /// <summary>is_link_local_ether_addr: 01:80:c2:00:00:00 to 01:80:c2:00:00:0f.</summary>
    private static bool IsLinkLocal(MacAddress address) => (address.Value & ~0xfUL) == 0x0180_c200_0000UL;

    /// <summary>__br_handle_local_finish: a link-local frame still teaches where its sender is.</summary>
    private void LocalFinish(BridgePort port, MacAddress source)
    {
        if (port.State != PortState.Disabled && (port.Flags & PortFlags.Learning) != 0)
            bridge.Fdb.Update(port, source);
    }

    /// <summary>
    /// br_handle_frame_finish: learn, then decide. Broadcast and multicast (no snooping querier
    /// is modelled, so all multicast floods) go to every other port and up to the bridge; unicast
    /// to a local address goes up only; unicast to a known station goes to its port; unknown
    /// unicast floods. A learning port learns but forwards nothing. With the bridge device
    /// promiscuous (a capture on it), everything also goes up.
    /// </summary>
    private void HandleFrameFinish(BridgePort port, Packet frame, MacAddress destination, MacAddress source)
    {
        if ((port.Flags & PortFlags.Learning) != 0) bridge.Fdb.Update(port, source);

        bool promiscuous = bridge.IsPromiscuous;
        bool localReceive = promiscuous;
        var type = BridgePacketType.Unicast;
        if (destination.IsMulticast)
        {
            if (destination.IsBroadcast)
            {
                type = BridgePacketType.Broadcast;
                localReceive = true;
            }
            else
            {
                type = BridgePacketType.Multicast;
            }
        }

        if (port.State == PortState.Learning)
        {
            port.Device.Drop(frame, DropReason.BridgePortState, $"port {port.Device.Name} is learning");
            return;
        }

        FdbEntry? entry = null;
        if (type == BridgePacketType.Multicast)
        {
            localReceive = true;
            bridge.Stats.Multicast++;
        }
        else if (type == BridgePacketType.Unicast)
        {
            entry = bridge.Fdb.Find(destination);
        }

        if (entry != null)
        {
            if (entry.IsLocal)
            {
                if (bridge.Simulation.Trace is not null)
                    Trace(port, frame, $"{destination} is local: up to {bridge.Name}");
                PassFrameUp(port, frame);
                return;
            }
            entry.Used = bridge.Simulation.Now;
            if (bridge.Simulation.Trace is not null)
                Trace(port, frame, $"{destination} is behind {entry.Port?.Device.Name}: forward{(localReceive ? $", and up to {bridge.Name}" : "")}");
            bridge.Forwarding.Forward(entry.Port, frame, localReceive, port.Device);
        }
        else
        {
            if (bridge.Simulation.Trace is not null)
                Trace(port, frame, $"{(type == BridgePacketType.Unicast ? $"{destination} unknown" : type.ToString().ToLowerInvariant())}: flood{(localReceive ? $", and up to {bridge.Name}" : "")}");
            bridge.Forwarding.Flood(frame, type, localReceive, port.Device);
        }
        if (localReceive) PassFrameUp(port, frame);
    }

    /// <summary>
    /// br_pass_frame_up: the bridge device receives the frame as if from a wire, after bridge
    /// LOCAL_IN, and it enters the bridge's namespace stack (ARP, IPv4) as the bridge's.
    /// </summary>
    private void PassFrameUp(BridgePort port, Packet frame)
    {
        var hooks = bridge.Hooks;
        if (hooks != null)
        {
            var verdict = hooks.Run(BridgeHook.LocalIn, frame, port.Device, null);
            if (verdict != NfVerdict.Accept)
            {
                if (verdict == NfVerdict.Drop) bridge.Drop(frame, DropReason.NetfilterDrop, "bridge INPUT");
                return;
            }
        }
        bridge.ReceiveNow(frame);
    }
}
