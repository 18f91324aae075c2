using Simulator.Core.Addressing;
using Simulator.Core.Engine;
using Simulator.Core.Packets;
using Simulator.Core.Tracing;
using Simulator.Devices.Ipv4;
using Simulator.Devices.Namespaces;

namespace Simulator.Devices.Links;

/// <summary>
/// A network device (<c>struct net_device</c>): name, index, hardware address, MTU, the
/// administrative and carrier state, its master and its one rx handler. Drivers derive from it
/// and implement <see cref="StartXmit"/>; received frames enter the namespace's stack through
/// <see cref="NetifRx"/>.
/// </summary>
public abstract class NetDevice : IEventTarget
{
    private readonly List<IPacketTap> _taps = [];
    private MacAddress _address;
    private bool _carrier;

    protected NetDevice(World world, string name, MacAddress address)
    {
        World = world;
        Name = name;
        _address = address;
        Namespace = null!;
    }

    public World World { get; }
    public Simulation Simulation => World.Simulation;
    public NetworkNamespace Namespace { get; internal set; }
    public string Name { get; internal set; }
    public int IfIndex { get; internal set; }

    /// <summary>The driver name <c>ip -d link</c> prints ("veth", "bridge"…); null for a plain NIC.</summary>
    public abstract string? Kind { get; }

    public MacAddress Address
    {
        get => _address;
        set
        {
            if (_address == value) return;
            _address = value;
            World.Notify(this, NetdevEvent.ChangeAddress);
        }
    }

    public virtual MacAddress BroadcastAddress => MacAddress.Broadcast;

    public int Mtu { get; set; } = 1500;
    public virtual int MinMtu => 68;
    /// <summary>The largest MTU the driver accepts; 0 means no limit (dev_validate_mtu).</summary>
    public virtual int MaxMtu => 65535;
    public int TxQueueLength { get; set; } = 1000;

    /// <summary>The transmit queues the driver allocated (<c>numtxqueues</c> of <c>ip -d link</c>).</summary>
    public virtual int TxQueues => 1;

    /// <summary>IFF_NOARP, set by <c>ip link set DEV arp off</c>: no ARP is sent or answered on the device.</summary>
    public bool NoArp { get; private set; }

    /// <summary>Flags the device always has (BROADCAST|MULTICAST for Ethernet, LOOPBACK…).</summary>
    protected virtual DeviceFlags StaticFlags => DeviceFlags.Broadcast | DeviceFlags.Multicast;

    /// <summary>IFF_UP: set by <c>ip link set DEV up</c>.</summary>
    public bool IsUp { get; private set; }

    /// <summary>netif_carrier_ok: the link layer below is there.</summary>
    public bool HasCarrier => _carrier;

    /// <summary>IFF_RUNNING / LOWER_UP: up with carrier.</summary>
    public bool IsRunning => IsUp && _carrier;

    /// <summary>A queueing discipline is attached at the first up; before that iproute2 shows "noop".</summary>
    public bool QdiscAttached { get; private set; }

    /// <summary>The qdisc a device gets when first brought up (noqueue for virtual devices).</summary>
    public virtual string DefaultQdisc => "noqueue";

    public string Qdisc => QdiscAttached ? DefaultQdisc : "noop";

    /// <summary>The promiscuity counter; each upper that needs promiscuous mode holds one.</summary>
    public int Promiscuity { get; private set; }

    /// <summary>The IFF_PROMISC that the user asked for (<c>ip link set DEV promisc on</c>).</summary>
    public bool UserPromisc { get; private set; }

    public int AllMulti { get; private set; }

    /// <summary>
    /// The flags as dev_get_flags reports them: PROMISC (and ALLMULTI) only when the user asked,
    /// not when an upper holds a count — a bridge port shows no PROMISC (measured).
    /// </summary>
    public DeviceFlags Flags
    {
        get
        {
            var flags = StaticFlags;
            if (IsUp) flags |= DeviceFlags.Up;
            if (IsRunning) flags |= DeviceFlags.Running | DeviceFlags.LowerUp;
            if (NoArp) flags |= DeviceFlags.NoArp;
            if (UserPromisc) flags |= DeviceFlags.Promisc;
            if (IsMasterDevice) flags |= DeviceFlags.Master;
            if (IsSlave) flags |= DeviceFlags.Slave;
            return flags;
        }
    }

    /// <summary>True for bonds and teams (IFF_MASTER); a bridge is a master too but not flagged so.</summary>
    protected virtual bool IsMasterDevice => false;

    /// <summary>True when the master is a bond (IFF_SLAVE).</summary>
    public virtual bool IsSlave => false;

