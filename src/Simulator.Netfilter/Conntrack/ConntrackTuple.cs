using Simulator.Core.Addressing;

namespace Simulator.Netfilter.Conntrack;

/// <summary>
/// What identifies one direction of a connection (<c>struct nf_conntrack_tuple</c>): addresses,
/// protocol and the protocol's "ports". As in the kernel's union, ICMP keeps its identifier in
/// the source part and type and code in the destination part (<see cref="IcmpType"/>,
/// <see cref="IcmpCode"/>); a protocol without ports (generic) leaves both zero.
/// </summary>
public readonly record struct ConntrackTuple(
    Ipv4Address Source, Ipv4Address Destination, byte Protocol, ushort SourcePort, ushort DestinationPort)
{
    public const byte Icmp = 1, Tcp = 6, Udp = 17;

    public static ConntrackTuple ForIcmp(Ipv4Address source, Ipv4Address destination, byte type, byte code, ushort id) =>
        new(source, destination, Icmp, id, (ushort)(type << 8 | code));

    /// <summary>The ICMP identifier (<c>src.u.icmp.id</c>).</summary>
    public ushort IcmpId => SourcePort;
    public byte IcmpType => (byte)(DestinationPort >> 8);
    public byte IcmpCode => (byte)DestinationPort;

    public bool HasPorts => Protocol is Tcp or Udp;

    /// <summary>
    /// The tuple of the other direction (<c>nf_ct_invert_tuple</c>). An ICMP message has an
    /// inverse only if it is a query or its answer (echo ⇄ echo reply, timestamp, information,
    /// address mask: <c>nf_conntrack_invert_icmp_tuple</c>'s invmap); false otherwise.
    /// </summary>
    public bool TryInvert(out ConntrackTuple inverse)
    {
        if (Protocol == Icmp)
        {
            int answer = InverseIcmpType(IcmpType);
            inverse = answer < 0 ? default : ForIcmp(Destination, Source, (byte)answer, IcmpCode, IcmpId);
            return answer >= 0;
        }
        inverse = new ConntrackTuple(Destination, Source, Protocol, DestinationPort, SourcePort);
        return true;
    }

    /// <summary><see cref="TryInvert"/> for a tuple known to have an inverse (one taken from a connection).</summary>
    public ConntrackTuple Invert() =>
        TryInvert(out var inverse) ? inverse : throw new InvalidOperationException($"ICMP type {IcmpType} has no inverse");

    /// <summary>invmap: the answer to a query type and the query of an answer type; -1 for the rest.</summary>
    public static int InverseIcmpType(byte type) => type switch
    {
        8 => 0,
        0 => 8,
        13 => 14,
        14 => 13,
        15 => 16,
        16 => 15,
        17 => 18,
        18 => 17,
        _ => -1,
    };

    public override int GetHashCode() =>
        HashCode.Combine(Source.Value, Destination.Value, (uint)Protocol << 16 ^ SourcePort, DestinationPort);

    public bool Equals(ConntrackTuple other) =>
        Source.Value == other.Source.Value && Destination.Value == other.Destination.Value && Protocol == other.Protocol
        && SourcePort == other.SourcePort && DestinationPort == other.DestinationPort;

    public override string ToString() => Protocol switch
    {
        Icmp => $"src={Source} dst={Destination} type={IcmpType} code={IcmpCode} id={IcmpId}",
        Tcp or Udp => $"src={Source} dst={Destination} sport={SourcePort} dport={DestinationPort}",
        _ => $"src={Source} dst={Destination}",
    };
}
