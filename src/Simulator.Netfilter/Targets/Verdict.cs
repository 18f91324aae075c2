namespace Simulator.Netfilter.Targets;

/// <summary>
/// A target's answer. Final verdicts (<see cref="IsFinal"/>) end the traversal of the hook;
/// the others steer it. Reject and Nat carry what the stack needs to act on them.
/// </summary>
public readonly record struct Verdict
{
    private Verdict(VerdictKind kind, string? chain = null, RejectWith rejectWith = default, NatSpec nat = default)
    {
        Kind = kind;
        Chain = chain;
        RejectWith = rejectWith;
        Nat = nat;
    }

    public VerdictKind Kind { get; }

    /// <summary>The user chain of a <see cref="VerdictKind.Jump"/> or <see cref="VerdictKind.Goto"/>.</summary>
    public string? Chain { get; }

    /// <summary>What a <see cref="VerdictKind.Reject"/> answers with.</summary>
    public RejectWith RejectWith { get; }

    /// <summary>The translation a <see cref="VerdictKind.Nat"/> verdict asks for.</summary>
    public NatSpec Nat { get; }

    public static Verdict Continue => new(VerdictKind.Continue);
    public static Verdict Accept => new(VerdictKind.Accept);
    public static Verdict Drop => new(VerdictKind.Drop);
    public static Verdict Return => new(VerdictKind.Return);
    public static Verdict Jump(string chain) => new(VerdictKind.Jump, chain);
    public static Verdict Goto(string chain) => new(VerdictKind.Goto, chain);
    public static Verdict Reject(RejectWith with) => new(VerdictKind.Reject, rejectWith: with);
    public static Verdict Translate(NatSpec nat) => new(VerdictKind.Nat, nat: nat);

    /// <summary>Accept, Drop, Reject and Nat decide the packet's fate at this hook.</summary>
    public bool IsFinal => Kind is VerdictKind.Accept or VerdictKind.Drop or VerdictKind.Reject or VerdictKind.Nat;

    public override string ToString() => Kind switch
    {
        VerdictKind.Jump or VerdictKind.Goto => $"{Kind} {Chain}",
        VerdictKind.Reject => $"Reject {RejectWith}",
        VerdictKind.Nat => $"Nat {Nat}",
        _ => Kind.ToString(),
    };
}
