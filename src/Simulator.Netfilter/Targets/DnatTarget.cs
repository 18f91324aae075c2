using Simulator.Netfilter.Tables;

namespace Simulator.Netfilter.Targets;

/// <summary><c>-j DNAT --to-destination a[-b][:p[-q]] [--random] [--persistent]</c>: nat PREROUTING/OUTPUT.</summary>
public sealed record DnatTarget(NatRange Range) : ITarget
{
    public string Name => "DNAT";
    public bool NeedsConntrack => true;
    public TableKind? RequiredTable => TableKind.Nat;
    public HookMask ValidHooks => HookMask.PreRouting | HookMask.LocalOut;

    public Verdict Evaluate(ref PacketContext packet) => Verdict.Translate(new NatSpec(NatKind.Dnat, Range));
}
