using Simulator.Core.Packets;
using Simulator.Core.Wire;
using Simulator.Devices.Links;

namespace Simulator.Devices.Tests.Support;

/// <summary>Counts the frames a device sends and receives, by kind, the way a capture would.</summary>
internal sealed class FrameCounter : IPacketTap
{
    public int EchoRequestsOut, EchoRepliesIn, EchoRequestsIn, EchoRepliesOut, ArpOut, ArpIn, ArpRequestsOut;

    public void Observe(NetDevice device, Packet frame, TapDirection direction)
    {
        var data = frame.Data;
        EthernetRepr.TryParse(data, out var ethernet);
        bool outgoing = direction == TapDirection.Outgoing;
        if (ethernet.EtherType == EtherType.Arp)
        {
            if (outgoing) ArpOut++; else ArpIn++;
            if (outgoing && ArpRepr.TryParse(data[EthernetFrame.MinHeaderLength..], out var arp) == Core.Tracing.DropReason.None &&
                arp.Operation == ArpOperation.Request) ArpRequestsOut++;
            return;
        }
        if (ethernet.EtherType != EtherType.Ipv4) return;
        var ipBytes = data[EthernetFrame.MinHeaderLength..];
        if (Ipv4Repr.TryParse(ipBytes, ChecksumMode.Verify, out var ip) != Core.Tracing.DropReason.None) return;
        if (ip.Protocol != IpProtocol.Icmp) return;
        IcmpRepr.TryParse(ipBytes[ip.HeaderLength..ip.BufferLength], ChecksumMode.Verify, out var icmp);
        switch (icmp.Type, outgoing)
        {
            case (IcmpType.EchoRequest, true): EchoRequestsOut++; break;
            case (IcmpType.EchoRequest, false): EchoRequestsIn++; break;
            case (IcmpType.EchoReply, true): EchoRepliesOut++; break;
            case (IcmpType.EchoReply, false): EchoRepliesIn++; break;
        }
    }
}
