namespace Simulator.Netfilter.Matches;

/// <summary>
/// <c>-p tcp [!] --sport a[:b] [!] --dport a[:b] [[!] --tcp-flags MASK COMP | [!] --syn]</c>
/// (net/netfilter/xt_tcpudp.c tcp_mt). TCP options are not modelled.
/// </summary>
/// <remarks>
/// iptables-nft compiles port and flag tests to native nf_tables expressions that read the
/// transport header without looking at the protocol, and the kernel does not check them
/// against <c>-p</c>: so <c>! -p tcp --dport 22</c> loads and matches a UDP packet to port 22.
/// Only a bare <c>-m tcp</c> stays an xtables match, which the kernel refuses without
/// <c>-p tcp</c> (<see cref="RequiredProtocol"/>).
/// </remarks>
public sealed record TcpMatch(PortRange SourcePorts, bool InvertSource, PortRange DestinationPorts, bool InvertDestination)
    : IMatch
{
    public const byte ProtocolNumber = 6;

    /// <summary>FIN|SYN|RST|ACK, the flags <c>--syn</c> looks at (of which only SYN must be set).</summary>
    public const byte SynMask = 0x17;

    public const byte Syn = 0x02;

    public static TcpMatch Default { get; } = new(PortRange.All, false, PortRange.All, false);

    /// <summary>The flags tested; 0 when the rule has no flag test.</summary>
    public byte FlagMask { get; init; }

    /// <summary>Which of <see cref="FlagMask"/> must be set.</summary>
    public byte FlagCompare { get; init; }

    public bool InvertFlags { get; init; }

    public string Name => "tcp";

    /// <summary>True when the match tests something (ports or flags).</summary>
    public bool HasTests => !SourcePorts.IsAll || InvertSource || !DestinationPorts.IsAll || InvertDestination
                            || FlagMask != 0 || InvertFlags;

    public byte RequiredProtocol => HasTests ? (byte)0 : ProtocolNumber;

    public bool Matches(in PacketContext packet)
    {
        // A non-first fragment carries no transport header.
        if (packet.IsFragment || !MultiportMatch.CarriesPorts(packet.Protocol)) return false;
        return SourcePorts.Contains(packet.SourcePort) != InvertSource
            && DestinationPorts.Contains(packet.DestinationPort) != InvertDestination
            && ((packet.TcpFlags & FlagMask) == FlagCompare) != InvertFlags;
    }
}
