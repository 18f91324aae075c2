using Simulator.Netfilter.Tables;

namespace Simulator.Netfilter.Targets;

/// <summary>
/// <c>-j REDIRECT [--to-ports p[-q]] [--random]</c>: DNAT to the receiving device's address (to
/// 127.0.0.1 for locally generated packets), nat PREROUTING/OUTPUT (net/netfilter/xt_REDIRECT.c).
/// </summary>
public sealed record RedirectTarget(NatRange Range) : ITarget
{
    public string Name => "REDIRECT";
    public bool NeedsConntrack => true;
    public TableKind? RequiredTable => TableKind.Nat;
    public HookMask ValidHooks => HookMask.PreRouting | HookMask.LocalOut;

    public Verdict Evaluate(ref PacketContext packet) => Verdict.Translate(new NatSpec(NatKind.Redirect, Range));
}
