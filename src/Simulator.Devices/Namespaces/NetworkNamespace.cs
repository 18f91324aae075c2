using Simulator.Core.Packets;
using Simulator.Core.Tracing;
using Simulator.Devices.Ipv4;
using Simulator.Devices.Links;

namespace Simulator.Devices.Namespaces;

/// <summary>
/// A network namespace (<c>struct net</c>): its own devices, ifindex space, IPv4 stack,
/// sysctls and firewall. The initial namespace has no name.
/// </summary>
public sealed class NetworkNamespace
{
    private readonly Dictionary<string, NetDevice> _byName = new(StringComparer.Ordinal);
    private readonly SortedDictionary<int, NetDevice> _byIndex = [];
    private readonly Dictionary<NetworkNamespace, int> _peerIds = [];
    private int _lastIfIndex;

    internal NetworkNamespace(World world, string? name, NetworkNamespace? inheritFrom)
    {
        World = world;
        Name = name;
        Ipv4 = new Ipv4Stack(this, inheritFrom?.Ipv4);
        Sysctls = new Sysctl.SysctlTree(this);
        Loopback = new LoopbackDevice(world);
        Register(Loopback, preferredIfIndex: 0);
    }

    public World World { get; }

    /// <summary>The name under /run/netns, or null for the initial namespace and hidden outside hosts.</summary>
    public string? Name { get; }

    /// <summary>A label for traces and messages.</summary>
    public string DisplayName => Name ?? (this == World.InitialNamespace ? "host" : Label ?? "outside");

    /// <summary>A label for hidden namespaces that model machines outside the host ("gateway", "host2").</summary>
    public string? Label { get; set; }

    public bool IsInitial => this == World.InitialNamespace;

    public LoopbackDevice Loopback { get; }

    public Ipv4Stack Ipv4 { get; }

    private Netfilter.NamespaceFirewall? _firewall;

    /// <summary>
    /// The namespace's netfilter (iptables tables, connection table, NAT), created on first use;
    /// it attaches itself to the IPv4 hooks only while something is registered.
    /// </summary>
    public Netfilter.NamespaceFirewall Firewall => _firewall ??= new Netfilter.NamespaceFirewall(this);

    /// <summary>The firewall if anything has asked for it yet, without creating it.</summary>
    public Netfilter.NamespaceFirewall? ExistingFirewall => _firewall;

    /// <summary>The namespace's /proc/sys/net settings.</summary>
    public Sysctl.SysctlTree Sysctls { get; }

    /// <summary>Devices in ifindex order, as <c>ip link</c> lists them.</summary>
    public IEnumerable<NetDevice> Devices => _byIndex.Values;

    public bool IsDestroyed { get; private set; }

    public NetDevice? FindDevice(string name) => _byName.GetValueOrDefault(name);

    public NetDevice? FindDevice(int ifIndex) => _byIndex.GetValueOrDefault(ifIndex);

    public bool Contains(NetDevice device) => _byIndex.TryGetValue(device.IfIndex, out var d) && d == device;

    /// <summary>
    /// The first free name for a pattern with "%d" (<c>veth%d</c> → veth0, veth1…), as
    /// dev_alloc_name does.
    /// </summary>
    public string AllocateName(string pattern)
    {
        for (int i = 0; ; i++)
        {
            string candidate = pattern.Replace("%d", i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (!_byName.ContainsKey(candidate)) return candidate;
        }
    }

    /// <summary>A free name based on <paramref name="name"/> (used when a device returns to this namespace).</summary>
    public string UniqueNameLike(string name) => _byName.ContainsKey(name) ? AllocateName("dev%d") : name;

    /// <summary>
    /// The id this namespace uses for <paramref name="peer"/> (peernet2id_alloc): allocated on
    /// first use, counting from 0, and shown as <c>link-netnsid</c>.
    /// </summary>
    public int PeerId(NetworkNamespace peer)
    {
        if (!_peerIds.TryGetValue(peer, out int id))
        {
            id = _peerIds.Count;
            _peerIds[peer] = id;
        }
        return id;
    }

    public int? ExistingPeerId(NetworkNamespace peer) => _peerIds.TryGetValue(peer, out int id) ? id : null;

    /// <summary>
    /// register_netdevice: gives the device an ifindex (keeping <paramref name="preferredIfIndex"/>
    /// when free, else the next one after the last allocated, cyclically as dev_index_reserve) and
    /// creates its IPv4 state.
    /// </summary>
    internal void Register(NetDevice device, int preferredIfIndex)
    {
        if (_byName.ContainsKey(device.Name))
            throw new InvalidOperationException($"device name {device.Name} in use");
        int index;
        if (preferredIfIndex > 0 && !_byIndex.ContainsKey(preferredIfIndex))
        {
            index = preferredIfIndex;
        }
        else
        {
            index = _lastIfIndex + 1;
            while (_byIndex.ContainsKey(index)) index++;
            _lastIfIndex = index;
        }
        device.IfIndex = index;
        device.Namespace = this;
        _byName[device.Name] = device;
        _byIndex[index] = device;
        Ipv4.OnRegister(device);
        World.Notify(device, NetdevEvent.Register);
    }

    /// <summary>Adds a freshly created device (ip link add): it gets the next ifindex.</summary>
    public void Add(NetDevice device) => Register(device, preferredIfIndex: 0);

    internal void Unregister(NetDevice device)
    {
        World.Notify(device, NetdevEvent.Unregister);
        Ipv4.OnUnregister(device);
        _byName.Remove(device.Name);
        _byIndex.Remove(device.IfIndex);
    }

    /// <summary><c>ip link set DEV name NEW</c>; the caller checks that the device is down and the name free.</summary>
    public void Rename(NetDevice device, string newName)
    {
        _byName.Remove(device.Name);
        device.Name = newName;
        _byName[newName] = device;
        World.Notify(device, NetdevEvent.ChangeName);
    }

    internal void OnNetdevEvent(NetDevice device, NetdevEvent netdevEvent) => Ipv4.OnNetdevEvent(device, netdevEvent);

    internal void Destroy()
    {
        IsDestroyed = true;
        Ipv4.Destroy();
    }

    /// <summary>
    /// __netif_receive_skb_core: taps see the frame first; then the device's rx handler (bridge,
    /// macvlan, bond) may take it or redirect it to another device; what is left goes to the
    /// protocol handlers by EtherType.
    /// </summary>
    internal void Receive(NetDevice device, Packet frame)
    {
        while (true)
        {
            if (device.HasTaps) device.RunTaps(frame, TapDirection.Incoming);
            device.Trace(TraceKind.Receive, frame);
            var handler = device.RxHandler;
            if (handler is null) break;
            var next = device;
            var result = handler.Handle(frame, ref next);
            if (result == RxHandlerResult.Consumed) return;
            if (result == RxHandlerResult.Another)
            {
                device = next;
                if (device.Namespace != this)
                {
                    device.Namespace.Receive(device, frame);
                    return;
                }
                continue;
            }
            break;
        }
        Ipv4.ReceiveFrame(device, frame);
    }
}
