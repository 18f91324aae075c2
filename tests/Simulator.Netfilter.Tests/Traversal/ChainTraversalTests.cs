using Simulator.Core.Addressing;
using Simulator.Netfilter.Matches;
using Simulator.Netfilter.Tables;
using Simulator.Netfilter.Targets;
using Simulator.Netfilter.Traversal;

namespace Simulator.Netfilter.Tests.Traversal;

public class ChainTraversalTests
{
    private static Rule From(string source, ITarget? target) =>
        new(IpPacketMatch.Any.WithSource(Ipv4Address.Parse(source), Ipv4Address.Broadcast), [], target);

    private static Rule All(ITarget? target) => new(IpPacketMatch.Any, [], target);

    private static PacketContext PacketFrom(string source, NetfilterHook hook = NetfilterHook.Forward) =>
        Packets.Icmp(source, "10.0.0.1", 8, hook: hook);

    [Test]
    public void UnregisteredChainLetsThePacketPass()
    {
        var filter = new NetfilterTables().Filter;
        var packet = PacketFrom("1.1.1.1");
        Assert.That(ChainTraversal.Traverse(filter, NetfilterHook.Forward, ref packet), Is.EqualTo(TraversalResult.NotRegistered));
    }

    [Test]
    public void PolicyAppliesAndCounts()
    {
        // seed 000: -P FORWARD DROP, "Chain FORWARD (policy DROP 116 packets, 7950 bytes)".
        var filter = new NetfilterTables().Filter;
        filter.SetPolicy("FORWARD", ChainPolicy.Drop);
        filter.Append("FORWARD", From("1.1.1.1", StandardTarget.Accept));

        var stranger = PacketFrom("2.2.2.2");
        var result = ChainTraversal.Traverse(filter, NetfilterHook.Forward, ref stranger);
        var friend = PacketFrom("1.1.1.1");
        var accepted = ChainTraversal.Traverse(filter, NetfilterHook.Forward, ref friend);

        var chain = filter.FindChain("FORWARD")!;
        Assert.Multiple(() =>
        {
            Assert.That(result, Is.EqualTo(new TraversalResult(Verdict.Drop, "FORWARD", 0, true)));
            Assert.That(result.FromPolicy, Is.True);
            Assert.That(accepted, Is.EqualTo(new TraversalResult(Verdict.Accept, "FORWARD", 1, true)));
            Assert.That(chain.PolicyCounters, Is.EqualTo(new PacketCounters(1, 84)));
            Assert.That(chain.Rules[0].Counters, Is.EqualTo(new PacketCounters(1, 84)));
        });
    }

    [Test]
    public void JumpReturnsAfterUserChain()
    {
        var filter = new NetfilterTables().Filter;
        filter.NewChain("X");
        filter.Append("X", From("9.9.9.9", StandardTarget.Drop));
        filter.Append("INPUT", All(new JumpTarget("X", false)));
        filter.Append("INPUT", All(StandardTarget.Accept));

        var other = PacketFrom("1.1.1.1", NetfilterHook.LocalIn);
        var fallsThrough = ChainTraversal.Traverse(filter, NetfilterHook.LocalIn, ref other);
        var bad = PacketFrom("9.9.9.9", NetfilterHook.LocalIn);
        var dropped = ChainTraversal.Traverse(filter, NetfilterHook.LocalIn, ref bad);

        Assert.Multiple(() =>
        {
            Assert.That(fallsThrough, Is.EqualTo(new TraversalResult(Verdict.Accept, "INPUT", 2, true)));
            Assert.That(dropped, Is.EqualTo(new TraversalResult(Verdict.Drop, "X", 1, true)));
            Assert.That(filter.FindChain("INPUT")!.Rules[0].Counters.Packets, Is.EqualTo(2ul));
            Assert.That(filter.FindChain("INPUT")!.Rules[1].Counters.Packets, Is.EqualTo(1ul));
        });
    }

    [Test]
    public void ExplicitReturn()
    {
        var filter = new NetfilterTables().Filter;
        filter.NewChain("X");
        filter.Append("X", All(StandardTarget.Return));
        filter.Append("X", All(StandardTarget.Drop));
        filter.Append("INPUT", All(new JumpTarget("X", false)));
        var packet = PacketFrom("1.1.1.1", NetfilterHook.LocalIn);
        var result = ChainTraversal.Traverse(filter, NetfilterHook.LocalIn, ref packet);
        Assert.Multiple(() =>
        {
            Assert.That(result.FromPolicy, Is.True);
            Assert.That(result.Verdict, Is.EqualTo(Verdict.Accept));
            Assert.That(filter.FindChain("X")!.Rules[1].Counters.Packets, Is.Zero);
        });
    }

