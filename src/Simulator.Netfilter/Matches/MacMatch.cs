using Simulator.Core.Addressing;

namespace Simulator.Netfilter.Matches;

/// <summary>
/// <c>-m mac [!] --mac-source XX:XX:XX:XX:XX:XX</c> (net/netfilter/xt_mac.c). A packet without an
/// Ethernet header never matches, negated or not.
/// </summary>
public sealed record MacMatch(MacAddress Source, bool Invert) : IMatch
{
    public string Name => "mac";

    /// <summary>Only where a received frame's header is still there.</summary>
    public HookMask ValidHooks => HookMask.PreRouting | HookMask.LocalIn | HookMask.Forward;

    public bool Matches(in PacketContext packet)
    {
        if (!packet.SourceMac.IsValid) return false;
        return (packet.SourceMac == Source) != Invert;
    }
}
