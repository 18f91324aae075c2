namespace Simulator.Core.Wire;

/// <summary>
/// The EtherType of an Ethernet II frame (IEEE 802.3 clause 3.2.6; the registry of IEEE RA). Values
/// below 0x0600 are not types but an 802.3 length, as in the LLC frames of STP.
/// </summary>
public enum EtherType : ushort
{
    Ipv4 = 0x0800,
    Arp = 0x0806,
    /// <summary>An IEEE 802.1Q tag (C-VLAN) follows; its TPID.</summary>
    Vlan = 0x8100,
    Ipv6 = 0x86DD,
    /// <summary>An IEEE 802.1ad service tag (S-VLAN, "QinQ").</summary>
    ServiceVlan = 0x88A8,
}
