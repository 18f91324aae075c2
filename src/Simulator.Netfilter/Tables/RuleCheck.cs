using Simulator.Netfilter.Matches;
using Simulator.Netfilter.Targets;

namespace Simulator.Netfilter.Tables;

/// <summary>
/// The checks x_tables makes when a rule is loaded (<c>xt_check_match</c>, <c>xt_check_target</c>
/// in net/netfilter/x_tables.c): table, hooks, protocol, then the extension's own checkentry.
/// Each refusal is EINVAL with the line the kernel logs.
/// </summary>
public static class RuleCheck
{
    private const string Prefix = "x_tables: ip_tables: ";

    /// <param name="table">The table the rule goes into.</param>
    /// <param name="hooks">The hook of the rule's built-in chain; none for a user chain.</param>
    /// <param name="rule">The rule.</param>
    public static TableResult Check(TableKind table, HookMask hooks, Rule rule)
    {
        var context = new RuleCheckContext(table, hooks, rule.Ip);
        foreach (var match in rule.Matches)
        {
            var result = CheckMatch(match, context);
            if (!result.Ok) return result;
        }
        return rule.Target is null or JumpTarget ? TableResult.Success : CheckTarget(rule.Target, context);
    }

    private static TableResult CheckMatch(IMatch match, in RuleCheckContext context)
    {
        if ((context.Hooks & ~match.ValidHooks) != 0)
            return Invalid($"{Prefix}{match.Name} match: used from hooks {context.Hooks.Describe()}, but only usable from {match.ValidHooks.Describe()}");
        if (match.RequiredProtocol != 0
            && (context.Ip.Protocol != match.RequiredProtocol || context.Ip.IsInverted(IpInversions.Protocol)))
            return Invalid($"{Prefix}{match.Name} match: only valid for protocol {match.RequiredProtocol}");
        var own = match.CheckEntry(context);
        return own.Ok ? TableResult.Success : Invalid(own.KernelLog);
    }

    private static TableResult CheckTarget(ITarget target, in RuleCheckContext context)
    {
        if (target.RequiredTable is { } required && required != context.Table)
            return Invalid($"{Prefix}{target.Name} target: only valid in {TableSchema.Name(required)} table, not {TableSchema.Name(context.Table)}");
        if ((context.Hooks & ~target.ValidHooks) != 0)
            return Invalid($"{Prefix}{target.Name} target: used from hooks {context.Hooks.Describe()}, but only usable from {target.ValidHooks.Describe()}");
        var own = target.CheckEntry(context);
        return own.Ok ? TableResult.Success : Invalid(own.KernelLog);
    }

    private static TableResult Invalid(string? log) => TableResult.Fail(TableError.InvalidRule, kernelLog: log);
}
