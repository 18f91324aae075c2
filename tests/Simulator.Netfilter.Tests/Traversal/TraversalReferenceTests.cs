using Simulator.Core.Addressing;
using Simulator.Netfilter.Matches;
using Simulator.Netfilter.Tables;
using Simulator.Netfilter.Targets;
using Simulator.Netfilter.Traversal;

namespace Simulator.Netfilter.Tests.Traversal;

/// <summary>
/// The jump-stack traversal against a slow, obviously right reference: a recursive evaluator
/// written from the iptables man page ("-j returns, -g does not; RETURN or the end of a user
/// chain goes back; the policy applies at the end of a built-in chain"). Random acyclic
/// rulesets, random packets; verdicts and every counter must agree.
/// </summary>
public class TraversalReferenceTests
{
    private static readonly Ipv4Address[] Sources = [.. Enumerable.Range(1, 4).Select(i => new Ipv4Address(10, 0, 0, (byte)i))];
    private const int UserChains = 4;

    [Test]
    public void AgreesWithRecursiveReference()
    {
        var random = new Random(20261121);
        for (int trial = 0; trial < 400; trial++)
        {
            var fast = RandomFilter(random);
            var reference = new Reference(fast.Clone());
            for (int p = 0; p < 20; p++)
            {
                var packet = Packets.Icmp(Sources[random.Next(Sources.Length)].ToString(), "10.9.9.9", 8) with
                {
                    Length = (uint)random.Next(40, 1500),
                };
                var viaStack = packet;
                var got = ChainTraversal.Traverse(fast, NetfilterHook.LocalIn, ref viaStack);
                var want = reference.Traverse(packet);
                Assert.That(got.Verdict, Is.EqualTo(want), $"trial {trial}, packet {p}");
            }
            AssertSameCounters(fast, reference, trial);
        }
    }

    private static Table RandomFilter(Random random)
    {
        var filter = new NetfilterTables().Filter;
        filter.SetPolicy("INPUT", random.Next(2) == 0 ? ChainPolicy.Accept : ChainPolicy.Drop);
        for (int c = 0; c < UserChains; c++) filter.NewChain($"U{c}");
        // Jumps only go to higher-numbered chains, so the ruleset has no loops.
        AddRules(filter, "INPUT", -1, random);
        for (int c = 0; c < UserChains; c++) AddRules(filter, $"U{c}", c, random);
        return filter;
    }

    private static void AddRules(Table filter, string chain, int level, Random random)
    {
        int count = random.Next(0, 5);
        for (int i = 0; i < count; i++)
        {
            var ip = random.Next(3) == 0
                ? IpPacketMatch.Any
                : IpPacketMatch.Any.WithSource(Sources[random.Next(Sources.Length)], Ipv4Address.Broadcast);
            ITarget? target = (random.Next(7), level + 1 < UserChains) switch
            {
                (0, _) => StandardTarget.Accept,
                (1, _) => StandardTarget.Drop,
                (2, _) => StandardTarget.Return,
                (3, true) => new JumpTarget($"U{random.Next(level + 1, UserChains)}", false),
                (4, true) => new JumpTarget($"U{random.Next(level + 1, UserChains)}", true),
                (5, _) => LogTarget.Default,
                _ => null,
            };
            Assert.That(filter.Append(chain, new Rule(ip, [], target)).Ok, Is.True);
        }
    }

    private enum Outcome { Fell, Returned, Accepted, Dropped }

    /// <summary>The recursive evaluator, counting in its own books.</summary>
    private sealed class Reference(Table table)
    {
        public Dictionary<Rule, PacketCounters> RuleCounters { get; } = new(ReferenceEqualityComparer.Instance);
        public PacketCounters PolicyCounters { get; private set; }

        public Verdict Traverse(PacketContext packet)
        {
            var input = table.FindChain("INPUT")!;
            var outcome = Evaluate(input, packet);
            if (outcome == Outcome.Accepted) return Verdict.Accept;
            if (outcome == Outcome.Dropped) return Verdict.Drop;
            PolicyCounters = PolicyCounters.Add(packet.Length);
            return input.Policy == ChainPolicy.Drop ? Verdict.Drop : Verdict.Accept;
        }

        private Outcome Evaluate(Chain chain, PacketContext packet)
        {
            foreach (var rule in chain.Rules)
            {
                if (!rule.AppliesTo(packet)) continue;
                RuleCounters[rule] = RuleCounters.GetValueOrDefault(rule).Add(packet.Length);
                switch (rule.Target)
                {
                    case StandardTarget { Kind: VerdictKind.Accept }:
                        return Outcome.Accepted;
                    case StandardTarget { Kind: VerdictKind.Drop }:
                        return Outcome.Dropped;
                    case StandardTarget { Kind: VerdictKind.Return }:
                        return Outcome.Returned;
                    case JumpTarget { IsGoto: false } jump:
                        var jumped = Evaluate(table.FindChain(jump.Chain)!, packet);
                        if (jumped is Outcome.Accepted or Outcome.Dropped) return jumped;
                        break;
                    case JumpTarget { IsGoto: true } go:
                        // Whatever the goto'd chain does instead of deciding, this chain is left with it.
                        var gone = Evaluate(table.FindChain(go.Chain)!, packet);
                        return gone is Outcome.Accepted or Outcome.Dropped ? gone : Outcome.Returned;
                }
            }
            return Outcome.Fell;
        }

        public Table Table => table;
    }

    private static void AssertSameCounters(Table fast, Reference reference, int trial)
    {
        Assert.That(fast.FindChain("INPUT")!.PolicyCounters, Is.EqualTo(reference.PolicyCounters), $"trial {trial} policy");
        foreach (var chain in fast.Chains)
        {
            var other = reference.Table.FindChain(chain.Name)!;
            Assert.That(chain.Rules.Select(r => r.Counters),
                Is.EqualTo(other.Rules.Select(r => reference.RuleCounters.GetValueOrDefault(r))),
                $"trial {trial} rules of {chain.Name}");
        }
    }
}
