namespace Simulator.Netfilter.Targets;

/// <summary>
/// What REJECT answers with, numbered as the kernel's <c>enum ipt_reject_with</c>
/// (IPT_ICMP_ECHOREPLY, value 4, is no longer accepted by iptables).
/// </summary>
public enum RejectWith
{
    IcmpNetUnreachable = 0,
    IcmpHostUnreachable = 1,
    IcmpProtoUnreachable = 2,
    IcmpPortUnreachable = 3,
    IcmpNetProhibited = 5,
    IcmpHostProhibited = 6,
    TcpReset = 7,
    IcmpAdminProhibited = 8,
}

public static class RejectWithExtensions
{
    /// <summary>
    /// The ICMP destination-unreachable code (RFC 792, RFC 1122 3.2.2.1, RFC 1812 5.2.7.1) the stack
    /// sends for this answer; null for a TCP reset.
    /// </summary>
    public static byte? IcmpCode(this RejectWith with) => with switch
    {
        RejectWith.IcmpNetUnreachable => 0,
        RejectWith.IcmpHostUnreachable => 1,
        RejectWith.IcmpProtoUnreachable => 2,
        RejectWith.IcmpPortUnreachable => 3,
        RejectWith.IcmpNetProhibited => 9,
        RejectWith.IcmpHostProhibited => 10,
        RejectWith.IcmpAdminProhibited => 13,
        _ => null,
    };
}
