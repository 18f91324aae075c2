namespace Simulator.Netfilter.Targets;

/// <summary>What a CONNMARK rule does with the connection mark.</summary>
public enum ConnmarkMode
{
    /// <summary>ctmark = (ctmark &amp; ~CtMask) ^ Value.</summary>
    Set,
    /// <summary>ctmark = (ctmark &amp; ~CtMask) ^ (mark &amp; NfMask).</summary>
    Save,
    /// <summary>mark = (mark &amp; ~NfMask) ^ (ctmark &amp; CtMask).</summary>
    Restore,
}

/// <summary>
/// <c>-j CONNMARK --set-xmark|--save-mark|--restore-mark</c>, revision 1
/// (net/netfilter/xt_connmark.c connmark_tg_shift without shifts). Does nothing to a packet
/// without a connection.
/// </summary>
public sealed record ConnmarkTarget(ConnmarkMode Mode, uint Value, uint CtMask, uint NfMask) : ITarget
{
    public string Name => "CONNMARK";
    public bool NeedsConntrack => true;

    public Verdict Evaluate(ref PacketContext packet)
    {
        if (!packet.HasConnection) return Verdict.Continue;
        switch (Mode)
        {
            case ConnmarkMode.Set:
                packet.ConnMark = (packet.ConnMark & ~CtMask) ^ Value;
                break;
            case ConnmarkMode.Save:
                packet.ConnMark = (packet.ConnMark & ~CtMask) ^ (packet.Mark & NfMask);
                break;
            case ConnmarkMode.Restore:
                packet.Mark = (packet.Mark & ~NfMask) ^ (packet.ConnMark & CtMask);
                break;
        }
        return Verdict.Continue;
    }
}
