namespace Simulator.Netfilter;

/// <summary>
/// Connection-tracking state bits as the conntrack and state matches test them
/// (<c>XT_CONNTRACK_STATE_BIT(ctinfo)</c> = 1 &lt;&lt; (ctinfo % IP_CT_IS_REPLY + 1), INVALID = 1,
/// UNTRACKED = 1 &lt;&lt; (IP_CT_NUMBER + 1), then SNAT and DNAT; include/uapi/linux/netfilter/xt_conntrack.h).
/// A packet carries exactly one of Invalid/Established/Related/New/Untracked, plus Snat and/or
/// Dnat when its connection has been source- or destination-translated.
/// </summary>
[Flags]
public enum ConntrackStates
{
    /// <summary>No state known: the matches treat it as <see cref="Invalid"/> (no conntrack entry).</summary>
    None = 0,
    Invalid = 1 << 0,
    Established = 1 << 1,
    Related = 1 << 2,
    New = 1 << 3,
    Untracked = 1 << 6,
    Snat = 1 << 7,
    Dnat = 1 << 8,
}
