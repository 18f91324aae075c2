using Simulator.Core.Addressing;

namespace Simulator.Netfilter;

/// <summary>
/// Everything the matches look at when a packet traverses a chain, taken from the packet and its
/// metadata by the stack before it calls netfilter (as the kernel's <c>struct xt_action_param</c>
/// plus the skb fields the matches read). Targets may change <see cref="Mark"/>,
/// <see cref="ConnMark"/> and <see cref="Conntrack"/> (MARK, CONNMARK, CT --notrack); the caller
/// copies those back to the packet and its connection after the traversal.
/// </summary>
public struct PacketContext
{
    /// <summary>The hook being traversed.</summary>
    public NetfilterHook Hook { get; set; }

    /// <summary>Input device name (<c>-i</c>); null where there is none (OUTPUT, locally generated).</summary>
    public string? InDevice { get; set; }

    /// <summary>Output device name (<c>-o</c>); null before routing (PREROUTING, INPUT).</summary>
    public string? OutDevice { get; set; }

    /// <summary>
    /// True when the packet carries bridge-netfilter information: it entered through a bridge port
    /// and is being seen by iptables because of <c>bridge-nf-call-iptables</c>
    /// (the kernel's <c>nf_bridge_info_exists(skb)</c>).
    /// </summary>
    public bool IsBridged { get; set; }

    /// <summary>The bridge port the frame came in on (<c>--physdev-in</c>), when <see cref="IsBridged"/>.</summary>
    public string? PhysInDevice { get; set; }

    /// <summary>
    /// The bridge port the frame leaves by (<c>--physdev-out</c>); set only when the bridge forwards
    /// it, which is what <c>--physdev-is-bridged</c> tests.
    /// </summary>
    public string? PhysOutDevice { get; set; }

    /// <summary>Source MAC of the Ethernet header; <c>default</c> when the packet has none (<c>-m mac</c>).</summary>
    public MacAddress SourceMac { get; set; }

    public Ipv4Address Source { get; set; }
    public Ipv4Address Destination { get; set; }

    /// <summary>IPv4 protocol number (6 TCP, 17 UDP, 1 ICMP, ...).</summary>
    public byte Protocol { get; set; }

    /// <summary>True for a non-first fragment (fragment offset ≠ 0): it has no transport header to match.</summary>
    public bool IsFragment { get; set; }

    public ushort SourcePort { get; set; }
    public ushort DestinationPort { get; set; }

    /// <summary>The TCP header's flag byte (FIN 0x01, SYN 0x02, RST 0x04, PSH 0x08, ACK 0x10, URG 0x20).</summary>
    public byte TcpFlags { get; set; }
    public byte IcmpType { get; set; }
    public byte IcmpCode { get; set; }

    /// <summary>Length of the IPv4 packet in bytes (skb->len), added to the byte counters.</summary>
    public uint Length { get; set; }

    /// <summary>The packet mark (skb->mark).</summary>
    public uint Mark { get; set; }

    /// <summary>The connection's state bits; <see cref="ConntrackStates.None"/> means no entry (INVALID).</summary>
    public ConntrackStates Conntrack { get; set; }

    /// <summary>The connection mark (ct->mark); meaningful only when the packet has a connection.</summary>
    public uint ConnMark { get; set; }

    /// <summary>True when the packet belongs to a tracked connection (CONNMARK acts only then).</summary>
    public readonly bool HasConnection =>
        Conntrack != ConntrackStates.None && (Conntrack & (ConntrackStates.Invalid | ConntrackStates.Untracked)) == 0;
}
