using Simulator.Core.Addressing;
using Simulator.Devices.Ipv4.Routing;
using Simulator.Devices.Links;

namespace Simulator.Devices.Ipv4.Addresses;

/// <summary>
/// The old address ioctls that ifconfig uses (devinet_ioctl: SIOCSIFADDR, SIOCSIFNETMASK,
/// SIOCSIFBRDADDR). Unlike RTM_NEWADDR they work on one address picked by its label — the device
/// name, or "dev:N" for an alias — and SIOCSIFADDR replaces that address, deriving its netmask
/// from the address class and its broadcast from the netmask.
/// </summary>
public static class DevinetIoctl
{
    /// <summary>
    /// The address an ioctl on <paramref name="label"/> works on: the first one with that label
    /// (devinet_ioctl's fallback search, "4.3BSD-style", which is the one that applies to sets).
    /// </summary>
    public static InterfaceAddress? Find(NetDevice device, string label) =>
        device.Ip?.Addresses.FirstOrDefault(a => a.Label == label);

    /// <summary>
    /// inet_abc_len: the prefix length the address class implies — 0 for 0.0.0.0 and
    /// 255.255.255.255, 8/16/24 for classes A/B/C, 32 for class E, -1 for multicast (class D).
    /// </summary>
    public static int ClassfulPrefixLength(Ipv4Address address)
    {
        uint value = address.Value;
        if (value is 0 or 0xFFFFFFFF) return 0;
        if ((value & 0x80000000) == 0) return 8;
        if ((value & 0xC0000000) == 0x80000000) return 16;
        if ((value & 0xE0000000) == 0xC0000000) return 24;
        if ((value & 0xF0000000) == 0xF0000000) return 32;
        return -1;
    }

    /// <summary>
    /// SIOCSIFADDR: the labelled address becomes <paramref name="address"/> with its classful
    /// netmask (a point-to-point device takes /32) and, on a broadcast device, the directed
    /// broadcast of that netmask. Setting the address it already has changes nothing; 0.0.0.0
    /// removes it (__inet_insert_ifa drops an address whose local is zero).
    /// </summary>
    public static Errno? SetAddress(NetDevice device, string label, Ipv4Address address)
    {
        int classful = ClassfulPrefixLength(address);
        if (classful < 0) return Errno.EINVAL;
        if (device.Ip is null) return Errno.ENOBUFS;
        var existing = Find(device, label);
        if (existing != null)
        {
            if (existing.Local == address) return null;
            device.Namespace.Ipv4.Addresses.Remove(device, existing);
        }
        bool pointToPoint = (device.Flags & DeviceFlags.PointToPoint) != 0;
        int prefixLength = pointToPoint ? 32 : classful;
        var broadcast = !pointToPoint && BroadcastCapable(device) && prefixLength < 31
            ? new Ipv4Address(address.Value | ~Ipv4Prefix.MaskBits(prefixLength))
            : default;
        var replacement = new InterfaceAddress
        {
            Local = address,
            PrefixLength = prefixLength,
            Broadcast = broadcast,
            // inet_set_ifa: a loopback address is of host scope, any other of global scope.
            Scope = address.IsLoopback ? RouteScope.Host : RouteScope.Universe,
            Label = label,
        };
        if (address.IsUnspecified) return null;
        return device.Namespace.Ipv4.Addresses.Insert(device, replacement)?.Errno;
    }

    /// <summary>
    /// SIOCSIFNETMASK: a new netmask (contiguous, else EINVAL) for the labelled address
    /// (EADDRNOTAVAIL when there is none). A broadcast that was the directed broadcast of the old
    /// netmask follows the new one; any other broadcast the user chose stays.
    /// </summary>
    public static Errno? SetNetmask(NetDevice device, string label, Ipv4Address mask)
    {
        var existing = Find(device, label);
        if (existing is null) return Errno.EADDRNOTAVAIL;
        uint inverted = ~mask.Value;
        if ((inverted & (inverted + 1)) != 0) return Errno.EINVAL;
        if (existing.Mask == mask) return null;
        device.Namespace.Ipv4.Addresses.Remove(device, existing);
        int prefixLength = Ipv4Prefix.LengthOfMask(mask);
        var broadcast = existing.Broadcast;
        if (BroadcastCapable(device) && prefixLength < 31 &&
            broadcast.IsValid && broadcast.Value == (existing.Local.Value | ~existing.Mask.Value))
            broadcast = new Ipv4Address(existing.Local.Value | inverted);
        // The kernel re-inserts the same in_ifaddr and ignores what inet_insert_ifa answers.
        device.Namespace.Ipv4.Addresses.Insert(device, Modified(existing, prefixLength, broadcast));
        return null;
    }

    /// <summary>SIOCSIFBRDADDR: a new broadcast for the labelled address (0.0.0.0: none).</summary>
    public static Errno? SetBroadcast(NetDevice device, string label, Ipv4Address broadcast)
    {
        var existing = Find(device, label);
        if (existing is null) return Errno.EADDRNOTAVAIL;
        var wanted = broadcast.IsUnspecified ? default : broadcast;
        if (existing.Broadcast == wanted) return null;
        device.Namespace.Ipv4.Addresses.Remove(device, existing);
        device.Namespace.Ipv4.Addresses.Insert(device, Modified(existing, existing.PrefixLength, wanted));
        return null;
    }

    /// <summary>
    /// SIOCSIFFLAGS on an alias name ("dev:N"): the flags of the device are not touched; taking
    /// IFF_UP away deletes the alias's address. EADDRNOTAVAIL when no address has the label.
    /// </summary>
    public static Errno? SetAliasFlags(NetDevice device, string label, bool up)
    {
        var alias = Find(device, label);
        if (alias is null) return Errno.EADDRNOTAVAIL;
        if (!up) device.Namespace.Ipv4.Addresses.Remove(device, alias);
        return null;
    }

    private static bool BroadcastCapable(NetDevice device) => (device.Flags & DeviceFlags.Broadcast) != 0;

    private static InterfaceAddress Modified(InterfaceAddress address, int prefixLength, Ipv4Address broadcast) => new()
    {
        Local = address.Local,
        PrefixLength = prefixLength,
        Broadcast = broadcast,
        Scope = address.Scope,
        Label = address.Label,
    };
}
