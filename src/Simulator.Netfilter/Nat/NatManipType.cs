namespace Simulator.Netfilter.Nat;

/// <summary>Which end of a packet a NAT hook rewrites (<c>enum nf_nat_manip_type</c>).</summary>
public enum NatManipType
{
    /// <summary>The source: at POSTROUTING and INPUT (SNAT, MASQUERADE; un-DNAT of replies).</summary>
    Source,
    /// <summary>The destination: at PREROUTING and OUTPUT (DNAT, REDIRECT; un-SNAT of replies).</summary>
    Destination,
}

public static class NatManipTypes
{
    /// <summary>HOOK2MANIP.</summary>
    public static NatManipType ForHook(NetfilterHook hook) =>
        hook is NetfilterHook.PostRouting or NetfilterHook.LocalIn ? NatManipType.Source : NatManipType.Destination;
}
