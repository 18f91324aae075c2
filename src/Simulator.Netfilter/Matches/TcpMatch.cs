namespace Simulator.Netfilter.Matches;

/// <summary>
/// <c>-p tcp [!] --sport a[:b] [!] --dport a[:b]</c> (net/netfilter/xt_tcpudp.c tcp_mt). Only
/// the port tests; TCP flag and option tests are not modelled.
/// </summary>
public sealed record TcpMatch(PortRange SourcePorts, bool InvertSource, PortRange DestinationPorts, bool InvertDestination)
    : IMatch
{
    public const byte ProtocolNumber = 6;

    public static TcpMatch Default { get; } = new(PortRange.All, false, PortRange.All, false);

    public string Name => "tcp";
    public byte RequiredProtocol => ProtocolNumber;

    public bool Matches(in PacketContext packet)
    {
        // A non-first fragment carries no TCP header: tcp_mt does not match it.
        if (packet.IsFragment || packet.Protocol != ProtocolNumber) return false;
        return SourcePorts.Contains(packet.SourcePort) != InvertSource
            && DestinationPorts.Contains(packet.DestinationPort) != InvertDestination;
    }
}
