using Simulator.Netfilter.Targets;

namespace Simulator.Netfilter.Tables;

/// <summary>
/// The whole-table check nf_tables makes before it commits a change (<c>nft_table_validate</c>,
/// <c>nft_chain_validate</c>): from every built-in chain, follow the jumps; each rule reached must
/// suit that chain's hook, and no chain may be entered at jump depth 16
/// (<c>NFT_JUMP_STACK_SIZE</c>), which also catches loops. User chains not reached from a
/// built-in chain are not checked, so loops among them are allowed until they are hooked up.
/// </summary>
public static class TableValidation
{
    /// <summary>NFT_JUMP_STACK_SIZE: a chain entered at this depth is refused with EMLINK.</summary>
    public const int MaxJumpDepth = 16;

    public static TableResult Validate(Table table)
    {
        foreach (var chain in table.BuiltinChains)
        {
            if (!chain.Exists) continue;
            var deepestChecked = new Dictionary<Chain, int>(ReferenceEqualityComparer.Instance);
            var result = Walk(table, chain, chain.Hook!.Value, 0, deepestChecked);
            if (!result.Ok) return result;
        }
        return TableResult.Success;
    }

    private static TableResult Walk(Table table, Chain chain, NetfilterHook hook, int depth, Dictionary<Chain, int> deepestChecked)
    {
        if (depth >= MaxJumpDepth) return TableResult.Fail(TableError.TooManyLinks, chain.Name);
        // Passing at some depth implies passing at any shallower one.
        if (deepestChecked.TryGetValue(chain, out int checkedAt) && checkedAt >= depth) return TableResult.Success;

        foreach (var rule in chain.Rules)
        {
            foreach (var match in rule.Matches)
                if (!match.ValidHooks.Contains(hook)) return TableResult.Fail(TableError.InvalidRule, chain.Name);
            if (rule.Target is JumpTarget jump)
            {
                if (table.FindChain(jump.Chain) is not { } next) continue;
                var result = Walk(table, next, hook, depth + 1, deepestChecked);
                if (!result.Ok) return result;
            }
            else if (rule.Target is { } target && !target.ValidHooks.Contains(hook))
            {
                return TableResult.Fail(TableError.InvalidRule, chain.Name);
            }
        }
        deepestChecked[chain] = depth;
        return TableResult.Success;
    }
}
