namespace Simulator.Netfilter.Targets;

/// <summary>ACCEPT, DROP and RETURN: the verdicts every table knows (the kernel's standard target).</summary>
public sealed record StandardTarget : ITarget
{
    private StandardTarget(VerdictKind kind, string name)
    {
        Kind = kind;
        Name = name;
    }

    public static StandardTarget Accept { get; } = new(VerdictKind.Accept, "ACCEPT");
    public static StandardTarget Drop { get; } = new(VerdictKind.Drop, "DROP");
    public static StandardTarget Return { get; } = new(VerdictKind.Return, "RETURN");

    public VerdictKind Kind { get; }
    public string Name { get; }

    public static StandardTarget? FromName(string name) => name switch
    {
        "ACCEPT" => Accept,
        "DROP" => Drop,
        "RETURN" => Return,
        _ => null,
    };

    public Verdict Evaluate(ref PacketContext packet) => Kind switch
    {
        VerdictKind.Accept => Verdict.Accept,
        VerdictKind.Drop => Verdict.Drop,
        _ => Verdict.Return,
    };
}
