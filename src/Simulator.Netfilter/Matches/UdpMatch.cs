namespace Simulator.Netfilter.Matches;

/// <summary><c>-p udp [!] --sport a[:b] [!] --dport a[:b]</c> (net/netfilter/xt_tcpudp.c udp_mt).</summary>
public sealed record UdpMatch(PortRange SourcePorts, bool InvertSource, PortRange DestinationPorts, bool InvertDestination)
    : IMatch
{
    public const byte ProtocolNumber = 17;

    public static UdpMatch Default { get; } = new(PortRange.All, false, PortRange.All, false);

    public string Name => "udp";
    public byte RequiredProtocol => ProtocolNumber;

    public bool Matches(in PacketContext packet)
    {
        if (packet.IsFragment || packet.Protocol != ProtocolNumber) return false;
        return SourcePorts.Contains(packet.SourcePort) != InvertSource
            && DestinationPorts.Contains(packet.DestinationPort) != InvertDestination;
    }
}
