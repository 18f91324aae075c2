using Simulator.Core.Addressing;
using Simulator.Core.Engine;
using Simulator.Core.Packets;
using Simulator.Core.Tracing;
using Simulator.Core.Wire;
using Simulator.Devices.Ipv4.Addresses;
using Simulator.Devices.Ipv4.Icmp;
using Simulator.Devices.Ipv4.Neighbours;
using Simulator.Devices.Ipv4.Routing;
using Simulator.Devices.Ipv4.Sockets;
using Simulator.Devices.Links;
using Simulator.Devices.Namespaces;
using Simulator.Devices.Sysctl;

namespace Simulator.Devices.Ipv4;

/// <summary>
/// One namespace's IPv4: settings, addresses, routing, neighbours, ICMP and sockets, and the
/// receive, forward and output paths that tie them together.
/// </summary>
public sealed class Ipv4Stack
{
    internal Ipv4Stack(NetworkNamespace ns, Ipv4Stack? inheritFrom)
    {
        Namespace = ns;
        // devconf_inherit_init_net=0: IPv4 all/default come from the initial namespace.
        AllConf = inheritFrom?.AllConf.Clone() ?? new DevConf();
        DefaultConf = inheritFrom?.DefaultConf.Clone() ?? new DevConf();
        DefaultNeighParms = new NeighParms();
        Fib = new Fib();
        Addresses = new Devinet(this);
        Routes = new RouteResolver(this);
        Arp = new ArpTable(this);
        Peers = new InetPeers(this);
        Icmp = new IcmpProtocol(this);
        Sockets = new SocketTable(this);
        Input = new Ipv4Input(this);
        Output = new Ipv4Output(this);
    }

    public NetworkNamespace Namespace { get; }
    public World World => Namespace.World;
    public Simulation Simulation => Namespace.World.Simulation;

    public Ipv4Settings Settings { get; } = new();
    /// <summary>net.ipv4.conf.all.*</summary>
    public DevConf AllConf { get; }
    /// <summary>net.ipv4.conf.default.*: copied into each new interface.</summary>
    public DevConf DefaultConf { get; }
    /// <summary>net.ipv4.neigh.default.*</summary>
    public NeighParms DefaultNeighParms { get; }

    public Fib Fib { get; }
    public Devinet Addresses { get; }
    public RouteResolver Routes { get; }
    public ArpTable Arp { get; }
    public InetPeers Peers { get; }
    public IcmpProtocol Icmp { get; }
    public SocketTable Sockets { get; }
    internal Ipv4Input Input { get; }
    internal Ipv4Output Output { get; }

    /// <summary>The netfilter hooks of this namespace, or null while no table has rules or state.</summary>
    public IIpv4Hooks? Hooks { get; set; }

    /// <summary>
    /// NF_HOOK: runs the namespace's netfilter at <paramref name="hook"/>. True when the packet goes
    /// on to the code after the hook (the caller's ...Finish step); false when it is gone, dropped
    /// with NETFILTER_DROP (recorded on <paramref name="owner"/>) or taken by the hook.
    /// </summary>
    internal bool PassesHook(NfHook hook, Packet packet, NetDevice? input, NetDevice? output, NetDevice owner)
    {
        var hooks = Hooks;
        if (hooks is null) return true;
        var verdict = hooks.Run(hook, packet, input, output);
        if (verdict == NfVerdict.Accept) return true;
        if (verdict == NfVerdict.Drop) owner.Drop(packet, DropReason.NetfilterDrop, ChainName(hook));
        return false;
    }

    private static string ChainName(NfHook hook) => hook switch
    {
        NfHook.PreRouting => "PREROUTING",
        NfHook.LocalIn => "INPUT",
        NfHook.Forward => "FORWARD",
        NfHook.LocalOut => "OUTPUT",
        _ => "POSTROUTING",
    };

    // ----- forwarding switch -----

    /// <summary>net.ipv4.ip_forward, which reads conf.all.forwarding.</summary>
    public bool IpForward => AllConf[DevConfKey.Forwarding] != 0;

    /// <summary>
    /// Writing ip_forward or conf.all.forwarding sets every interface and the default too
    /// (inet_forward_change).
    /// </summary>
    public void SetAllForwarding(int value)
    {
        AllConf[DevConfKey.Forwarding] = value;
        DefaultConf[DevConfKey.Forwarding] = value;
        foreach (var device in Namespace.Devices)
            if (device.Ip != null) device.Ip.Conf[DevConfKey.Forwarding] = value;
    }

    // ----- device lifecycle -----

    internal void OnRegister(NetDevice device)
    {
        if (device.Mtu < 68) return;
        device.Ip = new InDevice(device, DefaultConf.Clone(), DefaultNeighParms.Clone()) { NoArp = device.NoArp };
    }

