using Simulator.Core.Addressing;
using Simulator.Core.Tracing;
using Simulator.Devices.Links;
using Simulator.Devices.Sysctl;

namespace Simulator.Devices.Ipv4.Routing;

/// <summary>
/// Turns FIB lookups into routing decisions for received and for locally sent packets
/// (net/ipv4/route.c: ip_route_input_slow, ip_route_output_key_hash_rcu).
/// </summary>
public sealed class RouteResolver(Ipv4Stack stack)
{
    private Fib Fib => stack.Fib;

    /// <summary>
    /// ip_route_output: the device, source and next hop for sending to <paramref name="destination"/>.
    /// <paramref name="source"/> and <paramref name="outputIfIndex"/> constrain the choice when set
    /// (bind address, SO_BINDTODEVICE / ping -I).
    /// </summary>
    public Errno? ResolveOutput(Ipv4Address destination, Ipv4Address source, int outputIfIndex, out OutputRoute result)
    {
        result = default;
        if (source.IsValid && !source.IsUnspecified)
        {
            if (source.IsMulticast || source.IsLimitedBroadcast || source.IsZeroNet) return Errno.EINVAL;
            if (!Fib.IsLocalAddress(source) && stack.Settings.IpNonlocalBind == 0) return Errno.EINVAL;
        }
        else
        {
            source = default;
        }

        NetDevice? outputDevice = null;
        if (outputIfIndex != 0)
        {
            outputDevice = stack.Namespace.FindDevice(outputIfIndex);
            if (outputDevice is null) return Errno.ENODEV;
            if (!outputDevice.IsUp || outputDevice.Ip is null) return Errno.ENETUNREACH;
            if (destination.IsLimitedBroadcast || destination.IsMulticast)
            {
                if (!source.IsValid) source = stack.SelectSourceAddress(outputDevice, default, RouteScope.Link);
                result = new OutputRoute(destination.IsMulticast ? RouteType.Multicast : RouteType.Broadcast,
                    outputDevice, source, destination, destination, null);
                return null;
            }
        }

        if (!destination.IsValid || destination.IsUnspecified)
        {
            destination = source.IsValid ? source : Ipv4Address.Loopback;
            if (!source.IsValid) source = Ipv4Address.Loopback;
            result = new OutputRoute(RouteType.Local, stack.Namespace.Loopback, source, destination, destination, null);
            return null;
        }

        var route = Fib.Lookup(destination, outputIfIndex);
        if (route is null)
        {
            if (outputDevice is null) return Errno.ENETUNREACH;
            // "Apparently, routing tables are wrong. Assume, that the destination is on link."
            if (!source.IsValid) source = stack.SelectSourceAddress(outputDevice, default, RouteScope.Link);
            result = new OutputRoute(RouteType.Unicast, outputDevice, source, destination, destination, null);
            return null;
        }
        switch (route.Type)
        {
            case RouteType.Unreachable: return Errno.EHOSTUNREACH;
            case RouteType.Prohibit: return Errno.EACCES;
            case RouteType.Blackhole: return Errno.EINVAL;
            case RouteType.Local:
                if (!source.IsValid)
                    source = route.PreferredSource.IsValid ? route.PreferredSource : destination;
                result = new OutputRoute(RouteType.Local, stack.Namespace.Loopback, source, destination, destination, route);
                return null;
        }
        var device = route.Device ?? outputDevice;
        if (device is null) return Errno.ENETUNREACH;
        if (!source.IsValid)
        {
            source = route.PreferredSource.IsValid
                ? route.PreferredSource
                : stack.SelectSourceAddress(device, route.Gateway, route.Scope);
        }
        result = new OutputRoute(route.Type == RouteType.Broadcast ? RouteType.Broadcast : RouteType.Unicast,
            device, source, destination, route.NextHop(destination), route);
        return null;
    }

