namespace Simulator.Devices.Links.Bridge;

/// <summary>The spanning tree timers' expiry (net/bridge/br_stp_timer.c).</summary>
internal sealed class BridgeStpTimers(BridgeDevice bridge)
{
    private BridgeStp Stp => bridge.Stp;

    /// <summary>br_is_designated_for_some_port.</summary>
    private bool IsDesignatedForSomePort()
    {
        foreach (var port in bridge.PortList)
            if (port.State != PortState.Disabled && port.DesignatedBridge == bridge.BridgeId) return true;
        return false;
    }

    /// <summary>br_hello_timer_expired: the root sends configuration BPDUs every hello time.</summary>
    public void HelloExpired()
    {
        if (!bridge.IsUp) return;
        Stp.ConfigBpduGeneration();
        if (bridge.StpEnabled == StpMode.Kernel)
        {
            long now = bridge.Simulation.Now;
            bridge.HelloTimer.Arm(BridgeTime.RoundToSecond(now + bridge.HelloTime, now) - now);
        }
    }

    /// <summary>
    /// br_message_age_timer_expired: the designated bridge of the port's segment fell silent for
    /// max age; the port takes over as designated and the tree is recomputed.
    /// </summary>
    public void MessageAgeExpired(BridgePort port)
    {
        if (port.State == PortState.Disabled) return;
        var id = port.DesignatedBridge;
        bridge.Log($"port {port.PortNo}({port.Device.Name}) neighbor {id.Priority:x4}.{id.Address} lost");
        bool wasRoot = bridge.IsRootBridge;
        Stp.BecomeDesignatedPort(port);
        Stp.ConfigurationUpdate();
        Stp.PortStateSelection();
        if (bridge.IsRootBridge && !wasRoot) Stp.BecomeRootBridge();
    }

    /// <summary>br_forward_delay_timer_expired: listening → learning → forwarding.</summary>
    public void ForwardDelayExpired(BridgePort port)
    {
        if (port.State == PortState.Listening)
        {
            bridge.StpInterface.SetState(port, PortState.Learning);
            port.ForwardDelayTimer.Arm(bridge.ForwardDelay);
        }
        else if (port.State == PortState.Learning)
        {
            bridge.StpInterface.SetState(port, PortState.Forwarding);
            if (IsDesignatedForSomePort()) Stp.TopologyChangeDetection();
            bridge.CarrierOn();
        }
    }

    /// <summary>br_tcn_timer_expired: repeat the notification until the root acknowledges it.</summary>
    public void TcnExpired()
    {
        if (!bridge.IsUp) return;
        Stp.TransmitTcn();
        bridge.TcnTimer.Arm(bridge.BridgeHelloTime);
    }

    /// <summary>br_topology_change_timer_expired.</summary>
    public void TopologyChangeExpired()
    {
        bridge.TopologyChangeDetected = false;
        Stp.SetTopologyChange(false);
    }

    /// <summary>br_hold_timer_expired: send the configuration BPDU that had to wait.</summary>
    public void HoldExpired(BridgePort port)
    {
        if (port.ConfigPending) Stp.TransmitConfig(port);
    }
}
