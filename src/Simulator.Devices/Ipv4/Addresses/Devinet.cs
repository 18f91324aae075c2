using Simulator.Core.Addressing;
using Simulator.Devices.Ipv4.Routing;
using Simulator.Devices.Links;

namespace Simulator.Devices.Ipv4.Addresses;

/// <summary>
/// Adding and removing interface addresses and the routes each one brings (devinet.c with
/// fib_add_ifaddr/fib_del_ifaddr): a local route always, and while the device is up the subnet
/// route and the subnet broadcast route.
/// </summary>
public sealed class Devinet(Ipv4Stack stack)
{
    /// <summary>RTM_NEWADDR: <c>ip addr add</c>.</summary>
    public NetlinkError? Add(NetDevice device, Ipv4InterfaceAddress address, Ipv4Address broadcast,
        RouteScope scope = RouteScope.Universe, string? label = null)
    {
        var inDevice = device.Ip;
        if (inDevice is null) return new NetlinkError(Errno.ENODEV);
        var added = new InterfaceAddress
        {
            Local = address.Address,
            PrefixLength = address.PrefixLength,
            Broadcast = broadcast,
            Scope = scope,
            Label = label ?? device.Name,
        };
        return Insert(device, added);
    }

    /// <summary>
    /// __inet_insert_ifa: an address in the subnet of an earlier one (same mask) becomes its
    /// secondary; the same address twice is EEXIST. Brings the address's routes.
    /// </summary>
    internal NetlinkError? Insert(NetDevice device, InterfaceAddress added)
    {
        var inDevice = device.Ip!;
        foreach (var existing in inDevice.Addresses)
        {
            if (existing.PrefixLength != added.PrefixLength || !existing.Covers(added.Local)) continue;
            if (existing.Local == added.Local) return new NetlinkError(Errno.EEXIST, "ipv4: Address already assigned");
            if (existing.Scope != added.Scope) return new NetlinkError(Errno.EINVAL, "ipv4: Invalid scope value");
            added.IsSecondary = true;
        }
        inDevice.Insert(added);
        AddRoutes(device, added);
        return null;
    }

    /// <summary>
    /// RTM_DELADDR: <c>ip addr del</c>. Deleting a primary takes its secondaries with it unless
    /// promote_secondaries is set, in which case the first secondary becomes primary.
    /// </summary>
    public NetlinkError? Delete(NetDevice device, Ipv4InterfaceAddress address)
    {
        var inDevice = device.Ip;
        var victim = inDevice?.Addresses.FirstOrDefault(a =>
            a.Local == address.Address && (a.PrefixLength == address.PrefixLength));
        if (inDevice is null || victim is null) return new NetlinkError(Errno.EADDRNOTAVAIL, "ipv4: Address not found");
        Remove(device, victim);
        return null;
    }

    /// <summary>inet_del_ifa: removes one address with its routes, and its secondaries or promotes one.</summary>
    internal void Remove(NetDevice device, InterfaceAddress victim)
    {
        var inDevice = device.Ip!;
        var promote = inDevice.Conf[Sysctl.DevConfKey.PromoteSecondaries] != 0 || stack.AllConf[Sysctl.DevConfKey.PromoteSecondaries] != 0;
        var secondaries = victim.IsSecondary
            ? []
            : inDevice.Addresses.Where(a => a.IsSecondary && a.PrefixLength == victim.PrefixLength && victim.Covers(a.Local)).ToList();
        if (!promote)
        {
            foreach (var secondary in secondaries)
            {
                inDevice.Remove(secondary);
                RemoveRoutes(device, secondary);
            }
        }
        inDevice.Remove(victim);
        RemoveRoutes(device, victim);
        if (promote && secondaries.Count > 0)
        {
            var promoted = secondaries[0];
            inDevice.Remove(promoted);
            promoted.IsSecondary = false;
            inDevice.Insert(promoted);
            foreach (var secondary in secondaries) AddRoutes(device, secondary);
        }
        if (inDevice.Addresses.Count == 0)
        {
            // fib_inetaddr_event: the last address gone disables IP on the device (fib_disable_ip):
            // every route through it goes, static ones too, and its neighbours (measured).
            stack.Fib.RemoveWhere(r => r.Device == device && r.DiesWithDevice);
            stack.Arp.DeviceDown(device, unregister: false);
        }
    }

