using Simulator.Core.Addressing;
using Simulator.Core.Packets;
using Simulator.Core.Tracing;
using Simulator.Core.Wire;
using Simulator.Devices.Links;

namespace Simulator.Devices.Tests.Tcp;

/// <summary>One TCP segment seen on a device, decoded as tcpdump would show it.</summary>
internal sealed record SeenSegment(
    long Time,
    Ipv4Address Source,
    ushort SourcePort,
    Ipv4Address Destination,
    ushort DestinationPort,
    TcpFlags Flags,
    uint Seq,
    uint Ack,
    ushort Window,
    byte[] Options,
    int Length,
    ushort IpId,
    bool DontFragment)
{
    /// <summary>tcpdump's flag letters: S, F, P, R, then '.' for ACK.</summary>
    public string FlagText
    {
        get
        {
            var text = "";
            if ((Flags & TcpFlags.Syn) != 0) text += "S";
            if ((Flags & TcpFlags.Fin) != 0) text += "F";
            if ((Flags & TcpFlags.Psh) != 0) text += "P";
            if ((Flags & TcpFlags.Rst) != 0) text += "R";
            if ((Flags & TcpFlags.Ack) != 0) text += ".";
            return text;
        }
    }

    public bool Is(TcpFlags flags) => (Flags & flags) == flags;
}

/// <summary>A packet socket on a device: every TCP segment in both directions, and the raw frames for a capture.</summary>
internal sealed class SegmentRecorder : IPacketTap
{
    public List<SeenSegment> Segments { get; } = [];
    public List<(long Time, byte[] Frame)> Frames { get; } = [];

    public void Observe(NetDevice device, Packet frame, TapDirection direction)
    {
        var data = frame.Data;
        long now = device.World.Simulation.Now;
        Frames.Add((now, data.ToArray()));
        if (EthernetRepr.TryParse(data, out var ethernet) != DropReason.None || ethernet.EtherType != EtherType.Ipv4) return;
        var ipBytes = data[EthernetFrame.MinHeaderLength..];
        if (Ipv4Repr.TryParse(ipBytes, ChecksumMode.Verify, out var ip) != DropReason.None || ip.Protocol != IpProtocol.Tcp) return;
        var tcpBytes = ipBytes[ip.HeaderLength..ip.BufferLength];
        Assert.That(TcpRepr.TryParse(tcpBytes, ip.Source, ip.Destination, ChecksumMode.Verify, out var tcp), Is.EqualTo(DropReason.None),
            "every segment on the wire has a good checksum");
        Segments.Add(new SeenSegment(now, ip.Source, tcp.SourcePort, ip.Destination, tcp.DestinationPort, tcp.Flags,
            tcp.SequenceNumber, tcp.AcknowledgmentNumber, tcp.WindowSize, tcpBytes[TcpPacket.MinHeaderLength..tcp.HeaderLength].ToArray(),
            tcp.PayloadLength, ip.Identification, ip.DontFragment));
    }
}