    /// <summary>
    /// IFLA_OPERSTATE as rtnetlink reports it: DOWN while not up; otherwise default_operstate —
    /// without carrier a stacked device (one whose iflink is another device's index, a veth or a
    /// macvlan) is LOWERLAYERDOWN, a device that is its own link DOWN. The comparison is of bare
    /// indexes, so a veth whose peer in another namespace has the same ifindex reads DOWN (measured).
    /// </summary>
    public virtual OperState OperState =>
        !IsUp ? OperState.Down
        : _carrier ? OperState.Up
        : Link is { } link && link.IfIndex != IfIndex ? OperState.LowerLayerDown
        : OperState.Down;

    /// <summary>The device this one is attached to (bridge, bond), shown as "master X".</summary>
    public NetDevice? Master { get; internal set; }

    public IRxHandler? RxHandler { get; private set; }

    /// <summary>False for hardware (a NIC on a wire): deleting its namespace returns it to the initial one.</summary>
    public virtual bool IsVirtual => true;

    /// <summary>False for devices marked NETIF_F_NETNS_LOCAL (lo, bridges): they cannot move.</summary>
    public virtual bool CanChangeNamespace => true;

    /// <summary>The device <c>ip link</c> shows after '@' (veth peer, macvlan lower), if any.</summary>
    public virtual NetDevice? Link => null;

    public DeviceStatistics Stats { get; } = new();

    /// <summary>IPv4 state of this interface (in_device), null when the device has none.</summary>
    public InDevice? Ip { get; internal set; }

    // ----- control -----

    public void SetUp()
    {
        if (IsUp) return;
        IsUp = true;
        QdiscAttached = true;
        OnOpen();
        World.Notify(this, NetdevEvent.Up);
    }

    public void SetDown()
    {
        if (!IsUp) return;
        IsUp = false;
        OnStop();
        World.Notify(this, NetdevEvent.Down);
    }

    /// <summary>
    /// dev_set_mtu_ext: checks the value against the driver's limits (dev_validate_mtu, with its
    /// extack texts) and tells the stack.
    /// </summary>
    public NetlinkError? ChangeMtu(int mtu)
    {
        if (mtu < MinMtu) return new NetlinkError(Errno.EINVAL, "mtu less than device minimum");
        if (MaxMtu > 0 && mtu > MaxMtu) return new NetlinkError(Errno.EINVAL, "mtu greater than device maximum");
        if (mtu == Mtu) return null;
        Mtu = mtu;
        World.Notify(this, NetdevEvent.ChangeMtu);
        return null;
    }

    /// <summary>
    /// dev_set_mac_address via eth_mac_addr: an Ethernet device takes only a valid unicast
    /// address (is_valid_ether_addr: not multicast, not all zeros), else EADDRNOTAVAIL.
    /// </summary>
    public NetlinkError? ChangeAddress(MacAddress address)
    {
        if (!address.IsUnicast || address == MacAddress.Zero) return new NetlinkError(Errno.EADDRNOTAVAIL);
        Address = address;
        return null;
    }

    /// <summary><c>ip link set DEV arp on|off</c>: clears or sets IFF_NOARP.</summary>
    public void SetArp(bool on)
    {
        if (NoArp == !on) return;
        NoArp = !on;
        World.Notify(this, NetdevEvent.Change);
    }

    /// <summary>ndo_open: the driver's reaction to being brought up (veth turns on carrier…).</summary>
    protected virtual void OnOpen() { }

    /// <summary>ndo_stop.</summary>
    protected virtual void OnStop() { }

    protected void SetCarrier(bool on)
    {
        if (_carrier == on) return;
        _carrier = on;
        World.Notify(this, NetdevEvent.Change);
    }

    /// <summary>
    /// dev_set_promiscuity: adjusts the counter and reports to dmesg when it crosses zero. The
    /// words are those of __dev_set_promiscuity's netdev_info on the kernel measured (6.18: "veth0:
    /// entered promiscuous mode"); older kernels, as in seed 000, printed "device veth0 entered…".
    /// A device with a parent bus device gets the driver and bus prefix too ("virtio_net virtio2
    /// eth0: …"); the model's devices have none.
    /// </summary>
    public void ChangePromiscuity(int delta)
    {
        int before = Promiscuity;
        Promiscuity = Math.Max(0, Promiscuity + delta);
        if ((before == 0) != (Promiscuity == 0))
            World.Kernel.Log(Promiscuity > 0
                ? $"{Name}: entered promiscuous mode"
                : $"{Name}: left promiscuous mode");
    }

