using Simulator.Netfilter.Tables;

namespace Simulator.Netfilter.Targets;

/// <summary>
/// <c>-j MASQUERADE [--to-ports p[-q]] [--random]</c>: SNAT to the output device's address,
/// nat POSTROUTING only (net/netfilter/xt_MASQUERADE.c). The range carries no addresses.
/// </summary>
public sealed record MasqueradeTarget(NatRange Range) : ITarget
{
    public static MasqueradeTarget Default { get; } = new(default(NatRange));

    public string Name => "MASQUERADE";
    public bool NeedsConntrack => true;
    public TableKind? RequiredTable => TableKind.Nat;
    public HookMask ValidHooks => HookMask.PostRouting;

    public Verdict Evaluate(ref PacketContext packet) => Verdict.Translate(new NatSpec(NatKind.Masquerade, Range));
}
