namespace Simulator.Core.Wire;

/// <summary>The ARP opcode (RFC 826; IANA "ARP Parameters"). Only request and reply are modelled.</summary>
public enum ArpOperation : ushort
{
    Request = 1,
    Reply = 2,
}
