namespace Simulator.Core.Packets;

/// <summary>Who a received frame was addressed to, as the kernel's <c>skb->pkt_type</c>.</summary>
public enum PacketType : byte
{
    /// <summary>Addressed to this device's own MAC.</summary>
    Host,
    Broadcast,
    Multicast,
    /// <summary>Addressed to some other station's MAC (seen only in promiscuous mode or by a bridge).</summary>
    OtherHost,
    /// <summary>Sent by this host (a copy seen by a capture on output).</summary>
    Outgoing,
}
