namespace Simulator.Netfilter.Matches;

/// <summary><c>-m mark [!] --mark value[/mask]</c>: (mark &amp; mask) == value (net/netfilter/xt_mark.c).</summary>
public sealed record MarkMatch(uint Mark, uint Mask, bool Invert) : IMatch
{
    public string Name => "mark";

    public bool Matches(in PacketContext packet) => ((packet.Mark & Mask) == Mark) != Invert;
}
