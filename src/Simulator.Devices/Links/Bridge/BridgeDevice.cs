using Simulator.Core.Addressing;
using Simulator.Core.Engine;
using Simulator.Core.Packets;
using Simulator.Devices.Namespaces;
using EngineTimer = Simulator.Core.Engine.Timer;

namespace Simulator.Devices.Links.Bridge;

/// <summary>
/// A Linux bridge (net/bridge/br_device.c: struct net_bridge and its net_device). It holds the
/// bridge's configuration and 802.1D bridge variables; the work is done by the parts named as the
/// kernel's files: <see cref="BridgeInterfaces"/> (br_if.c, enslaving), <see cref="BridgeInput"/>
/// (br_input.c), <see cref="BridgeForward"/> (br_forward.c), <see cref="BridgeFdb"/> (br_fdb.c),
/// <see cref="BridgeStp"/>, <see cref="BridgeStpInterface"/>, <see cref="BridgeStpTimers"/>,
/// <see cref="BridgeStpBpdu"/> (br_stp*.c) and <see cref="BridgeNotify"/> (br_notify.c).
/// </summary>
/// <remarks>
/// Like the kernel's gc_work, an up bridge always has its forwarding-database collector
/// scheduled (and with STP its hello timer), so a simulation holding one is never idle: run it
/// for a time (<c>RunFor</c>, <c>RunUntil</c>), not until idle.
/// </remarks>
public sealed class BridgeDevice : NetDevice, IMasterDevice
{
    /// <summary>The 802.1D bridge group address that BPDUs are sent to.</summary>
    public static readonly MacAddress GroupAddress = new(0x0180_c200_0000UL);

    public const ushort DefaultPriority = 0x8000;
    public static readonly long DefaultAgeingTime = 300 * Simulation.Second;
    public static readonly long DefaultForwardDelay = 15 * Simulation.Second;
    public static readonly long DefaultHelloTime = 2 * Simulation.Second;
    public static readonly long DefaultMaxAge = 20 * Simulation.Second;

    private readonly List<BridgePort> _ports = [];
    private bool _carrierEverOff;
    private MacAddress _ownAddress;
    private bool _changingAddress;
    private readonly NetRateLimit _rateLimit;

    /// <summary>
    /// A new bridge (br_dev_setup). Its address is <paramref name="address"/>; when
    /// <paramref name="addressSetByUser"/> (<c>ip link add br0 address X type bridge</c>) it is
    /// also the bridge id and is kept, else the bridge takes its lowest port's address as ports
    /// come. Register it with <see cref="NetworkNamespace.Add"/>.
    /// </summary>
    public BridgeDevice(World world, string name, MacAddress address, bool addressSetByUser = false)
        : base(world, name, address)
    {
        Fdb = new BridgeFdb(this);
        Input = new BridgeInput(this);
        Forwarding = new BridgeForward(this);
        Stp = new BridgeStp(this);
        StpInterface = new BridgeStpInterface(this);
        StpTimers = new BridgeStpTimers(this);
        StpBpdu = new BridgeStpBpdu(this);
        Interfaces = new BridgeInterfaces(this);
        Notify = new BridgeNotify(this);
        Hooks = new Netfilter.BridgeNetfilter(this);
        _rateLimit = new NetRateLimit(world.Simulation);

        BridgeId = new BridgeId(DefaultPriority, MacAddress.Zero);
        DesignatedRoot = BridgeId;
        BridgeMaxAge = MaxAge = DefaultMaxAge;
        BridgeHelloTime = HelloTime = DefaultHelloTime;
        BridgeForwardDelay = ForwardDelay = DefaultForwardDelay;
        BridgeAgeingTime = AgeingTime = DefaultAgeingTime;

        HelloTimer = new EngineTimer(Simulation, StpTimers.HelloExpired);
        TcnTimer = new EngineTimer(Simulation, StpTimers.TcnExpired);
        TopologyChangeTimer = new EngineTimer(Simulation, StpTimers.TopologyChangeExpired);
        GcTimer = new EngineTimer(Simulation, CollectGarbage);

        // A new device has its carrier on until a driver says otherwise; the bridge turns it off
        // as soon as it counts its forwarding ports (br_port_state_selection).
        SetCarrier(true);
        _ownAddress = address;
        Fdb.InsertLocal(null, address);
        if (addressSetByUser)
        {
            AddressSetByUser = true;
            // br_dev_newlink: an address given at creation becomes the bridge id at once.
            StpInterface.ChangeBridgeId(address);
        }
        world.NetdevEvents += Notify.OnNetdevEvent;
    }

    public override string? Kind => "bridge";

    /// <summary>NETIF_F_NETNS_LOCAL: a bridge cannot move to another namespace.</summary>
    public override bool CanChangeNamespace => false;

