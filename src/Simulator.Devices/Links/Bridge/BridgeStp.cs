using Simulator.Core.Engine;

namespace Simulator.Devices.Links.Bridge;

/// <summary>A configuration BPDU's content (struct br_config_bpdu), times in nanoseconds.</summary>
internal readonly record struct ConfigBpdu(
    bool TopologyChange,
    bool TopologyChangeAck,
    BridgeId Root,
    int RootPathCost,
    BridgeId BridgeId,
    ushort PortId,
    long MessageAge,
    long MaxAge,
    long HelloTime,
    long ForwardDelay);

/// <summary>
/// The 802.1D spanning tree algorithm (net/bridge/br_stp.c, IEEE 802.1D-1998 clause 8): root
/// and designated port selection, port state selection, and the handling of received
/// configuration and topology change notification BPDUs.
/// </summary>
internal sealed class BridgeStp(BridgeDevice bridge)
{
    /// <summary>
    /// MESSAGE_AGE_INCR: a relayed BPDU is at least one tick older than the one received
    /// ((HZ/256)+1 jiffies).
    /// </summary>
    private const long MessageAgeIncrement = BridgeTime.Jiffy;

    /// <summary>BR_HOLD_TIME: at most one configuration BPDU per port per second.</summary>
    private static readonly long HoldTime = Simulation.Second;

    private BridgeStpInterface Interface => bridge.StpInterface;

    /// <summary>br_should_become_root_port: is <paramref name="port"/> a better way to the root than the current root port?</summary>
    private bool ShouldBecomeRootPort(BridgePort port, ushort rootPort)
    {
        if (port.State == PortState.Disabled || port.IsDesignated) return false;
        if (bridge.BridgeId.CompareTo(port.DesignatedRoot) <= 0) return false;
        if (rootPort == 0) return true;
        var current = bridge.FindPort(rootPort)!;
        int t = port.DesignatedRoot.CompareTo(current.DesignatedRoot);
        if (t != 0) return t < 0;
        int cost = port.DesignatedCost + port.PathCost, currentCost = current.DesignatedCost + current.PathCost;
        if (cost != currentCost) return cost < currentCost;
        t = port.DesignatedBridge.CompareTo(current.DesignatedBridge);
        if (t != 0) return t < 0;
        if (port.DesignatedPort != current.DesignatedPort) return port.DesignatedPort < current.DesignatedPort;
        return port.PortId < current.PortId;
    }

    /// <summary>br_root_selection.</summary>
    private void RootSelection()
    {
        ushort rootPort = 0;
        foreach (var port in bridge.PortList)
            if (ShouldBecomeRootPort(port, rootPort)) rootPort = port.PortNo;
        bridge.RootPort = rootPort;
        if (rootPort == 0)
        {
            bridge.DesignatedRoot = bridge.BridgeId;
            bridge.RootPathCost = 0;
        }
        else
        {
            var port = bridge.FindPort(rootPort)!;
            bridge.DesignatedRoot = port.DesignatedRoot;
            bridge.RootPathCost = port.DesignatedCost + port.PathCost;
        }
    }

    /// <summary>br_become_root_bridge: this bridge's own timer values apply, and it announces a topology change.</summary>
    public void BecomeRootBridge()
    {
        bridge.MaxAge = bridge.BridgeMaxAge;
        bridge.HelloTime = bridge.BridgeHelloTime;
        bridge.ForwardDelay = bridge.BridgeForwardDelay;
        TopologyChangeDetection();
        bridge.TcnTimer.Cancel();
        if (bridge.IsUp)
        {
            ConfigBpduGeneration();
            bridge.HelloTimer.Arm(bridge.HelloTime);
        }
    }

    /// <summary>
    /// br_transmit_config: a configuration BPDU on a designated port, unless one went out less
    /// than a hold time ago (then it is sent when the hold timer expires).
    /// </summary>
    public void TransmitConfig(BridgePort port)
    {
        if (port.HoldTimer.IsArmed)
        {
            port.ConfigPending = true;
            return;
        }
        long messageAge = 0;
        if (!bridge.IsRootBridge)
        {
            var root = bridge.FindPort(bridge.RootPort)!;
            messageAge = bridge.Simulation.Now - root.DesignatedAge + MessageAgeIncrement;
        }
        var bpdu = new ConfigBpdu(bridge.TopologyChange, port.TopologyChangeAck, bridge.DesignatedRoot,
            bridge.RootPathCost, bridge.BridgeId, port.PortId, messageAge, bridge.MaxAge, bridge.HelloTime,
            bridge.ForwardDelay);
        if (messageAge < bridge.MaxAge)
        {
            bridge.StpBpdu.SendConfig(port, bpdu);
            port.TopologyChangeAck = false;
            port.ConfigPending = false;
            if (bridge.StpEnabled == StpMode.Kernel)
            {
                long now = bridge.Simulation.Now;
                port.HoldTimer.Arm(BridgeTime.RoundToSecond(now + HoldTime, now) - now);
            }
        }
    }

