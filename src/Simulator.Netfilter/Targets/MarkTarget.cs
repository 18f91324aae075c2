namespace Simulator.Netfilter.Targets;

/// <summary>
/// <c>-j MARK --set-xmark value/mask</c> (and its spellings --set-mark, --and-mark, --or-mark,
/// --xor-mark): mark = (mark &amp; ~mask) ^ value (net/netfilter/xt_mark.c mark_tg).
/// </summary>
public sealed record MarkTarget(uint Value, uint Mask) : ITarget
{
    public string Name => "MARK";

    public Verdict Evaluate(ref PacketContext packet)
    {
        packet.Mark = (packet.Mark & ~Mask) ^ Value;
        return Verdict.Continue;
    }
}
