using Simulator.Core.Addressing;

namespace Simulator.Netfilter.Targets;

/// <summary>Which translation a NAT target asks for.</summary>
public enum NatKind
{
    /// <summary>Rewrite the source to the given range (SNAT).</summary>
    Snat,
    /// <summary>Rewrite the destination to the given range (DNAT).</summary>
    Dnat,
    /// <summary>Rewrite the source to the output device's primary address (MASQUERADE).</summary>
    Masquerade,
    /// <summary>Rewrite the destination to the input device's primary address (REDIRECT).</summary>
    Redirect,
}

/// <summary>The flags of <c>struct nf_nat_range</c> (<c>NF_NAT_RANGE_*</c>).</summary>
[Flags]
public enum NatRangeFlags
{
    None = 0,
    /// <summary>The range names addresses (MinAddress..MaxAddress).</summary>
    MapIps = 1,
    /// <summary>The range names ports (MinPort..MaxPort).</summary>
    ProtoSpecified = 2,
    /// <summary>--random: pick the port by hash, not in sequence.</summary>
    ProtoRandom = 4,
    /// <summary>--persistent: a client keeps the same address across connections.</summary>
    Persistent = 8,
    /// <summary>--random-fully: fully random port choice.</summary>
    ProtoRandomFully = 16,
}

/// <summary>
/// An address and port range to translate to (<c>struct nf_nat_range</c>): 1.2.3.4-1.2.3.9:1000-2000.
/// Without <see cref="NatRangeFlags.MapIps"/> the address is left to the kind of NAT (masquerade,
/// redirect) or unchanged; without <see cref="NatRangeFlags.ProtoSpecified"/> the port is kept when possible.
/// </summary>
public readonly record struct NatRange(
    Ipv4Address MinAddress, Ipv4Address MaxAddress, ushort MinPort, ushort MaxPort, NatRangeFlags Flags)
{
    public bool HasAddresses => (Flags & NatRangeFlags.MapIps) != 0;
    public bool HasPorts => (Flags & NatRangeFlags.ProtoSpecified) != 0;

    public static NatRange ToAddress(Ipv4Address address) =>
        new(address, address, 0, 0, NatRangeFlags.MapIps);

    public override string ToString()
    {
        string addresses = HasAddresses ? (MinAddress == MaxAddress ? $"{MinAddress}" : $"{MinAddress}-{MaxAddress}") : "";
        string ports = HasPorts ? (MinPort == MaxPort ? $":{MinPort}" : $":{MinPort}-{MaxPort}") : "";
        return addresses + ports + (Flags & ~(NatRangeFlags.MapIps | NatRangeFlags.ProtoSpecified)) switch
        {
            NatRangeFlags.None => "",
            var extra => $" ({extra})",
        };
    }
}

/// <summary>The translation a NAT target hands to the stack's NAT core.</summary>
public readonly record struct NatSpec(NatKind Kind, NatRange Range)
{
    public override string ToString() => $"{Kind} {Range}";
}
