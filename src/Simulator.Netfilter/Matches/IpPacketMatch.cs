using Simulator.Core.Addressing;

namespace Simulator.Netfilter.Matches;

/// <summary>Which parts of an <see cref="IpPacketMatch"/> are negated with '!' (<c>IPT_INV_*</c>).</summary>
[Flags]
public enum IpInversions
{
    None = 0,
    InInterface = 0x01,
    OutInterface = 0x02,
    Source = 0x08,
    Destination = 0x10,
    Fragment = 0x20,
    Protocol = 0x40,
}

/// <summary>
/// The part of every rule that tests the IPv4 header and the devices: <c>-s</c>, <c>-d</c>,
/// <c>-i</c>, <c>-o</c>, <c>-p</c>, <c>-f</c> (the kernel's <c>struct ipt_ip</c>, tested by
/// <c>ip_packet_match</c> before any match extension). Addresses are kept with host bits cleared
/// and with their mask as written: iptables accepts non-contiguous masks such as 255.0.255.0.
/// </summary>
public sealed record IpPacketMatch
{
    public static IpPacketMatch Any { get; } = new();

    public Ipv4Address Source { get; init; } = Ipv4Address.Any;
    public Ipv4Address SourceMask { get; init; } = Ipv4Address.Any;
    public Ipv4Address Destination { get; init; } = Ipv4Address.Any;
    public Ipv4Address DestinationMask { get; init; } = Ipv4Address.Any;
    public InterfacePattern InInterface { get; init; }
    public InterfacePattern OutInterface { get; init; }

    /// <summary>Protocol number; 0 means any ("all").</summary>
    public byte Protocol { get; init; }

    /// <summary><c>-f</c>: only second and further fragments.</summary>
    public bool FragmentsOnly { get; init; }

    public IpInversions Inversions { get; init; }

    /// <summary>
    /// A copy with source set to <paramref name="address"/> under <paramref name="mask"/>; host bits
    /// are cleared as iptables does (-s 192.168.1.1/24 is stored as 192.168.1.0/24).
    /// </summary>
    public IpPacketMatch WithSource(Ipv4Address address, Ipv4Address mask) =>
        this with { Source = new Ipv4Address(address.Value & mask.Value), SourceMask = mask };

    public IpPacketMatch WithDestination(Ipv4Address address, Ipv4Address mask) =>
        this with { Destination = new Ipv4Address(address.Value & mask.Value), DestinationMask = mask };

    public bool IsInverted(IpInversions part) => (Inversions & part) != 0;

    /// <summary>The test of <c>ip_packet_match</c> (net/ipv4/netfilter/ip_tables.c).</summary>
    public bool Matches(in PacketContext packet)
    {
        if (((packet.Source.Value & SourceMask.Value) != Source.Value) ^ IsInverted(IpInversions.Source))
            return false;
        if (((packet.Destination.Value & DestinationMask.Value) != Destination.Value) ^ IsInverted(IpInversions.Destination))
            return false;
        if (!InInterface.Matches(packet.InDevice) ^ IsInverted(IpInversions.InInterface))
            return false;
        if (!OutInterface.Matches(packet.OutDevice) ^ IsInverted(IpInversions.OutInterface))
            return false;
        if (Protocol != 0 && ((packet.Protocol != Protocol) ^ IsInverted(IpInversions.Protocol)))
            return false;
        if (FragmentsOnly && (!packet.IsFragment ^ IsInverted(IpInversions.Fragment)))
            return false;
        return true;
    }
}
