using Simulator.Core.Addressing;
using Simulator.Core.Packets;
using Simulator.Core.Tracing;

namespace Simulator.Devices.Links.Nic;

/// <summary>
/// A physical Ethernet NIC (eth0, enp0s3, ens9f0) with a cable to a LAN outside the host. Unlike
/// a veth, its hardware filters what it receives: unicast frames for other stations are dropped
/// before the kernel sees them unless the device is promiscuous, which is why a bridge puts its
/// ports in promiscuous mode. It has carrier while it is up and cabled.
/// </summary>
/// <remarks>
/// Its qdisc is fq_codel, what a single-queue NIC gets on Debian 12 (systemd sets
/// net.core.default_qdisc=fq_codel); a multi-queue NIC would show "mq" with fq_codel under it.
/// This cannot be measured here (no real NIC in a namespace), so it follows that configuration.
/// </remarks>
public sealed class EthernetNic : NetDevice, IWireEnd
{
    public EthernetNic(Namespaces.World world, string name, MacAddress address) : base(world, name, address) { }

    /// <summary>A plain NIC has no link kind: <c>ip -d link</c> prints none.</summary>
    public override string? Kind => null;

    /// <summary>Hardware: deleting its namespace returns it to the initial namespace.</summary>
    public override bool IsVirtual => false;

    public override string DefaultQdisc => "fq_codel";

    /// <summary>The negotiated link speed ethtool reports (a bridge derives the port's path cost from it).</summary>
    public int SpeedMbps { get; init; } = 1000;

    /// <summary>The cable, or null when unplugged.</summary>
    public Wire? Wire { get; private set; }

    /// <summary>Plugs the cable in; carrier follows if the NIC is up.</summary>
    public void Plug(Wire wire)
    {
        Wire = wire;
        if (IsUp) SetCarrier(true);
    }

    /// <summary>Unplugs the cable: carrier goes.</summary>
    public void Unplug()
    {
        Wire = null;
        SetCarrier(false);
    }

    protected override void OnOpen() => SetCarrier(Wire != null);

    protected override void OnStop() => SetCarrier(false);

    protected override void StartXmit(Packet frame)
    {
        var wire = Wire;
        if (wire is null || !HasCarrier)
        {
            Stats.TxDropped++;
            Drop(frame, DropReason.NoCarrier, "no cable or no link");
            return;
        }
        CountTransmitted(frame);
        frame.Conntrack = null;
        frame.ConntrackInfo = 0;
        frame.Mark = 0;
        frame.PhysicalInputInterface = 0;
        frame.NfBridge = false;
        wire.Send(this, frame);
    }

    /// <summary>
    /// The receive side of the hardware: a down NIC hears nothing; the MAC filter passes frames
    /// for its own address, broadcast and multicast, and everything when promiscuous.
    /// </summary>
    public void ReceiveFromWire(Packet frame)
    {
        if (!IsUp || frame.Length < 14)
        {
            frame.Release();
            return;
        }
        var destination = MacAddress.Read(frame.Data);
        if (Promiscuity == 0 && !destination.IsMulticast && destination != Address)
        {
            Drop(frame, DropReason.OtherHost, "NIC address filter: not for this station and not promiscuous");
            return;
        }
        ReceiveNow(frame);
    }
}
