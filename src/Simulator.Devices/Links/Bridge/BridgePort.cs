using Simulator.Core.Engine;
using Simulator.Core.Packets;
using EngineTimer = Simulator.Core.Engine.Timer;

namespace Simulator.Devices.Links.Bridge;

/// <summary>The per-port BR_* flags the model honours.</summary>
[Flags]
public enum PortFlags : ushort
{
    None = 0,
    /// <summary>BR_HAIRPIN_MODE: frames may go back out of the port they came in on.</summary>
    Hairpin = 1 << 0,
    /// <summary>BR_LEARNING: learn source addresses of frames received here.</summary>
    Learning = 1 << 1,
    /// <summary>BR_FLOOD: receive unknown unicast.</summary>
    Flood = 1 << 2,
    /// <summary>BR_MCAST_FLOOD: receive flooded multicast.</summary>
    McastFlood = 1 << 3,
    /// <summary>BR_BCAST_FLOOD: receive broadcast.</summary>
    BcastFlood = 1 << 4,
    /// <summary>BR_ADMIN_COST: the path cost was set by hand and no longer follows the link speed.</summary>
    AdminCost = 1 << 5,
    /// <summary>BR_PROMISC: the bridge holds one promiscuity count of the device.</summary>
    Promisc = 1 << 6,
    /// <summary>BR_ISOLATED: frames from an isolated port never leave by another isolated port.</summary>
    Isolated = 1 << 7,
}

/// <summary>
/// A bridge port (struct net_bridge_port): the enslaved device, its number and 802.1D state, its
/// flags (hairpin, learning, flooding) and its spanning-tree variables and timers. It is the
/// device's one rx handler: every frame the device receives goes to <see cref="BridgeInput"/>.
/// </summary>
public sealed class BridgePort : IRxHandler
{
    /// <summary>BR_PORT_BITS: the port number takes the low 10 bits of the port id.</summary>
    public const int PortBits = 10;
    public const int MaxPorts = 1 << PortBits;
    /// <summary>The default port priority (0x8000 &gt;&gt; BR_PORT_BITS), shown as "priority 32".</summary>
    public const int DefaultPriority = 0x8000 >> PortBits;
    public const int MaxPriority = ushort.MaxValue >> PortBits;

    internal BridgePort(BridgeDevice bridge, NetDevice device, ushort portNo)
    {
        Bridge = bridge;
        Device = device;
        PortNo = portNo;
        Priority = DefaultPriority;
        PathCost = DefaultPathCost(device);
        Flags = PortFlags.Learning | PortFlags.Flood | PortFlags.McastFlood | PortFlags.BcastFlood;
        var simulation = bridge.Simulation;
        MessageAgeTimer = new EngineTimer(simulation, () => bridge.StpTimers.MessageAgeExpired(this));
        ForwardDelayTimer = new EngineTimer(simulation, () => bridge.StpTimers.ForwardDelayExpired(this));
        HoldTimer = new EngineTimer(simulation, () => bridge.StpTimers.HoldExpired(this));
    }

    public BridgeDevice Bridge { get; }
    public NetDevice Device { get; }
    public ushort PortNo { get; }
    public PortState State { get; internal set; }
    public PortFlags Flags { get; internal set; }

    public bool Hairpin => (Flags & PortFlags.Hairpin) != 0;
    public bool Isolated => (Flags & PortFlags.Isolated) != 0;

    /// <summary>The STP port priority (0..63).</summary>
    public int Priority { get; internal set; }
    public int PathCost { get; internal set; }

    /// <summary>The port identifier: priority in the high bits, port number in the low ten (br_make_port_id).</summary>
    public ushort PortId { get; internal set; }

    // ----- 802.1D port variables (IEEE 802.1D-1998 8.5.5) -----

    public BridgeId DesignatedRoot { get; internal set; }
    public int DesignatedCost { get; internal set; }
    public BridgeId DesignatedBridge { get; internal set; }
    public ushort DesignatedPort { get; internal set; }
    /// <summary>When the designated bridge's information was generated (now minus the message age received).</summary>
    internal long DesignatedAge { get; set; }
    public bool TopologyChangeAck { get; internal set; }
    public bool ConfigPending { get; internal set; }

    internal EngineTimer MessageAgeTimer { get; }
    internal EngineTimer ForwardDelayTimer { get; }
    internal EngineTimer HoldTimer { get; }

    /// <summary>Time left on a timer, 0 when it is not running (br_timer_value).</summary>
    public long Remaining(EngineTimer timer) => timer.IsArmed ? Math.Max(0, timer.ExpiresAt - Bridge.Simulation.Now) : 0;

    public long MessageAgeTimerRemaining => Remaining(MessageAgeTimer);
    public long ForwardDelayTimerRemaining => Remaining(ForwardDelayTimer);
    public long HoldTimerRemaining => Remaining(HoldTimer);

    /// <summary>br_is_designated_port: this port is the designated port of its segment.</summary>
    public bool IsDesignated => DesignatedBridge == Bridge.BridgeId && DesignatedPort == PortId;

    /// <summary><c>bridge link set dev X hairpin on|off</c>, <c>brctl hairpin</c>, sysfs hairpin_mode.</summary>
    public void SetHairpin(bool on) => Flags = on ? Flags | PortFlags.Hairpin : Flags & ~PortFlags.Hairpin;

    /// <summary>sysfs isolated / <c>bridge link set … isolated on|off</c>.</summary>
    public void SetIsolated(bool on) => Flags = on ? Flags | PortFlags.Isolated : Flags & ~PortFlags.Isolated;

    /// <summary>sysfs learning / <c>bridge link set … learning on|off</c>.</summary>
    public void SetLearning(bool on) => Flags = on ? Flags | PortFlags.Learning : Flags & ~PortFlags.Learning;

    /// <summary>sysfs unicast_flood / <c>bridge link set … flood on|off</c>.</summary>
    public void SetFlood(bool on) => Flags = on ? Flags | PortFlags.Flood : Flags & ~PortFlags.Flood;

    /// <summary>
    /// port_cost: the 802.1D recommended path cost for the link speed ethtool reports: a veth
    /// says 10 Gb/s (cost 2), a gigabit NIC 1 Gb/s (cost 4); others are taken for old 10 Mb/s links.
    /// </summary>
    internal static int DefaultPathCost(NetDevice device) => LinkSpeedMbps(device) switch
    {
        10000 => 2,
        1000 => 4,
        100 => 19,
        10 => 100,
        _ => 100,
    };

    private static int LinkSpeedMbps(NetDevice device) => device switch
    {
        VethDevice => 10000,
        Nic.EthernetNic nic => nic.SpeedMbps,
        _ => 0,
    };

    RxHandlerResult IRxHandler.Handle(Packet frame, ref NetDevice device) => Bridge.Input.HandleFrame(this, frame);

    public override string ToString() => $"port {PortNo}({Device.Name})";
}
