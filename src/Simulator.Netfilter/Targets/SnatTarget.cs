using Simulator.Netfilter.Tables;

namespace Simulator.Netfilter.Targets;

/// <summary><c>-j SNAT --to-source a[-b][:p[-q]] [--random] [--persistent]</c>: nat INPUT/POSTROUTING.</summary>
public sealed record SnatTarget(NatRange Range) : ITarget
{
    public string Name => "SNAT";
    public bool NeedsConntrack => true;
    public TableKind? RequiredTable => TableKind.Nat;
    public HookMask ValidHooks => HookMask.LocalIn | HookMask.PostRouting;

    public Verdict Evaluate(ref PacketContext packet) => Verdict.Translate(new NatSpec(NatKind.Snat, Range));
}
