using Simulator.Core.Addressing;
using Simulator.Core.Engine;

namespace Simulator.Devices.Links.Bridge;

/// <summary>
/// Spanning tree, interface code (net/bridge/br_stp_if.c): enabling and disabling the bridge and
/// its ports, switching STP on and off, the bridge id (and so the bridge's address, the lowest of
/// its ports' unless the user set one), priorities and path costs.
/// </summary>
internal sealed class BridgeStpInterface(BridgeDevice bridge)
{
    private BridgeStp Stp => bridge.Stp;

    /// <summary>br_set_state: every state change is logged as the kernel does.</summary>
    public void SetState(BridgePort port, PortState state)
    {
        port.State = state;
        bridge.Log($"port {port.PortNo}({port.Device.Name}) entered {state.Name()} state");
    }

    /// <summary>br_init_port: a fresh port id, designated for its segment, blocking.</summary>
    public void InitPort(BridgePort port)
    {
        port.PortId = MakePortId(port.Priority, port.PortNo);
        Stp.BecomeDesignatedPort(port);
        SetState(port, PortState.Blocking);
        port.TopologyChangeAck = false;
        port.ConfigPending = false;
    }

    /// <summary>br_make_port_id.</summary>
    public static ushort MakePortId(int priority, ushort portNo) =>
        (ushort)(priority << BridgePort.PortBits | (portNo & (BridgePort.MaxPorts - 1)));

    /// <summary>br_stp_enable_bridge (br_dev_open).</summary>
    public void EnableBridge()
    {
        if (bridge.StpEnabled == StpMode.Kernel) bridge.HelloTimer.Arm(bridge.HelloTime);
        bridge.GcTimer.Arm(Simulation.Second / 10);
        Stp.ConfigBpduGeneration();
        foreach (var port in bridge.PortList.ToList())
            if (port.Device.IsUp && BridgeInterfaces.IsOperUp(port.Device)) EnablePort(port);
    }

    /// <summary>br_stp_disable_bridge (br_dev_stop).</summary>
    public void DisableBridge()
    {
        foreach (var port in bridge.PortList.ToList())
            if (port.State != PortState.Disabled) DisablePort(port);
        Stp.SetTopologyChange(false);
        bridge.TopologyChangeDetected = false;
        bridge.HelloTimer.Cancel();
        bridge.TopologyChangeTimer.Cancel();
        bridge.TcnTimer.Cancel();
        bridge.GcTimer.Cancel();
    }

    /// <summary>br_stp_enable_port.</summary>
    public void EnablePort(BridgePort port)
    {
        InitPort(port);
        Stp.PortStateSelection();
    }

    /// <summary>
    /// br_stp_disable_port: the port stops, forgets what it learned, and the spanning tree is
    /// recomputed without it.
    /// </summary>
    public void DisablePort(BridgePort port)
    {
        bool wasRoot = bridge.IsRootBridge;
        Stp.BecomeDesignatedPort(port);
        SetState(port, PortState.Disabled);
        port.TopologyChangeAck = false;
        port.ConfigPending = false;
        port.MessageAgeTimer.Cancel();
        port.ForwardDelayTimer.Cancel();
        port.HoldTimer.Cancel();
        bridge.Fdb.DeleteByPort(port, all: false);
        Stp.ConfigurationUpdate();
        Stp.PortStateSelection();
        if (bridge.IsRootBridge && !wasRoot) Stp.BecomeRootBridge();
    }

    /// <summary>
    /// br_stp_set_enabled. Switching on starts the kernel's STP (the usermode helper
    /// /sbin/bridge-stp is not installed, so the kernel runs it, as on Debian without mstpd);
    /// switching off only stops sending BPDUs: ports keep the state they reached.
    /// </summary>
    public void SetEnabled(bool on)
    {
        if (on)
        {
            if (bridge.StpEnabled != StpMode.None) return;
            // br_stp_start: the forward delay must be one STP accepts.
            if (bridge.BridgeForwardDelay < 2 * Simulation.Second) SetForwardDelay(2 * Simulation.Second);
            else if (bridge.BridgeForwardDelay > 30 * Simulation.Second) SetForwardDelay(30 * Simulation.Second);
            bridge.StpEnabled = StpMode.Kernel;
            if (bridge.IsUp) bridge.HelloTimer.Arm(bridge.HelloTime);
            Stp.PortStateSelection();
        }
        else
        {
            bridge.StpEnabled = StpMode.None;
        }
    }

