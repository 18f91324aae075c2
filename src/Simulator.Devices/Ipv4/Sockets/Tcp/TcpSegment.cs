using Simulator.Core.Addressing;
using Simulator.Core.Wire;

namespace Simulator.Devices.Ipv4.Sockets.Tcp;

/// <summary>
/// A received segment as the state machine reads it (the kernel's TCP_SKB_CB): addresses, the
/// header, its options and its payload, with the sequence space it occupies.
/// </summary>
internal sealed class TcpSegment
{
    public TcpSegment(Ipv4Address source, Ipv4Address destination, TcpRepr header, TcpOptions options, byte[] payload)
    {
        Source = source;
        Destination = destination;
        Header = header;
        Options = options;
        Payload = payload;
    }

    public Ipv4Address Source { get; }
    public Ipv4Address Destination { get; }
    public TcpRepr Header { get; }
    public TcpOptions Options { get; }
    public byte[] Payload { get; }

    public uint Seq => Header.SequenceNumber;
    public uint AckSeq => Header.AcknowledgmentNumber;
    public bool Syn => (Header.Flags & TcpFlags.Syn) != 0;
    public bool Ack => (Header.Flags & TcpFlags.Ack) != 0;
    public bool Rst => (Header.Flags & TcpFlags.Rst) != 0;
    public bool Fin => (Header.Flags & TcpFlags.Fin) != 0;

    /// <summary>end_seq: the sequence number after the segment, SYN and FIN counting one each.</summary>
    public uint EndSeq => Seq + (uint)Payload.Length + (Syn ? 1u : 0u) + (Fin ? 1u : 0u);

    /// <summary>The connection this segment belongs to, seen from the receiver.</summary>
    public TcpTuple Tuple => new(Destination, Header.DestinationPort, Source, Header.SourcePort);
}

/// <summary>A connection's addresses and ports, local side first (the key of the kernel's ehash).</summary>
public readonly record struct TcpTuple(Ipv4Address LocalAddress, ushort LocalPort, Ipv4Address RemoteAddress, ushort RemotePort)
{
    public override string ToString() => $"{LocalAddress}:{LocalPort} {RemoteAddress}:{RemotePort}";
}
