namespace Simulator.Core.Wire;

/// <summary>The IPv4 Protocol field (IANA "Assigned Internet Protocol Numbers").</summary>
public enum IpProtocol : byte
{
    Icmp = 1,
    Igmp = 2,
    Tcp = 6,
    Udp = 17,
    Gre = 47,
    Esp = 50,
    Sctp = 132,
}