    /// <summary>__br_set_forward_delay.</summary>
    public void SetForwardDelay(long delay)
    {
        bridge.BridgeForwardDelay = delay;
        if (bridge.IsRootBridge) bridge.ForwardDelay = delay;
    }

    /// <summary>
    /// br_stp_change_bridge_id: the bridge (and its device) take <paramref name="address"/>;
    /// ports that named the old id as designated bridge or root follow, and the tree is recomputed.
    /// </summary>
    public void ChangeBridgeId(MacAddress address)
    {
        bool wasRoot = bridge.IsRootBridge;
        var oldAddress = bridge.BridgeId.Address;
        bridge.Fdb.ChangeBridgeAddress(bridge.OwnAddress, address);
        bridge.BridgeId = bridge.BridgeId with { Address = address };
        bridge.ChangeOwnAddress(address);
        foreach (var port in bridge.PortList)
        {
            if (port.DesignatedBridge.Address == oldAddress)
                port.DesignatedBridge = port.DesignatedBridge with { Address = address };
            if (port.DesignatedRoot.Address == oldAddress)
                port.DesignatedRoot = port.DesignatedRoot with { Address = address };
        }
        Stp.ConfigurationUpdate();
        Stp.PortStateSelection();
        if (bridge.IsRootBridge && !wasRoot) Stp.BecomeRootBridge();
    }

    /// <summary>
    /// br_stp_recalculate_bridge_id: unless the user chose the address, the bridge takes the
    /// lowest address among its ports (zero without ports). True when it changed.
    /// </summary>
    public bool RecalculateBridgeId()
    {
        if (bridge.AddressSetByUser) return false;
        MacAddress lowest = MacAddress.Zero;
        bool any = false;
        foreach (var port in bridge.PortList)
        {
            if (!any || port.Device.Address.Value < lowest.Value) lowest = port.Device.Address;
            any = true;
        }
        var current = bridge.BridgeId.Address.IsValid ? bridge.BridgeId.Address : MacAddress.Zero;
        if (current == lowest) return false;
        ChangeBridgeId(lowest);
        return true;
    }

    /// <summary>br_stp_set_bridge_priority.</summary>
    public void SetBridgePriority(ushort priority)
    {
        bool wasRoot = bridge.IsRootBridge;
        foreach (var port in bridge.PortList)
            if (port.State != PortState.Disabled && port.IsDesignated)
                port.DesignatedBridge = port.DesignatedBridge with { Priority = priority };
        bridge.BridgeId = bridge.BridgeId with { Priority = priority };
        Stp.ConfigurationUpdate();
        Stp.PortStateSelection();
        if (bridge.IsRootBridge && !wasRoot) Stp.BecomeRootBridge();
    }

    /// <summary>br_stp_set_port_priority: 0..63.</summary>
    public NetlinkError? SetPortPriority(BridgePort port, int priority)
    {
        if (priority < 0 || priority > BridgePort.MaxPriority) return new NetlinkError(Errno.ERANGE);
        var newId = MakePortId(priority, port.PortNo);
        if (port.IsDesignated) port.DesignatedPort = newId;
        port.PortId = newId;
        port.Priority = priority;
        if (bridge.BridgeId == port.DesignatedBridge && port.PortId < port.DesignatedPort)
        {
            Stp.BecomeDesignatedPort(port);
            Stp.PortStateSelection();
        }
        return null;
    }

    /// <summary>br_stp_set_path_cost: 1..65535; the cost then no longer follows the link speed.</summary>
    public NetlinkError? SetPathCost(BridgePort port, int cost)
    {
        if (cost < 1 || cost > 65535) return new NetlinkError(Errno.ERANGE);
        port.Flags |= PortFlags.AdminCost;
        port.PathCost = cost;
        Stp.ConfigurationUpdate();
        Stp.PortStateSelection();
        return null;
    }
}