    /// <summary>
    /// The kernel reports UNKNOWN for a bridge that is up and has never had its carrier turned off
    /// (a new bridge without ports); once it counted its ports, UP or DOWN by its carrier.
    /// </summary>
    public override OperState OperState =>
        !IsUp ? OperState.Down : !_carrierEverOff ? OperState.Unknown : HasCarrier ? OperState.Up : OperState.Down;

    // ----- parts -----

    public BridgeFdb Fdb { get; }
    internal BridgeInput Input { get; }
    internal BridgeForward Forwarding { get; }
    internal BridgeStp Stp { get; }
    internal BridgeStpInterface StpInterface { get; }
    internal BridgeStpTimers StpTimers { get; }
    internal BridgeStpBpdu StpBpdu { get; }
    internal BridgeInterfaces Interfaces { get; }
    internal BridgeNotify Notify { get; }

    /// <summary>
    /// Bridge netfilter (see <see cref="IBridgeHooks"/>): br_netfilter, as on a machine where the
    /// module is loaded; it costs a check per frame while the namespace has no iptables rules.
    /// </summary>
    public IBridgeHooks? Hooks { get; set; }

    // ----- ports -----

    /// <summary>The ports, newest first, as the kernel's port_list (list_add_rcu adds at the head).</summary>
    public IReadOnlyList<BridgePort> Ports => _ports;

    internal List<BridgePort> PortList => _ports;

    public BridgePort? FindPort(ushort portNo)
    {
        foreach (var port in _ports)
            if (port.PortNo == portNo) return port;
        return null;
    }

    /// <summary>The bridge port <paramref name="device"/> is, if it is one of this bridge's.</summary>
    public BridgePort? PortOf(NetDevice device) => device.RxHandler is BridgePort port && port.Bridge == this ? port : null;

    /// <summary>The bridge port a device is, of whichever bridge.</summary>
    public static BridgePort? PortOfDevice(NetDevice device) => device.RxHandler as BridgePort;

    // ----- configuration and 802.1D bridge variables -----

    /// <summary>NET_ADDR_SET: the user chose the address, so the bridge no longer follows its ports'.</summary>
    public bool AddressSetByUser { get; internal set; }

    public StpMode StpEnabled { get; internal set; }
    public BridgeId BridgeId { get; internal set; }
    public BridgeId DesignatedRoot { get; internal set; }
    public int RootPathCost { get; internal set; }
    public ushort RootPort { get; internal set; }

    /// <summary>The values in use: the root bridge's, learned from its BPDUs.</summary>
    public long MaxAge { get; internal set; }
    public long HelloTime { get; internal set; }
    public long ForwardDelay { get; internal set; }

    /// <summary>The values configured here, used when this bridge is the root.</summary>
    public long BridgeMaxAge { get; internal set; }
    public long BridgeHelloTime { get; internal set; }
    public long BridgeForwardDelay { get; internal set; }

    /// <summary>The ageing time in force: twice the forward delay during a topology change.</summary>
    public long AgeingTime { get; internal set; }
    /// <summary>The configured ageing time.</summary>
    public long BridgeAgeingTime { get; internal set; }

    public bool TopologyChange { get; internal set; }
    public bool TopologyChangeDetected { get; internal set; }

    internal EngineTimer HelloTimer { get; }
    internal EngineTimer TcnTimer { get; }
    internal EngineTimer TopologyChangeTimer { get; }
    internal EngineTimer GcTimer { get; }

    public long HelloTimerRemaining => Remaining(HelloTimer);
    public long TcnTimerRemaining => Remaining(TcnTimer);
    public long TopologyChangeTimerRemaining => Remaining(TopologyChangeTimer);
    public long GcTimerRemaining => Remaining(GcTimer);

    private long Remaining(EngineTimer timer) => timer.IsArmed ? Math.Max(0, timer.ExpiresAt - Simulation.Now) : 0;

    /// <summary>br_is_root_bridge.</summary>
    public bool IsRootBridge => BridgeId == DesignatedRoot;

    /// <summary>IFF_PROMISC on the bridge device: every frame a port receives also goes up.</summary>
    internal bool IsPromiscuous => Promiscuity > 0;

    /// <summary>
    /// br_set_ageing_time: <c>brctl setageing</c>, <c>ip link set BR type bridge ageing_time</c>
    /// and sysfs ageing_time, in clock_t (centiseconds). The collector runs at once with it.
    /// </summary>
    public void SetAgeingTime(long clockT)
    {
        long t = BridgeTime.FromClockT(clockT);
        BridgeAgeingTime = t;
        AgeingTime = t;
        GcTimer.Arm(0);
    }

    /// <summary>br_set_forward_delay: refused out of 2..30 s while STP runs.</summary>
    public NetlinkError? SetForwardDelay(long clockT)
    {
        long t = BridgeTime.FromClockT(clockT);
        if (StpEnabled != StpMode.None && (t < 2 * Simulation.Second || t > 30 * Simulation.Second))
            return new NetlinkError(Errno.ERANGE);
        StpInterface.SetForwardDelay(t);
        return null;
    }

