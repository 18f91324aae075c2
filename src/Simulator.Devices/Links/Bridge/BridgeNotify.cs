namespace Simulator.Devices.Links.Bridge;

/// <summary>
/// The bridge's netdevice notifier (net/bridge/br_notify.c, br_device_event): what happens to a
/// port when its device goes up or down, gains or loses carrier, changes address or MTU, or
/// disappears (deleted, or moved to another namespace), and what a user's change of the bridge's
/// own address does.
/// </summary>
internal sealed class BridgeNotify(BridgeDevice bridge)
{
    public void OnNetdevEvent(NetDevice device, NetdevEvent netdevEvent)
    {
        if (device == bridge)
        {
            if (netdevEvent == NetdevEvent.ChangeAddress && !bridge.ChangingAddress) UserSetAddress();
            return;
        }
        var port = bridge.PortOf(device);
        if (port is null) return;
        switch (netdevEvent)
        {
            case NetdevEvent.ChangeAddress:
                bridge.Fdb.ChangePortAddress(port, device.Address);
                bridge.StpInterface.RecalculateBridgeId();
                break;
            case NetdevEvent.Change:
                // Carrier changes reach the kernel's notifier through linkwatch, a moment after the
                // driver reports them, and so after NETDEV_DOWN when the device is being closed. A
                // device going down is left to its NETDEV_DOWN, which follows; otherwise the check
                // runs at once, as what commands show next is the settled state.
                if (device.IsUp) CarrierCheck(port);
                break;
            case NetdevEvent.ChangeMtu:
                bridge.Interfaces.AdjustMtu();
                break;
            case NetdevEvent.Down:
                if (bridge.IsUp) bridge.StpInterface.DisablePort(port);
                break;
            case NetdevEvent.Up:
                if (bridge.IsUp && BridgeInterfaces.IsOperUp(device)) bridge.StpInterface.EnablePort(port);
                break;
            case NetdevEvent.Unregister:
                bridge.Interfaces.DeleteInterface(device);
                break;
        }
    }

    /// <summary>
    /// br_port_carrier_check: a running port whose device is operationally up is enabled, one
    /// that lost its carrier is disabled. The path cost follows the link speed unless set by hand.
    /// </summary>
    private void CarrierCheck(BridgePort port)
    {
        var device = port.Device;
        bool running = device.IsUp && BridgeInterfaces.IsOperUp(device);
        if ((port.Flags & PortFlags.AdminCost) == 0 && running) port.PathCost = BridgePort.DefaultPathCost(device);
        if (!bridge.IsUp) return;
        if (running)
        {
            if (port.State == PortState.Disabled) bridge.StpInterface.EnablePort(port);
        }
        else if (port.State != PortState.Disabled)
        {
            bridge.StpInterface.DisablePort(port);
        }
    }

    /// <summary>
    /// br_set_mac_address (<c>ip link set BR address X</c>): the address becomes the bridge id and
    /// the user's choice (NET_ADDR_SET), so ports no longer change it.
    /// </summary>
    private void UserSetAddress()
    {
        bridge.AddressSetByUser = true;
        if (bridge.Address != bridge.OwnAddress) bridge.StpInterface.ChangeBridgeId(bridge.Address);
    }
}