    /// <summary>inetdev_destroy: a device leaving the namespace loses its addresses, routes and neighbours.</summary>
    internal void OnUnregister(NetDevice device)
    {
        if (device.Ip is null) return;
        Arp.DeviceDown(device, unregister: true);
        foreach (var address in device.Ip.Addresses.ToList())
        {
            device.Ip.Remove(address);
            Addresses.RemoveRoutes(device, address);
        }
        Fib.RemoveWhere(r => r.Device == device);
        Sockets.DeviceGone(device);
        device.Ip = null;
    }

    internal void OnNetdevEvent(NetDevice device, NetdevEvent netdevEvent)
    {
        if (device.Ip is null) return;
        switch (netdevEvent)
        {
            case NetdevEvent.Up:
                // inetdev_event: a loopback brought up gets 127.0.0.1/8 if it has no address.
                if (device is LoopbackDevice && device.Ip.Addresses.Count == 0)
                    Addresses.Add(device, new Ipv4InterfaceAddress(Ipv4Address.Loopback, 8), default, RouteScope.Host);
                foreach (var address in device.Ip.Addresses.ToList()) Addresses.AddRoutes(device, address);
                break;
            case NetdevEvent.Down:
                // fib_disable_ip: every route through the device goes, except local ones.
                Fib.RemoveWhere(r => r.Device == device && r.DiesWithDevice);
                Arp.DeviceDown(device, unregister: false);
                break;
            case NetdevEvent.Change:
                // arp_netdev_event: turning ARP on or off flushes the device's neighbours (neigh_changeaddr).
                if (device.Ip.NoArp != device.NoArp)
                {
                    device.Ip.NoArp = device.NoArp;
                    Arp.DeviceDown(device, unregister: false);
                }
                // arp_evict_nocarrier: losing carrier empties the neighbour cache of the device.
                if (!device.HasCarrier && device.Ip.Conf[DevConfKey.ArpEvictNocarrier] != 0)
                    Arp.CarrierDown(device);
                break;
            case NetdevEvent.ChangeAddress:
                // arp_netdev_event: a new hardware address flushes the device's neighbours, permanent ones too (measured).
                Arp.DeviceDown(device, unregister: false);
                break;
        }
    }

    internal void Destroy()
    {
        Sockets.CloseAll();
    }

    // ----- helpers -----

    public bool AnyDeviceHasAddress(Ipv4Address address) =>
        Namespace.Devices.Any(d => d.Ip != null && d.Ip.HasAddress(address));

    /// <summary>
    /// inet_select_addr: a primary address of <paramref name="device"/> within
    /// <paramref name="scope"/>, preferring the subnet of <paramref name="destination"/>; failing
    /// that, one from any device of the namespace (not host or link scope).
    /// </summary>
    public Ipv4Address SelectSourceAddress(NetDevice device, Ipv4Address destination, RouteScope scope)
    {
        var address = device.Ip?.SelectAddress(destination, scope) ?? default;
        if (address.IsValid) return address;
        foreach (var other in Namespace.Devices)
        {
            if (other.Ip is null) continue;
            foreach (var candidate in other.Ip.Primaries)
                if (candidate.Scope != RouteScope.Link && candidate.Scope <= scope) return candidate.Local;
        }
        return default;
    }

    // ----- receive -----

    /// <summary>
    /// The protocol dispatch after the rx handlers (eth_type_trans and deliver_skb): classify
    /// the frame by its destination MAC, strip the Ethernet header and hand it to ARP or IPv4.
    /// </summary>
    internal void ReceiveFrame(NetDevice device, Packet frame)
    {
        if (EthernetFrame.TryCreate(frame.Data, out var ethernet) != DropReason.None)
        {
            device.Drop(frame, DropReason.HdrTrunc, "runt frame");
            return;
        }
        // eth_type_trans: classify by destination MAC relative to the receiving device (a
        // loopback frame carries lo's all-zero address, so it is the host's).
        var destination = ethernet.Destination;
        frame.Type = destination == device.Address ? PacketType.Host
            : destination.IsBroadcast ? PacketType.Broadcast
            : destination.IsMulticast ? PacketType.Multicast
            : PacketType.OtherHost;
        var etherType = ethernet.EtherType;
        frame.Pull(EthernetFrame.MinHeaderLength);
        frame.InputInterface = device.IfIndex;
        switch (etherType)
        {
            case EtherType.Ipv4:
                if (device.Ip is null) { device.Drop(frame, DropReason.UnhandledProto, "no IPv4 on device"); return; }
                Input.Receive(device, frame);
                return;
            case EtherType.Arp:
                Arp.Receive(device, frame);
                return;
            default:
                device.Drop(frame, DropReason.UnhandledProto, $"ethertype 0x{(ushort)etherType:x4} not modelled");
                return;
        }
    }
}
