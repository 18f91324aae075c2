using Simulator.Core.Addressing;
using Simulator.Devices.Links;

namespace Simulator.Devices.Ipv4.Neighbours;

/// <summary>
/// The ARP ioctls that <c>arp -s</c> and <c>arp -d</c> use (net/ipv4/arp.c: arp_req_set,
/// arp_req_delete). Without a device the kernel picks the one a link-scope route lookup gives
/// (RTO_ONLINK), so a destination behind a gateway is ENETUNREACH.
/// </summary>
public static class ArpIoctl
{
    /// <summary>
    /// SIOCSARP: a PERMANENT entry, or with <paramref name="permanent"/> false ("temp") a STALE
    /// one, both overriding what the table knew (NEIGH_UPDATE_F_OVERRIDE | NEIGH_UPDATE_F_ADMIN).
    /// </summary>
    public static Errno? Set(Ipv4Stack stack, Ipv4Address address, MacAddress hardwareAddress, bool permanent, NetDevice? device)
    {
        var error = ResolveDevice(stack, address, ref device);
        if (error != null) return error;
        if (device!.Ip is null || device is LoopbackDevice) return Errno.EINVAL;
        return stack.Arp.Set(device, address, hardwareAddress, permanent ? NudState.Permanent : NudState.Stale, replace: true)?.Errno;
    }

    /// <summary>SIOCDARP (arp_invalidate): ENXIO when the device has no entry for the address.</summary>
    public static Errno? Delete(Ipv4Stack stack, Ipv4Address address, NetDevice? device)
    {
        var error = ResolveDevice(stack, address, ref device);
        if (error != null) return error;
        var entry = stack.Arp.Find(device!, address);
        if (entry is null || entry.State is NudState.None or NudState.NoArp) return Errno.ENXIO;
        stack.Arp.Delete(device!, address);
        return null;
    }

    private static Errno? ResolveDevice(Ipv4Stack stack, Ipv4Address address, ref NetDevice? device)
    {
        if (device != null) return null;
        var route = stack.Fib.LookupOnLink(address);
        if (route?.Device is null) return Errno.ENETUNREACH;
        device = route.Type == Routing.RouteType.Local ? stack.Namespace.Loopback : route.Device;
        return null;
    }
}
