namespace Simulator.Netfilter.Matches;

/// <summary>
/// <c>-p udp [!] --sport a[:b] [!] --dport a[:b]</c> (net/netfilter/xt_tcpudp.c udp_mt). As with
/// <see cref="TcpMatch"/>, port tests read the transport header whatever the protocol, and only a
/// bare <c>-m udp</c> needs <c>-p udp</c>.
/// </summary>
public sealed record UdpMatch(PortRange SourcePorts, bool InvertSource, PortRange DestinationPorts, bool InvertDestination)
    : IMatch
{
    public const byte ProtocolNumber = 17;

    public static UdpMatch Default { get; } = new(PortRange.All, false, PortRange.All, false);

    public string Name => "udp";

    public bool HasTests => !SourcePorts.IsAll || InvertSource || !DestinationPorts.IsAll || InvertDestination;

    public byte RequiredProtocol => HasTests ? (byte)0 : ProtocolNumber;

    public bool Matches(in PacketContext packet)
    {
        if (packet.IsFragment || !MultiportMatch.CarriesPorts(packet.Protocol)) return false;
        return SourcePorts.Contains(packet.SourcePort) != InvertSource
            && DestinationPorts.Contains(packet.DestinationPort) != InvertDestination;
    }
}