    /// <summary><c>ip addr flush dev X</c>: secondaries first, as the kernel dumps and deletes them.</summary>
    public void Flush(NetDevice device)
    {
        var inDevice = device.Ip;
        if (inDevice is null) return;
        foreach (var address in inDevice.Addresses.OrderByDescending(a => a.IsSecondary).ToList())
            if (inDevice.Addresses.Contains(address)) Remove(device, address);
    }

    /// <summary>fib_add_ifaddr.</summary>
    internal void AddRoutes(NetDevice device, InterfaceAddress address)
    {
        var primary = address.IsSecondary ? device.Ip!.PrimaryCovering(address.Local) ?? address : address;
        var source = primary.Local;
        stack.Fib.AddKernelRoute(new Route
        {
            Destination = new Ipv4Prefix(address.Local, 32),
            Type = RouteType.Local,
            Table = RouteTables.Local,
            Protocol = RouteProtocol.Kernel,
            Scope = RouteScope.Host,
            PreferredSource = source,
            Device = device,
        });
        if (!device.IsUp) return;
        if (address.Broadcast.IsValid && !address.Broadcast.IsLimitedBroadcast)
            stack.Fib.AddKernelRoute(BroadcastRoute(address.Broadcast, device, source));
        var prefix = address.Network;
        if (!prefix.Network.IsZeroNet && !address.IsSecondary && (prefix.Network != address.Local || address.PrefixLength < 32))
        {
            bool loopback = device is LoopbackDevice;
            stack.Fib.AddKernelRoute(new Route
            {
                Destination = prefix,
                Type = loopback ? RouteType.Local : RouteType.Unicast,
                Table = loopback ? RouteTables.Local : RouteTables.Main,
                Protocol = RouteProtocol.Kernel,
                Scope = loopback ? RouteScope.Host : RouteScope.Link,
                PreferredSource = source,
                Device = device,
            });
            if (address.PrefixLength < 31)
                stack.Fib.AddKernelRoute(BroadcastRoute(prefix.Broadcast, device, source));
        }
    }

    private static Route BroadcastRoute(Ipv4Address broadcast, NetDevice device, Ipv4Address source) => new()
    {
        Destination = new Ipv4Prefix(broadcast, 32),
        Type = RouteType.Broadcast,
        Table = RouteTables.Local,
        Protocol = RouteProtocol.Kernel,
        Scope = RouteScope.Link,
        PreferredSource = source,
        Device = device,
    };

    /// <summary>
    /// fib_del_ifaddr: removes the routes this address brought, keeping any that another address
    /// on the namespace still needs, and routes that used it as preferred source
    /// (fib_sync_down_addr).
    /// </summary>
    internal void RemoveRoutes(NetDevice device, InterfaceAddress address)
    {
        var primary = address.IsSecondary ? device.Ip!.PrimaryCovering(address.Local) ?? address : address;
        var fib = stack.Fib;
        if (!stack.AnyDeviceHasAddress(address.Local))
            fib.RemoveKernelRoute(RouteTables.Local, RouteType.Local, new Ipv4Prefix(address.Local, 32), device, primary.Local);
        if (!address.IsSecondary)
        {
            bool loopback = device is LoopbackDevice;
            fib.RemoveKernelRoute(loopback ? RouteTables.Local : RouteTables.Main, loopback ? RouteType.Local : RouteType.Unicast,
                address.Network, device, address.Local);
            if (address.PrefixLength < 31)
                fib.RemoveKernelRoute(RouteTables.Local, RouteType.Broadcast, new Ipv4Prefix(address.Network.Broadcast, 32), device, address.Local);
        }
        if (address.Broadcast.IsValid)
            fib.RemoveKernelRoute(RouteTables.Local, RouteType.Broadcast, new Ipv4Prefix(address.Broadcast, 32), device, primary.Local);
        if (!address.IsSecondary)
            fib.RemoveWhere(r => r.PreferredSource == address.Local && r.Protocol != RouteProtocol.Kernel);
    }
}
