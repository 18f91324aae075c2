using Simulator.Core.Tracing;
using Simulator.Devices.Ipv4;

namespace Simulator.Devices.Links.Bridge;

/// <summary>
/// Sending and receiving BPDUs (net/bridge/br_stp_bpdu.c). BPDUs are real frames on the ports'
/// wires, so a capture shows them and a bridge with STP off floods them like any multicast.
/// </summary>
internal sealed class BridgeStpBpdu(BridgeDevice bridge)
{
    /// <summary>br_send_config_bpdu.</summary>
    public void SendConfig(BridgePort port, in ConfigBpdu bpdu)
    {
        if (bridge.StpEnabled != StpMode.Kernel) return;
        Send(port, new StpBpduRepr(BpduType.Config, bpdu.TopologyChange, bpdu.TopologyChangeAck, bpdu.Root,
            bpdu.RootPathCost, bpdu.BridgeId, bpdu.PortId, StpBpduRepr.ToTicks(bpdu.MessageAge),
            StpBpduRepr.ToTicks(bpdu.MaxAge), StpBpduRepr.ToTicks(bpdu.HelloTime), StpBpduRepr.ToTicks(bpdu.ForwardDelay)));
    }

    /// <summary>br_send_tcn_bpdu.</summary>
    public void SendTcn(BridgePort port)
    {
        if (bridge.StpEnabled != StpMode.Kernel) return;
        Send(port, new StpBpduRepr(BpduType.TopologyChangeNotification));
    }

    /// <summary>br_send_bpdu: straight out of the port, whatever its state, after LOCAL_OUT.</summary>
    private void Send(BridgePort port, in StpBpduRepr bpdu)
    {
        var frame = bridge.Simulation.Packets.Rent(bpdu.FrameLength);
        bpdu.Emit(frame.Data, port.Device.Address, BridgeDevice.GroupAddress);
        var hooks = bridge.Hooks;
        if (hooks != null)
        {
            var verdict = hooks.Run(BridgeHook.LocalOut, frame, null, port.Device);
            if (verdict != NfVerdict.Accept)
            {
                if (verdict == NfVerdict.Drop) port.Device.Drop(frame, DropReason.NetfilterDrop, "bridge OUTPUT");
                return;
            }
        }
        port.Device.Transmit(frame);
    }

    /// <summary>
    /// br_stp_rcv (reached through the LLC layer in the kernel): a BPDU counts only when the
    /// kernel runs STP, the bridge is up, the port is not disabled and it was sent to the group
    /// address. A configuration BPDU older than its max age is refused.
    /// </summary>
    public void Receive(BridgePort port, Core.Packets.Packet frame)
    {
        var reason = StpBpduRepr.TryParse(frame.Data, out var bpdu);
        if (reason != DropReason.None)
        {
            port.Device.Drop(frame, reason, "not a spanning tree BPDU");
            return;
        }
        var destination = Core.Addressing.MacAddress.Read(frame.Data);
        if (bridge.StpEnabled != StpMode.Kernel || !bridge.IsUp || port.State == PortState.Disabled ||
            destination != BridgeDevice.GroupAddress)
        {
            frame.Release();
            return;
        }
        if (bpdu.Type == BpduType.Config)
        {
            var config = new ConfigBpdu(bpdu.TopologyChange, bpdu.TopologyChangeAck, bpdu.Root, bpdu.RootPathCost,
                bpdu.BridgeId, bpdu.PortId, StpBpduRepr.FromTicks(bpdu.MessageAgeTicks),
                StpBpduRepr.FromTicks(bpdu.MaxAgeTicks), StpBpduRepr.FromTicks(bpdu.HelloTimeTicks),
                StpBpduRepr.FromTicks(bpdu.ForwardDelayTicks));
            if (config.MessageAge > config.MaxAge)
            {
                var source = Core.Addressing.MacAddress.Read(frame.Data[6..]);
                bridge.LogRateLimited(
                    $"port {port.PortNo} config from {source} (message_age {config.MessageAge / BridgeTime.Jiffy}l > max_age {config.MaxAge / BridgeTime.Jiffy}l)");
                frame.Release();
                return;
            }
            frame.Release();
            bridge.Stp.ReceivedConfigBpdu(port, config);
            return;
        }
        frame.Release();
        bridge.Stp.ReceivedTcnBpdu(port);
    }
}