    /// <summary>br_record_config_information: the port remembers the best information heard on its segment.</summary>
    private void RecordConfigInformation(BridgePort port, in ConfigBpdu bpdu)
    {
        port.DesignatedRoot = bpdu.Root;
        port.DesignatedCost = bpdu.RootPathCost;
        port.DesignatedBridge = bpdu.BridgeId;
        port.DesignatedPort = bpdu.PortId;
        port.DesignatedAge = bridge.Simulation.Now - bpdu.MessageAge;
        port.MessageAgeTimer.Arm(Math.Max(0, bpdu.MaxAge - bpdu.MessageAge));
    }

    /// <summary>br_record_config_timeout_values: timers come from the root, through the root port.</summary>
    private void RecordConfigTimeoutValues(in ConfigBpdu bpdu)
    {
        bridge.MaxAge = bpdu.MaxAge;
        bridge.HelloTime = bpdu.HelloTime;
        bridge.ForwardDelay = bpdu.ForwardDelay;
        SetTopologyChange(bpdu.TopologyChange);
    }

    /// <summary>br_transmit_tcn: a topology change notification towards the root.</summary>
    public void TransmitTcn()
    {
        var port = bridge.FindPort(bridge.RootPort);
        if (port != null) bridge.StpBpdu.SendTcn(port);
        else bridge.Log($"root port {bridge.RootPort} not found for topology notice");
    }

    /// <summary>br_should_become_designated_port.</summary>
    private bool ShouldBecomeDesignatedPort(BridgePort port)
    {
        if (port.IsDesignated) return true;
        if (port.DesignatedRoot != bridge.DesignatedRoot) return true;
        if (bridge.RootPathCost != port.DesignatedCost) return bridge.RootPathCost < port.DesignatedCost;
        int t = bridge.BridgeId.CompareTo(port.DesignatedBridge);
        if (t != 0) return t < 0;
        return port.PortId < port.DesignatedPort;
    }

    /// <summary>br_designated_port_selection.</summary>
    private void DesignatedPortSelection()
    {
        foreach (var port in bridge.PortList)
            if (port.State != PortState.Disabled && ShouldBecomeDesignatedPort(port)) BecomeDesignatedPort(port);
    }

    /// <summary>br_supersedes_port_info: is the received BPDU better than what the port holds?</summary>
    private bool SupersedesPortInfo(BridgePort port, in ConfigBpdu bpdu)
    {
        int t = bpdu.Root.CompareTo(port.DesignatedRoot);
        if (t != 0) return t < 0;
        if (bpdu.RootPathCost != port.DesignatedCost) return bpdu.RootPathCost < port.DesignatedCost;
        t = bpdu.BridgeId.CompareTo(port.DesignatedBridge);
        if (t != 0) return t < 0;
        if (bpdu.BridgeId != bridge.BridgeId) return true;
        return bpdu.PortId <= port.DesignatedPort;
    }

    /// <summary>br_topology_change_acknowledged.</summary>
    private void TopologyChangeAcknowledged()
    {
        bridge.TopologyChangeDetected = false;
        bridge.TcnTimer.Cancel();
    }

    /// <summary>
    /// br_topology_change_detection: the root sets the topology change flag in its BPDUs for
    /// forward delay + max age; another bridge tells the root with TCN BPDUs until acknowledged.
    /// </summary>
    public void TopologyChangeDetection()
    {
        if (bridge.StpEnabled != StpMode.Kernel) return;
        bool isRoot = bridge.IsRootBridge;
        bridge.Log($"topology change detected, {(isRoot ? "propagating" : "sending tcn bpdu")}");
        if (isRoot)
        {
            SetTopologyChange(true);
            bridge.TopologyChangeTimer.Arm(bridge.BridgeForwardDelay + bridge.BridgeMaxAge);
        }
        else if (!bridge.TopologyChangeDetected)
        {
            TransmitTcn();
            bridge.TcnTimer.Arm(bridge.BridgeHelloTime);
        }
        bridge.TopologyChangeDetected = true;
    }

    /// <summary>
    /// __br_set_topology_change: while a topology change is under way the ageing time is twice
    /// the forward delay, so stale entries go quickly; afterwards the configured one again.
    /// </summary>
    public void SetTopologyChange(bool on)
    {
        if (bridge.StpEnabled == StpMode.Kernel && bridge.TopologyChange != on)
            bridge.AgeingTime = on ? 2 * bridge.ForwardDelay : bridge.BridgeAgeingTime;
        bridge.TopologyChange = on;
    }