    /// <summary>
    /// <c>ip link set DEV promisc on|off</c>: the user flag holds one count, as
    /// <c>__dev_change_flags</c> does. A bridge's hold stays, so the device stays promiscuous
    /// while enslaved even after the user turns the flag off (seed 000's observation).
    /// </summary>
    public void SetUserPromisc(bool on)
    {
        if (UserPromisc == on) return;
        UserPromisc = on;
        ChangePromiscuity(on ? 1 : -1);
    }

    /// <summary>
    /// dev_set_allmulti: adjusts the all-multicast counter (a bridge holds one on each port) and,
    /// like promiscuity, reports crossing zero (6.18: "veth0: entered allmulticast mode", measured).
    /// </summary>
    public void ChangeAllMulti(int delta)
    {
        int before = AllMulti;
        AllMulti = Math.Max(0, AllMulti + delta);
        if ((before == 0) != (AllMulti == 0))
            World.Kernel.Log(AllMulti > 0 ? $"{Name}: entered allmulticast mode" : $"{Name}: left allmulticast mode");
    }

    /// <summary>netdev_rx_handler_register: false (EBUSY) when a handler is already attached.</summary>
    public bool RegisterRxHandler(IRxHandler handler)
    {
        if (RxHandler != null) return false;
        RxHandler = handler;
        return true;
    }

    public void UnregisterRxHandler() => RxHandler = null;

    public void AddTap(IPacketTap tap) => _taps.Add(tap);
    public void RemoveTap(IPacketTap tap) => _taps.Remove(tap);
    internal bool HasTaps => _taps.Count > 0;

    internal void RunTaps(Packet frame, TapDirection direction)
    {
        for (int i = 0; i < _taps.Count; i++) _taps[i].Observe(this, frame, direction);
    }

    /// <summary>Called when the device moves to another namespace, after unregister, before register.</summary>
    protected internal virtual void OnNamespaceChanging(NetworkNamespace target) { }

    /// <summary>Called when the device is deleted (ip link del); a veth takes its peer with it.</summary>
    protected internal virtual void OnDelete() { }

    // ----- data path -----

    /// <summary>
    /// dev_queue_xmit: hands a complete Ethernet frame to the driver. The caller gives up the
    /// packet. A device that is not up drops it.
    /// </summary>
    public void Transmit(Packet frame)
    {
        if (!IsUp)
        {
            Drop(frame, DropReason.DevReady, "device is down");
            Stats.TxDropped++;
            return;
        }
        if (_taps.Count > 0) RunTaps(frame, TapDirection.Outgoing);
        Trace(TraceKind.Transmit, frame);
        StartXmit(frame);
    }

    /// <summary>ndo_start_xmit: the driver sends the frame; it owns the packet from here.</summary>
    protected abstract void StartXmit(Packet frame);

    /// <summary>Counts a frame the driver sent (the drivers call this after accepting it).</summary>
    protected void CountTransmitted(Packet frame)
    {
        Stats.TxPackets++;
        Stats.TxBytes += (ulong)frame.Length;
    }

    /// <summary>
    /// netif_rx: a frame arrived from the wire or a peer. It enters the receive path as a
    /// scheduled event, as the kernel defers it to the softirq, which also keeps deep topologies
    /// from recursing.
    /// </summary>
    protected void NetifRx(Packet frame, long delay)
    {
        Simulation.Schedule(delay, this, frame);
    }

    void IEventTarget.OnEvent(object? payload, long argument) => ReceiveNow((Packet)payload!);

    /// <summary>netif_receive_skb: runs the receive path for a frame on this device now.</summary>
    public void ReceiveNow(Packet frame)
    {
        if (!IsUp)
        {
            Stats.RxDropped++;
            Drop(frame, DropReason.DevReady, "device is down");
            return;
        }
        Stats.RxPackets++;
        Stats.RxBytes += (ulong)frame.Length;
        Namespace.Receive(this, frame);
    }

    internal void Trace(TraceKind kind, Packet frame, string? detail = null)
    {
        if (Simulation.Trace is null) return;
        Simulation.Record(new TraceEvent(Simulation.Now, kind, Namespace.DisplayName, Name, DropReason.None,
            detail, frame.Data.ToArray()));
    }

    /// <summary>Ends a packet's life, recording why.</summary>
    public void Drop(Packet packet, DropReason reason, string? detail = null)
    {
        if (Simulation.Trace is not null)
            Simulation.Record(new TraceEvent(Simulation.Now, TraceKind.Drop, Namespace.DisplayName, Name, reason,
                detail, packet.Data.ToArray()));
        packet.Release();
    }

    public override string ToString() => Name;
}
