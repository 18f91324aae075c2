namespace Simulator.Netfilter.Conntrack;

/// <summary>A connection's status bits (<c>enum ip_conntrack_status</c>, IPS_*), as the kernel numbers them.</summary>
[Flags]
public enum ConntrackStatus : uint
{
    None = 0,
    Expected = 1 << 0,
    /// <summary>Packets have gone both ways: "[UNREPLIED]" is shown until this is set.</summary>
    SeenReply = 1 << 1,
    /// <summary>The connection is established enough not to be dropped early: "[ASSURED]".</summary>
    Assured = 1 << 2,
    /// <summary>In the table (the first packet got through its last hook).</summary>
    Confirmed = 1 << 3,
    /// <summary>The source of the original direction is translated.</summary>
    SrcNat = 1 << 4,
    /// <summary>The destination of the original direction is translated.</summary>
    DstNat = 1 << 5,
    NatMask = SrcNat | DstNat,
    SeqAdjust = 1 << 6,
    /// <summary>The source manipulation has been decided (a binding, possibly the null one).</summary>
    SrcNatDone = 1 << 7,
    /// <summary>The destination manipulation has been decided.</summary>
    DstNatDone = 1 << 8,
    NatDoneMask = SrcNatDone | DstNatDone,
    Dying = 1 << 9,
}
