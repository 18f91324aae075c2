using Simulator.Core.Addressing;
using Simulator.Core.Packets;

namespace Simulator.Devices.Links;

/// <summary>
/// <c>lo</c>: what it transmits it receives. Every namespace has one, created DOWN (seed 002),
/// and locally addressed traffic goes through it, so with lo down a namespace cannot reach even
/// its own addresses.
/// </summary>
public sealed class LoopbackDevice : NetDevice
{
    /// <summary>The time a frame takes to come back (one softirq pass).</summary>
    public const long LoopDelay = 2 * Core.Engine.Simulation.Microsecond;

    public LoopbackDevice(Namespaces.World world) : base(world, "lo", MacAddress.Zero)
    {
        Mtu = 65536;
    }

    public override string? Kind => null;
    /// <summary>loopback_setup sets neither limit: the kernel reports 0 for both (ip -d link, measured).</summary>
    public override int MinMtu => 0;
    public override int MaxMtu => 0;
    public override bool CanChangeNamespace => false;
    protected override DeviceFlags StaticFlags => DeviceFlags.Loopback;

    /// <summary>Loopback does not manage an operational state: UNKNOWN when up.</summary>
    public override OperState OperState => IsUp ? OperState.Unknown : OperState.Down;

    protected override void OnOpen() => SetCarrier(true);
    protected override void OnStop() => SetCarrier(false);

    protected override void StartXmit(Packet frame)
    {
        CountTransmitted(frame);
        frame.Type = PacketType.Host;
        NetifRx(frame, LoopDelay);
    }
}