    /// <summary>br_set_hello_time: 1..10 s.</summary>
    public NetlinkError? SetHelloTime(long clockT)
    {
        long t = BridgeTime.FromClockT(clockT);
        if (t < Simulation.Second || t > 10 * Simulation.Second) return new NetlinkError(Errno.ERANGE);
        BridgeHelloTime = t;
        if (IsRootBridge) HelloTime = t;
        return null;
    }

    /// <summary>br_set_max_age: 6..40 s.</summary>
    public NetlinkError? SetMaxAge(long clockT)
    {
        long t = BridgeTime.FromClockT(clockT);
        if (t < 6 * Simulation.Second || t > 40 * Simulation.Second) return new NetlinkError(Errno.ERANGE);
        BridgeMaxAge = t;
        if (IsRootBridge) MaxAge = t;
        return null;
    }

    /// <summary>br_stp_set_bridge_priority.</summary>
    public void SetPriority(ushort priority) => StpInterface.SetBridgePriority(priority);

    /// <summary>br_stp_set_enabled: <c>brctl stp BR on|off</c>, <c>stp_state 0|1</c>.</summary>
    public void SetStpEnabled(bool on) => StpInterface.SetEnabled(on);

    /// <summary>br_stp_set_port_priority.</summary>
    public NetlinkError? SetPortPriority(BridgePort port, int priority) => StpInterface.SetPortPriority(port, priority);

    /// <summary>br_stp_set_path_cost: 1..65535.</summary>
    public NetlinkError? SetPathCost(BridgePort port, int cost) => StpInterface.SetPathCost(port, cost);

    // ----- IMasterDevice (ip link set DEV master BR / nomaster, brctl addif / delif) -----

    public NetlinkError? AddSlave(NetDevice port) => Interfaces.AddInterface(port);

    public NetlinkError? DeleteSlave(NetDevice port) => Interfaces.DeleteInterface(port);

    // ----- net_device_ops -----

    /// <summary>br_dev_open: starts the spanning tree (hello and collector timers) and enables running ports.</summary>
    protected override void OnOpen() => StpInterface.EnableBridge();

    /// <summary>br_dev_stop.</summary>
    protected override void OnStop() => StpInterface.DisableBridge();

    /// <summary>br_dev_xmit: what the bridge's own stack sends is forwarded like a frame from a port.</summary>
    protected override void StartXmit(Packet frame)
    {
        CountTransmitted(frame);
        Forwarding.DeviceTransmit(frame);
    }

    /// <summary>br_dev_delete: every port is released before the bridge goes.</summary>
    protected internal override void OnDelete()
    {
        Interfaces.DeleteBridge();
        World.NetdevEvents -= Notify.OnNetdevEvent;
    }

    // ----- address and carrier -----

    /// <summary>The address the forwarding database holds as the bridge's own.</summary>
    internal MacAddress OwnAddress => _ownAddress;

    /// <summary>Changes the device address on the bridge's own account (not the user's).</summary>
    internal void ChangeOwnAddress(MacAddress address)
    {
        _ownAddress = address;
        if (Address == address) return;
        _changingAddress = true;
        try { Address = address; }
        finally { _changingAddress = false; }
    }

    /// <summary>True while the bridge itself changes its address, so the change is not taken as the user's.</summary>
    internal bool ChangingAddress => _changingAddress;

    internal void CarrierOn() => SetCarrier(true);

    internal void CarrierOff()
    {
        _carrierEverOff = true;
        SetCarrier(false);
    }

    internal void CollectGarbage() => GcTimer.Arm(Fdb.Cleanup());

    // ----- kernel log -----

    /// <summary>br_info: a kernel message prefixed with the bridge's name.</summary>
    internal void Log(string message) => World.Kernel.Log($"{Name}: {message}");

    /// <summary>br_warn under net_ratelimit().</summary>
    internal void LogRateLimited(string message)
    {
        if (_rateLimit.Allow()) Log(message);
    }

    /// <summary>
    /// net_ratelimit: ten messages, then one per five seconds' worth of tokens, so a loop or a
    /// spoofer does not flood the log.
    /// </summary>
    private sealed class NetRateLimit(Simulation simulation)
    {
        private const int Burst = 10;
        private static readonly long Interval = 5 * Simulation.Second;
        private long _begin = long.MinValue;
        private int _printed;

        public bool Allow()
        {
            long now = simulation.Now;
            if (_begin == long.MinValue || now - _begin >= Interval)
            {
                _begin = now;
                _printed = 0;
            }
            if (_printed >= Burst) return false;
            _printed++;
            return true;
        }
    }
}
