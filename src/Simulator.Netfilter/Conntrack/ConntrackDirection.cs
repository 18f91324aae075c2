namespace Simulator.Netfilter.Conntrack;

/// <summary>Which of a connection's two tuples a packet matched (<c>enum ip_conntrack_dir</c>).</summary>
public enum ConntrackDirection
{
    Original = 0,
    Reply = 1,
}

/// <summary>
/// How a packet relates to its connection (<c>enum ip_conntrack_info</c>), numbered as the kernel
/// numbers it and stored in <c>Packet.ConntrackInfo</c>.
/// </summary>
public enum ConntrackInfo : byte
{
    /// <summary>Part of a connection that has seen packets both ways, original direction.</summary>
    Established = 0,
    /// <summary>An ICMP error (or expected connection) about a tracked connection, original direction.</summary>
    Related = 1,
    /// <summary>The original direction of a connection that has not seen a reply yet.</summary>
    New = 2,
    /// <summary>The reply direction (IP_CT_ESTABLISHED + IP_CT_IS_REPLY).</summary>
    EstablishedReply = 3,
    /// <summary>An ICMP error about a tracked connection, reply direction.</summary>
    RelatedReply = 4,
    /// <summary>CT --notrack: never tracked (IP_CT_UNTRACKED).</summary>
    Untracked = 7,
}

public static class ConntrackInfoExtensions
{
    public static ConntrackDirection Direction(this ConntrackInfo info) =>
        info is ConntrackInfo.EstablishedReply or ConntrackInfo.RelatedReply ? ConntrackDirection.Reply : ConntrackDirection.Original;

    public static bool IsRelated(this ConntrackInfo info) => info is ConntrackInfo.Related or ConntrackInfo.RelatedReply;

    /// <summary>The bit the state and conntrack matches test (XT_STATE_BIT(ctinfo)).</summary>
    public static ConntrackStates StateBit(this ConntrackInfo info) => info switch
    {
        ConntrackInfo.New => ConntrackStates.New,
        ConntrackInfo.Established or ConntrackInfo.EstablishedReply => ConntrackStates.Established,
        ConntrackInfo.Related or ConntrackInfo.RelatedReply => ConntrackStates.Related,
        ConntrackInfo.Untracked => ConntrackStates.Untracked,
        _ => ConntrackStates.Invalid,
    };
}
