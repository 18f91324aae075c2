using Simulator.Netfilter.Matches;
using Simulator.Netfilter.Tables;

namespace Simulator.Netfilter.Targets;

/// <summary>
/// <c>-j REJECT [--reject-with TYPE]</c>: drop and answer (net/ipv4/netfilter/ipt_REJECT.c).
/// Filter table only, INPUT/FORWARD/OUTPUT only; a TCP reset needs <c>-p tcp</c>.
/// </summary>
public sealed record RejectTarget(RejectWith With) : ITarget
{
    public static RejectTarget Default { get; } = new(RejectWith.IcmpPortUnreachable);

    public string Name => "REJECT";
    public TableKind? RequiredTable => TableKind.Filter;
    public HookMask ValidHooks => HookMask.LocalIn | HookMask.Forward | HookMask.LocalOut;

    public Verdict Evaluate(ref PacketContext packet) => Verdict.Reject(With);

    public EntryCheck CheckEntry(in RuleCheckContext context)
    {
        if (With == RejectWith.TcpReset
            && (context.Ip.Protocol != TcpMatch.ProtocolNumber || context.Ip.IsInverted(IpInversions.Protocol)))
        {
            return EntryCheck.Fail("ipt_REJECT: TCP_RESET invalid for non-tcp");
        }
        return EntryCheck.Pass;
    }
}
