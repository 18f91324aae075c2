using Simulator.Core.Addressing;
using Simulator.Core.Packets;
using Simulator.Core.Tracing;

namespace Simulator.Devices.Links;

/// <summary>
/// One end of a virtual Ethernet pair (drivers/net/veth.c): a frame sent on one end is received
/// on the other, which may live in another namespace. Each end has carrier only while both ends
/// are up.
/// </summary>
public sealed class VethDevice : NetDevice
{
    /// <summary>
    /// The time a frame takes to cross the pair. A real veth crossing is a few microseconds of
    /// softirq work; this makes a direct ping's round trip show as a few hundredths of a ms.
    /// </summary>
    public const long CrossingDelay = 10 * Core.Engine.Simulation.Microsecond;

    public VethDevice(Namespaces.World world, string name, MacAddress address) : base(world, name, address) { }

    public VethDevice Peer { get; private set; } = null!;

    public override string? Kind => "veth";
    public override NetDevice? Link => Peer;

    /// <summary>
    /// veth_get_num_queues: one queue per possible CPU. The reference machine the output was
    /// measured on has two, so <c>ip -d link</c> shows numtxqueues 2.
    /// </summary>
    public override int TxQueues => 2;

    public static void Pair(VethDevice a, VethDevice b)
    {
        a.Peer = b;
        b.Peer = a;
    }

    /// <summary>veth_open: carrier comes on for both ends when the peer is up too.</summary>
    protected override void OnOpen()
    {
        if (Peer.IsUp)
        {
            SetCarrier(true);
            Peer.SetCarrier(true);
        }
    }

    /// <summary>veth_close: both ends lose carrier.</summary>
    protected override void OnStop()
    {
        SetCarrier(false);
        Peer.SetCarrier(false);
    }

    protected internal override void OnDelete() => Peer.World.DeleteDevice(Peer, deletingPeer: true);

    /// <summary>
    /// veth_xmit: the peer must be up (is_skb_forwardable), else the frame is dropped and counted.
    /// Crossing scrubs the packet (skb_scrub_packet): conntrack always, the mark across namespaces.
    /// </summary>
    protected override void StartXmit(Packet frame)
    {
        var peer = Peer;
        if (!peer.IsUp || frame.Length > peer.Mtu + 14 + 4)
        {
            Stats.TxDropped++;
            Drop(frame, DropReason.DevReady, $"peer {peer.Name} is down");
            return;
        }
        CountTransmitted(frame);
        frame.Conntrack = null;
        frame.ConntrackInfo = 0;
        if (peer.Namespace != Namespace) frame.Mark = 0;
        frame.PhysicalInputInterface = 0;
        frame.NfBridge = false;
        peer.NetifRxFromPeer(frame);
    }

    private void NetifRxFromPeer(Packet frame) => NetifRx(frame, CrossingDelay);
}
