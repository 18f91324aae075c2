using Simulator.Core.Addressing;
using Simulator.Core.Packets;

namespace Simulator.Devices.Links.Bridge;

/// <summary>
/// Enslaving and releasing ports (net/bridge/br_if.c): br_add_if, br_del_if, the bridge's
/// promiscuity hold on its ports, and the bridge MTU that follows its ports'.
/// </summary>
internal sealed class BridgeInterfaces(BridgeDevice bridge)
{
    /// <summary>
    /// br_add_if: <paramref name="device"/> becomes a port. Refused for non-Ethernet devices and
    /// loopback (EINVAL), bridges (ELOOP), devices that already have a master or whose one rx
    /// handler is taken (EBUSY). The port starts disabled, the device goes promiscuous and its
    /// address becomes a local entry; the bridge may take a new address (the lowest of its
    /// ports'), and the port is enabled at once if the device and the bridge are running.
    /// </summary>
    public NetlinkError? AddInterface(NetDevice device)
    {
        if (device is LoopbackDevice || !device.Address.IsValid || device.Address.IsMulticast || device.Address.Value == 0)
            return new NetlinkError(Errno.EINVAL);
        if (device is BridgeDevice)
            return new NetlinkError(Errno.ELOOP, "Can not enslave a bridge to a bridge");
        if (device.Master != null) return new NetlinkError(Errno.EBUSY);
        if (device.Namespace != bridge.Namespace) return new NetlinkError(Errno.EINVAL);
        int portNo = FindPortNumber();
        if (portNo < 0) return new NetlinkError(Errno.EXFULL);

        // new_nbp
        var port = new BridgePort(bridge, device, (ushort)portNo);
        bridge.StpInterface.InitPort(port);
        bridge.StpInterface.SetState(port, PortState.Disabled);

        if (!device.RegisterRxHandler(port)) return new NetlinkError(Errno.EBUSY);
        device.ChangeAllMulti(1);
        device.Master = bridge;
        bridge.World.Notify(device, NetdevEvent.ChangeUpper);

        bridge.PortList.Insert(0, port);
        ManagePromisc();

        bridge.Fdb.InsertLocal(port, device.Address);

        bridge.StpInterface.RecalculateBridgeId();
        if (device.IsUp && IsOperUp(device) && bridge.IsUp)
            bridge.StpInterface.EnablePort(port);
        AdjustMtu();
        return null;
    }

    /// <summary>br_del_if: EINVAL when the device is not a port of this bridge.</summary>
    public NetlinkError? DeleteInterface(NetDevice device)
    {
        var port = bridge.PortOf(device);
        if (port is null) return new NetlinkError(Errno.EINVAL);
        DeletePort(port);
        AdjustMtu();
        bridge.StpInterface.RecalculateBridgeId();
        return null;
    }

    /// <summary>br_dev_delete: the bridge is going; release every port and its own entries.</summary>
    public void DeleteBridge()
    {
        foreach (var port in bridge.PortList.ToList()) DeletePort(port);
        bridge.Fdb.DeleteByPort(null, all: true);
        bridge.GcTimer.Cancel();
        bridge.HelloTimer.Cancel();
        bridge.TcnTimer.Cancel();
        bridge.TopologyChangeTimer.Cancel();
    }

    /// <summary>
    /// del_nbp: the device leaves promiscuous mode, the port is disabled (and says so), its
    /// entries are forgotten and the rx handler is released.
    /// </summary>
    private void DeletePort(BridgePort port)
    {
        var device = port.Device;
        // nbp_delete_promisc
        device.ChangeAllMulti(-1);
        if ((port.Flags & PortFlags.Promisc) != 0)
        {
            device.ChangePromiscuity(-1);
            port.Flags &= ~PortFlags.Promisc;
        }
        bridge.StpInterface.DisablePort(port);
        bridge.PortList.Remove(port);
        bridge.Fdb.DeleteByPort(port, all: true);
        device.Master = null;
        device.UnregisterRxHandler();
        bridge.World.Notify(device, NetdevEvent.ChangeUpper);
    }

    /// <summary>find_portno: the lowest free port number; 0 is reserved.</summary>
    private int FindPortNumber()
    {
        for (int candidate = 1; candidate < BridgePort.MaxPorts; candidate++)
        {
            bool used = false;
            foreach (var port in bridge.PortList)
            {
                if (port.PortNo == candidate)
                {
                    used = true;
                    break;
                }
            }
            if (!used) return candidate;
        }
        return -1;
    }

    /// <summary>
    /// br_manage_promisc: without VLAN filtering (which the model does not have) every port must
    /// see every frame, so the bridge holds one promiscuity count on each (dmesg: "device X
    /// entered promiscuous mode"). A user's <c>promisc off</c> on the port does not release it.
    /// </summary>
    private void ManagePromisc()
    {
        foreach (var port in bridge.PortList)
        {
            if ((port.Flags & PortFlags.Promisc) != 0) continue;
            port.Device.ChangePromiscuity(1);
            port.Flags |= PortFlags.Promisc;
        }
    }

    /// <summary>br_mtu_auto_adjust: the bridge MTU is the smallest of its ports' (1500 without ports).</summary>
    internal void AdjustMtu()
    {
        int mtu = 0;
        foreach (var port in bridge.PortList)
            if (mtu == 0 || port.Device.Mtu < mtu) mtu = port.Device.Mtu;
        int target = mtu == 0 ? 1500 : mtu;
        if (bridge.Mtu != target)
        {
            bridge.Mtu = target;
            bridge.World.Notify(bridge, NetdevEvent.ChangeMtu);
        }
    }

    /// <summary>netif_oper_up: the device's operational state is UP, or UNKNOWN for drivers that do not report one.</summary>
    internal static bool IsOperUp(NetDevice device) => device.OperState is OperState.Up or OperState.Unknown;
}
