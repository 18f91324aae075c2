namespace Simulator.Netfilter.Targets;

/// <summary><c>-j CHAIN</c> or <c>-g CHAIN</c>: continue in a user-defined chain of the same table.</summary>
public sealed record JumpTarget(string Chain, bool IsGoto) : ITarget
{
    public string Name => Chain;

    public Verdict Evaluate(ref PacketContext packet) => IsGoto ? Verdict.Goto(Chain) : Verdict.Jump(Chain);
}