    [Test]
    public void ReturnInBuiltinChainAppliesPolicy()
    {
        var filter = new NetfilterTables().Filter;
        filter.SetPolicy("INPUT", ChainPolicy.Drop);
        filter.Append("INPUT", All(StandardTarget.Return));
        filter.Append("INPUT", All(StandardTarget.Accept));
        var packet = PacketFrom("1.1.1.1", NetfilterHook.LocalIn);
        var result = ChainTraversal.Traverse(filter, NetfilterHook.LocalIn, ref packet);
        Assert.That(result, Is.EqualTo(new TraversalResult(Verdict.Drop, "INPUT", 0, true)));
    }

    [Test]
    public void GotoDoesNotComeBack()
    {
        // INPUT: -j A ; -j ACCEPT.   A: -g B ; -j DROP.   B: (empty)
        // B falls off its end and returns to INPUT (A's caller), never to A's DROP.
        var filter = new NetfilterTables().Filter;
        filter.NewChain("A");
        filter.NewChain("B");
        filter.Append("A", All(new JumpTarget("B", true)));
        filter.Append("A", All(StandardTarget.Drop));
        filter.Append("INPUT", All(new JumpTarget("A", false)));
        filter.Append("INPUT", From("1.1.1.1", StandardTarget.Accept));
        var packet = PacketFrom("1.1.1.1", NetfilterHook.LocalIn);
        var result = ChainTraversal.Traverse(filter, NetfilterHook.LocalIn, ref packet);
        Assert.Multiple(() =>
        {
            Assert.That(result, Is.EqualTo(new TraversalResult(Verdict.Accept, "INPUT", 2, true)));
            Assert.That(filter.FindChain("A")!.Rules[1].Counters.Packets, Is.Zero);
        });
    }

    [Test]
    public void GotoFromBuiltinChainEndsInPolicy()
    {
        var filter = new NetfilterTables().Filter;
        filter.NewChain("B");
        filter.SetPolicy("INPUT", ChainPolicy.Drop);
        filter.Append("INPUT", All(new JumpTarget("B", true)));
        filter.Append("INPUT", All(StandardTarget.Accept));
        var packet = PacketFrom("1.1.1.1", NetfilterHook.LocalIn);
        var result = ChainTraversal.Traverse(filter, NetfilterHook.LocalIn, ref packet);
        Assert.Multiple(() =>
        {
            Assert.That(result, Is.EqualTo(new TraversalResult(Verdict.Drop, "INPUT", 0, true)));
            Assert.That(filter.FindChain("INPUT")!.PolicyCounters.Packets, Is.EqualTo(1ul));
        });
    }

    [Test]
    public void NatVerdictEndsTraversalWithItsSpec()
    {
        // seed 003: -t nat -A POSTROUTING -s 1.1.1.2 -j SNAT --to-source 10.20.30.182
        var nat = new NetfilterTables().Nat;
        var range = NatRange.ToAddress(Ipv4Address.Parse("10.20.30.182"));
        nat.Append("POSTROUTING", From("1.1.1.2", new SnatTarget(range)));
        var packet = PacketFrom("1.1.1.2", NetfilterHook.PostRouting);
        var result = ChainTraversal.Traverse(nat, NetfilterHook.PostRouting, ref packet);
        Assert.Multiple(() =>
        {
            Assert.That(result.Verdict.Kind, Is.EqualTo(VerdictKind.Nat));
            Assert.That(result.Verdict.Nat, Is.EqualTo(new NatSpec(NatKind.Snat, range)));
            Assert.That(result.RuleNumber, Is.EqualTo(1));
        });
    }

    [Test]
    public void MarkIsSeenByLaterRulesAndObserverSeesLog()
    {
        var mangle = new NetfilterTables().Mangle;
        mangle.Append("PREROUTING", All(new MarkTarget(0x7, 0xFFFFFFFF)));
        mangle.Append("PREROUTING", new Rule(IpPacketMatch.Any, [new MarkMatch(0x7, 0xFFFFFFFF, false)], new LogTarget(4, "MARKED ", LogFlags.None)));
        mangle.Append("PREROUTING", All(null));
        var observer = new RecordingObserver();
        var packet = PacketFrom("1.1.1.1", NetfilterHook.PreRouting);
        var result = ChainTraversal.Traverse(mangle, NetfilterHook.PreRouting, ref packet, observer);
        Assert.Multiple(() =>
        {
            Assert.That(packet.Mark, Is.EqualTo(0x7u));
            Assert.That(result.FromPolicy, Is.True);
            Assert.That(observer.Events, Is.EqualTo(new[]
            {
                "PREROUTING#1 Continue", "PREROUTING#2 Continue LOG", "PREROUTING#3 Continue", "policy PREROUTING Accept",
            }));
        });
    }

    private sealed class RecordingObserver : ITraversalObserver
    {
        public List<string> Events { get; } = [];

        public void RuleMatched(Table table, Chain chain, int ruleNumber, Rule rule, Verdict verdict, in PacketContext packet) =>
            Events.Add($"{chain.Name}#{ruleNumber} {verdict}{(rule.Target is LogTarget ? " LOG" : "")}");

        public void PolicyApplied(Table table, Chain chain, Verdict verdict, in PacketContext packet) =>
            Events.Add($"policy {chain.Name} {verdict}");
    }
}
