using Simulator.Netfilter.Tables;

namespace Simulator.Netfilter.Matches;

/// <summary>
/// What a match's or target's load-time check sees (<c>struct xt_mtchk_param</c> /
/// <c>xt_tgchk_param</c>): the table, the hooks the rule's chain is reached from (none for a
/// user chain not yet reached from a built-in one) and the rule's IP part.
/// </summary>
public readonly record struct RuleCheckContext(TableKind Table, HookMask Hooks, IpPacketMatch Ip);