    /// <summary>ip_route_input_slow: what to do with a packet received on <paramref name="input"/>.</summary>
    public InputRoute ResolveInput(NetDevice input, Ipv4Address source, Ipv4Address destination)
    {
        var conf = input.Ip!.Conf;
        if (destination.IsMulticast) return InputRoute.Dropped(DropReason.UnhandledProto);
        if (source.IsMulticast || source.IsLimitedBroadcast) return InputRoute.Dropped(DropReason.IpInAddrErrors);
        if (destination.IsLimitedBroadcast || (source.IsUnspecified && destination.IsUnspecified))
            return new InputRoute(InputRouteKind.Broadcast, null, 0, DropReason.None, false);
        if (source.IsZeroNet) return InputRoute.Dropped(DropReason.IpInAddrErrors);
        if (destination.IsZeroNet) return InputRoute.Dropped(DropReason.IpInAddrErrors);
        bool localnet = (conf[DevConfKey.RouteLocalnet] | stack.AllConf[DevConfKey.RouteLocalnet]) != 0;
        if (!localnet && input is not LoopbackDevice && (destination.IsLoopback || source.IsLoopback))
            return InputRoute.Dropped(DropReason.IpInAddrErrors);

        bool forwarding = conf[DevConfKey.Forwarding] != 0;
        var route = Fib.Lookup(destination);
        if (route is null) return InputRoute.Failed(forwarding ? Errno.ENETUNREACH : Errno.EHOSTUNREACH);
        switch (route.Type)
        {
            case RouteType.Unreachable: return InputRoute.Failed(Errno.EHOSTUNREACH);
            case RouteType.Prohibit: return InputRoute.Failed(Errno.EACCES);
            case RouteType.Blackhole: return InputRoute.Failed(Errno.EINVAL);
            case RouteType.Broadcast:
                return ValidSource(input, source, out _)
                    ? new InputRoute(InputRouteKind.Broadcast, route, 0, DropReason.None, false)
                    : InputRoute.Dropped(DropReason.IpInAddrErrors);
            case RouteType.Local:
                return ValidSource(input, source, out _)
                    ? new InputRoute(InputRouteKind.Local, route, 0, DropReason.None, false)
                    : InputRoute.Dropped(DropReason.IpInAddrErrors);
        }
        if (!forwarding) return InputRoute.Failed(Errno.EHOSTUNREACH);
        if (route.Type != RouteType.Unicast) return InputRoute.Dropped(DropReason.IpInAddrErrors);
        if (!ValidSource(input, source, out bool sourceOnLink))
            return InputRoute.Dropped(DropReason.IpRpFilter);
        bool redirect = route.Device == input && TxRedirects(input) && sourceOnLink;
        return new InputRoute(InputRouteKind.Forward, route, 0, DropReason.None, redirect);
    }

    private bool TxRedirects(NetDevice device) =>
        (stack.AllConf[DevConfKey.SendRedirects] | device.Ip!.Conf[DevConfKey.SendRedirects]) != 0;

    /// <summary>
    /// fib_validate_source: a packet from outside may not claim one of our addresses as source
    /// (unless accept_local), and with rp_filter the route back to its source must go out the
    /// device it came in on (1, strict) or anywhere (2, loose). <paramref name="sourceOnLink"/>
    /// says whether the source is directly connected on that device.
    /// </summary>
    private bool ValidSource(NetDevice input, Ipv4Address source, out bool sourceOnLink)
    {
        sourceOnLink = false;
        if (source.IsUnspecified) return true;
        var conf = input.Ip!.Conf;
        int rpFilter = Math.Max(stack.AllConf[DevConfKey.RpFilter], conf[DevConfKey.RpFilter]);
        bool acceptLocal = conf[DevConfKey.AcceptLocal] != 0;
        var back = Fib.Lookup(source);
        if (input is LoopbackDevice) return true;
        if (back is { Type: RouteType.Local } && !acceptLocal) return false;
        if (back is { Type: RouteType.Unicast } && back.Device == input) sourceOnLink = !back.HasGateway;
        if (rpFilter == 0) return true;
        if (back is null || back.Type != RouteType.Unicast) return false;
        if (rpFilter == 2) return true;
        return back.Device == input || Fib.Lookup(source, input.IfIndex) is { Type: RouteType.Unicast } r && r.Device == input;
    }
}