    /// <summary>br_config_bpdu_generation: a configuration BPDU on every designated port.</summary>
    public void ConfigBpduGeneration()
    {
        foreach (var port in bridge.PortList.ToList())
            if (port.State != PortState.Disabled && port.IsDesignated) TransmitConfig(port);
    }

    /// <summary>br_configuration_update.</summary>
    public void ConfigurationUpdate()
    {
        RootSelection();
        DesignatedPortSelection();
    }

    /// <summary>br_become_designated_port.</summary>
    public void BecomeDesignatedPort(BridgePort port)
    {
        port.DesignatedRoot = bridge.DesignatedRoot;
        port.DesignatedCost = bridge.RootPathCost;
        port.DesignatedBridge = bridge.BridgeId;
        port.DesignatedPort = port.PortId;
    }

    /// <summary>br_make_blocking.</summary>
    private void MakeBlocking(BridgePort port)
    {
        if (port.State is PortState.Disabled or PortState.Blocking) return;
        if (port.State is PortState.Forwarding or PortState.Learning) TopologyChangeDetection();
        Interface.SetState(port, PortState.Blocking);
        port.ForwardDelayTimer.Cancel();
    }

    /// <summary>
    /// br_make_forwarding: without STP a blocking port forwards at once; with it, it listens for
    /// a forward delay, then learns for another, then forwards.
    /// </summary>
    private void MakeForwarding(BridgePort port)
    {
        if (port.State != PortState.Blocking) return;
        if (bridge.StpEnabled == StpMode.None || bridge.ForwardDelay == 0)
        {
            Interface.SetState(port, PortState.Forwarding);
            TopologyChangeDetection();
            port.ForwardDelayTimer.Cancel();
        }
        else
        {
            Interface.SetState(port, PortState.Listening);
        }
        if (bridge.ForwardDelay != 0) port.ForwardDelayTimer.Arm(bridge.ForwardDelay);
    }

    /// <summary>
    /// br_port_state_selection: the root port and designated ports go towards forwarding, the
    /// others block. The bridge has carrier while at least one port forwards.
    /// </summary>
    public void PortStateSelection()
    {
        int livePorts = 0;
        foreach (var port in bridge.PortList)
        {
            if (port.State == PortState.Disabled) continue;
            if (port.PortNo == bridge.RootPort)
            {
                port.ConfigPending = false;
                port.TopologyChangeAck = false;
                MakeForwarding(port);
            }
            else if (port.IsDesignated)
            {
                port.MessageAgeTimer.Cancel();
                MakeForwarding(port);
            }
            else
            {
                port.ConfigPending = false;
                port.TopologyChangeAck = false;
                MakeBlocking(port);
            }
            if (port.State == PortState.Forwarding) livePorts++;
        }
        if (livePorts == 0) bridge.CarrierOff();
        else bridge.CarrierOn();
    }

    /// <summary>br_topology_change_acknowledge: answer a TCN with the acknowledge flag.</summary>
    private void TopologyChangeAcknowledge(BridgePort port)
    {
        port.TopologyChangeAck = true;
        TransmitConfig(port);
    }

    /// <summary>br_received_config_bpdu.</summary>
    public void ReceivedConfigBpdu(BridgePort port, in ConfigBpdu bpdu)
    {
        bool wasRoot = bridge.IsRootBridge;
        if (SupersedesPortInfo(port, bpdu))
        {
            RecordConfigInformation(port, bpdu);
            ConfigurationUpdate();
            PortStateSelection();
            if (!bridge.IsRootBridge && wasRoot)
            {
                bridge.HelloTimer.Cancel();
                if (bridge.TopologyChangeDetected)
                {
                    bridge.TopologyChangeTimer.Cancel();
                    TransmitTcn();
                    bridge.TcnTimer.Arm(bridge.BridgeHelloTime);
                }
            }
            if (port.PortNo == bridge.RootPort)
            {
                RecordConfigTimeoutValues(bpdu);
                ConfigBpduGeneration();
                if (bpdu.TopologyChangeAck) TopologyChangeAcknowledged();
            }
        }
        else if (port.IsDesignated)
        {
            // br_reply: a designated port answers inferior information with its own.
            TransmitConfig(port);
        }
    }

    /// <summary>br_received_tcn_bpdu.</summary>
    public void ReceivedTcnBpdu(BridgePort port)
    {
        if (!port.IsDesignated) return;
        bridge.Log($"port {port.PortNo}({port.Device.Name}) received tcn bpdu");
        TopologyChangeDetection();
        TopologyChangeAcknowledge(port);
    }
}
