namespace Simulator.Netfilter.Targets;

/// <summary>What a target tells the traversal to do next.</summary>
public enum VerdictKind
{
    /// <summary>Go on with the next rule (LOG, MARK, CONNMARK, CT: XT_CONTINUE).</summary>
    Continue,
    /// <summary>Let the packet pass this hook (NF_ACCEPT).</summary>
    Accept,
    /// <summary>Discard the packet silently (NF_DROP).</summary>
    Drop,
    /// <summary>Leave the current chain for the one that jumped to it; in a built-in chain the policy applies.</summary>
    Return,
    /// <summary>Enter a user chain and come back after it (<c>-j CHAIN</c>).</summary>
    Jump,
    /// <summary>Enter a user chain without coming back (<c>-g CHAIN</c>).</summary>
    Goto,
    /// <summary>Discard the packet and answer with an ICMP error or a TCP reset (REJECT); the stack sends it.</summary>
    Reject,
    /// <summary>Bind the connection to a NAT mapping and accept (SNAT, DNAT, MASQUERADE, REDIRECT).</summary>
    Nat,
}
