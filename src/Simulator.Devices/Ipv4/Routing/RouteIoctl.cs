using Simulator.Core.Addressing;

namespace Simulator.Devices.Ipv4.Routing;

/// <summary>The rt_flags of a struct rtentry (include/uapi/linux/route.h).</summary>
[Flags]
public enum RtFlags
{
    None = 0,
    Up = 0x0001,
    Gateway = 0x0002,
    Host = 0x0004,
    Reinstate = 0x0008,
    Dynamic = 0x0010,
    Modified = 0x0020,
    Reject = 0x0200,
}

/// <summary>
/// What <c>route</c> hands the kernel in SIOCADDRT/SIOCDELRT (struct rtentry). Unset addresses
/// are invalid (<c>default</c>); <see cref="Metric"/> is rt_metric, one more than the metric the
/// user typed, 0 when none was given.
/// </summary>
public sealed record RtEntry
{
    public required Ipv4Address Destination { get; init; }
    public Ipv4Address Genmask { get; init; }
    public Ipv4Address Gateway { get; init; }
    public RtFlags Flags { get; init; }
    public int Metric { get; init; }
    public string? DeviceName { get; init; }
}

/// <summary>
/// The routing ioctls (ip_rt_ioctl with rtentry_to_fib_config): an rtentry becomes a route
/// request of protocol "boot" in the main table. A route through a unicast gateway is of
/// universe scope, any other of link scope; a reject route is "unreachable", of host scope,
/// with no device. Adding never replaces: it prepends unless an identical route exists.
/// </summary>
public static class RouteIoctl
{
    /// <summary>SIOCADDRT.</summary>
    public static Errno? Add(Ipv4Stack stack, RtEntry entry)
    {
        var error = ToRequest(stack, entry, deleting: false, out var request);
        if (error != null) return error;
        return stack.Fib.Add(request, RouteAddMode.Prepend)?.Errno;
    }

    /// <summary>SIOCDELRT: the first route matching what the entry sets.</summary>
    public static Errno? Delete(Ipv4Stack stack, RtEntry entry)
    {
        var error = ToRequest(stack, entry, deleting: true, out var request);
        if (error != null) return error;
        return stack.Fib.Delete(request)?.Errno;
    }

    private static Errno? ToRequest(Ipv4Stack stack, RtEntry entry, bool deleting, out RouteRequest request)
    {
        request = null!;
        int prefixLength = 32;
        var destination = entry.Destination.IsValid ? entry.Destination : Ipv4Address.Any;
        if ((entry.Flags & RtFlags.Host) == 0)
        {
            var mask = entry.Genmask.IsValid ? entry.Genmask : Ipv4Address.Any;
            // bad_mask: the mask must be contiguous and the destination free of host bits.
            uint inverted = ~mask.Value;
            if ((destination.Value & inverted) != 0 || (inverted & (inverted + 1)) != 0) return Errno.EINVAL;
            prefixLength = Ipv4Prefix.LengthOfMask(mask);
        }
        // rt_metric is the user's metric + 1 (0: none given); the priority is one less, and a
        // delete with priority 0 matches any priority (fib_nh_match).
        int priority = entry.Metric > 0 ? entry.Metric - 1 : 0;
        int? metric = priority > 0 ? priority : null;
        var target = new Ipv4InterfaceAddress(destination, prefixLength);
        if ((entry.Flags & RtFlags.Reject) != 0)
        {
            request = new RouteRequest
            {
                Destination = target,
                Type = RouteType.Unreachable,
                Scope = RouteScope.Host,
                Protocol = deleting ? null : RouteProtocol.Boot,
                Metric = deleting ? metric : priority,
            };
            return null;
        }
        Links.NetDevice? device = null;
        Ipv4Address preferredSource = default;
        if (entry.DeviceName != null)
        {
            int colon = entry.DeviceName.IndexOf(':');
            device = stack.Namespace.FindDevice(colon < 0 ? entry.DeviceName : entry.DeviceName[..colon]);
            if (device is null) return Errno.ENODEV;
            if (colon >= 0)
            {
                // An alias name "dev:N" must label an address, which becomes the route's preferred source.
                var alias = device.Ip?.Addresses.FirstOrDefault(a => a.Label == entry.DeviceName);
                if (alias is null) return Errno.ENODEV;
                preferredSource = alias.Local;
            }
        }
        var scope = RouteScope.Nowhere;
        var gateway = entry.Gateway.IsValid && !entry.Gateway.IsUnspecified ? entry.Gateway : default;
        if (gateway.IsValid && (entry.Flags & RtFlags.Gateway) != 0 && stack.Fib.AddressType(gateway) == RouteType.Unicast)
            scope = RouteScope.Universe;
        if (deleting)
        {
            request = new RouteRequest
            {
                Destination = target,
                Type = RouteType.Unicast,
                Gateway = gateway,
                Device = device,
                PreferredSource = preferredSource,
                Metric = metric,
            };
            return null;
        }
        if ((entry.Flags & RtFlags.Gateway) != 0 && !gateway.IsValid) return Errno.EINVAL;
        request = new RouteRequest
        {
            Destination = target,
            Type = RouteType.Unicast,
            Protocol = RouteProtocol.Boot,
            Scope = scope == RouteScope.Nowhere ? RouteScope.Link : scope,
            Gateway = gateway,
            Device = device,
            PreferredSource = preferredSource,
            Metric = priority,
        };
        return null;
    }
}
