using Simulator.Netfilter.Tables;

namespace Simulator.Netfilter.Targets;

/// <summary>
/// <c>-j CT [--notrack]</c> and its older spelling <c>-j NOTRACK</c>: attach a conntrack template
/// to the packet before connection tracking sees it; with --notrack, the "untracked" one, so the
/// packet is never tracked (net/netfilter/xt_CT.c). Raw table only.
/// </summary>
public sealed record CtTarget(bool NoTrack, bool WrittenAsNotrack) : ITarget
{
    public static CtTarget Notrack { get; } = new(true, true);

    public string Name => "CT";
    public bool NeedsConntrack => true;
    public TableKind? RequiredTable => TableKind.Raw;

    public Verdict Evaluate(ref PacketContext packet)
    {
        if (NoTrack) packet.Conntrack = ConntrackStates.Untracked;
        return Verdict.Continue;
    }
}
