using System.Collections.Immutable;

namespace Simulator.Netfilter.Matches;

/// <summary>Which port a multiport match tests.</summary>
public enum MultiportDirection
{
    Source,
    Destination,
    Either,
}

/// <summary>
/// <c>-m multiport [!] --sports|--dports|--ports p[,p:q]...</c>, revision 1
/// (net/netfilter/xt_multiport.c): up to 15 entries, a range taking two.
/// </summary>
public sealed record MultiportMatch(MultiportDirection Direction, ImmutableArray<PortRange> Ports, bool Invert) : IMatch
{
    /// <summary>XT_MULTI_PORTS: the number of port slots; a range uses two.</summary>
    public const int MaxSlots = 15;

    public string Name => "multiport";

    public static int SlotsUsed(IEnumerable<PortRange> ports) => ports.Sum(p => p.IsSingle ? 1 : 2);

    public bool Matches(in PacketContext packet)
    {
        if (packet.IsFragment || !CarriesPorts(packet.Protocol)) return false;
        foreach (var range in Ports)
        {
            bool hit = Direction switch
            {
                MultiportDirection.Source => range.Contains(packet.SourcePort),
                MultiportDirection.Destination => range.Contains(packet.DestinationPort),
                _ => range.Contains(packet.SourcePort) || range.Contains(packet.DestinationPort),
            };
            if (hit) return !Invert;
        }
        return Invert;
    }

    /// <summary>multiport_mt_check: a port-carrying protocol, selected without '!'.</summary>
    public EntryCheck CheckEntry(in RuleCheckContext context) =>
        CarriesPorts(context.Ip.Protocol) && !context.Ip.IsInverted(IpInversions.Protocol) && SlotsUsed(Ports) <= MaxSlots
            ? EntryCheck.Pass
            : EntryCheck.Fail(null);

    /// <summary>TCP, UDP, UDP-Lite, SCTP and DCCP have ports where multiport reads them.</summary>
    public static bool CarriesPorts(byte protocol) => protocol is 6 or 17 or 136 or 132 or 33;

    public bool Equals(MultiportMatch? other) =>
        other is not null && Direction == other.Direction && Invert == other.Invert && Ports.SequenceEqual(other.Ports);

    public override int GetHashCode() => HashCode.Combine(Direction, Invert, Ports.Length);
}
