using Simulator.Core.Addressing;
using Simulator.Devices;
using Simulator.Devices.Ipv4.Addresses;
using Simulator.Devices.Links;

namespace Simulator.Cli.Commands.NetTools;

/// <summary>
/// The device ioctls ifconfig makes besides the address ones (net/core/dev_ioctl.c:
/// dev_ifsioc, and devinet_ioctl for SIOCSIFFLAGS on an alias), carried out on the model.
/// </summary>
internal static class LinkIoctl
{
    /// <summary>
    /// SIOCSIFFLAGS (dev_change_flags): IFF_UP brings the device up or down, IFF_NOARP turns ARP
    /// off, IFF_PROMISC is the user's promiscuity (the count a bridge holds is not touched). On an alias name only a
    /// cleared IFF_UP means something: the alias address is deleted (EADDRNOTAVAIL if none).
    /// </summary>
    public static Errno? SetFlags(NetDevice device, string name, int flags)
    {
        if (name.Contains(':')) return DevinetIoctl.SetAliasFlags(device, name, up: (flags & (int)DeviceFlags.Up) != 0);
        // __dev_change_flags sets IFF_NOARP, opens or closes the device, then adjusts promiscuity.
        device.SetArp((flags & (int)DeviceFlags.NoArp) == 0);
        if ((flags & (int)DeviceFlags.Up) != 0) device.SetUp();
        else device.SetDown();
        device.SetUserPromisc((flags & (int)DeviceFlags.Promisc) != 0);
        return null;
    }

    /// <summary>SIOCSIFMTU (dev_set_mtu): the driver's limits, EINVAL outside them.</summary>
    public static Errno? SetMtu(NetDevice device, int mtu) => device.ChangeMtu(mtu)?.Errno;

    /// <summary>
    /// SIOCSIFHWADDR (dev_set_mac_address): the address family must be the device's (EINVAL for
    /// lo, which is not Ethernet); an Ethernet device takes only a valid unicast address
    /// (EADDRNOTAVAIL). veth allows the change while up (IFF_LIVE_ADDR_CHANGE).
    /// </summary>
    public static Errno? SetHardwareAddress(NetDevice device, MacAddress address) =>
        device is LoopbackDevice ? Errno.EINVAL : device.ChangeAddress(address)?.Errno;

    /// <summary>SIOCSIFTXQLEN (dev_change_tx_queue_len): a negative length is EINVAL.</summary>
    public static Errno? SetTxQueueLength(NetDevice device, int length)
    {
        if (length < 0) return Errno.EINVAL;
        device.TxQueueLength = length;
        return null;
    }
}
