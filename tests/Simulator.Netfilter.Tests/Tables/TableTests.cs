using Simulator.Core.Addressing;
using Simulator.Netfilter.Matches;
using Simulator.Netfilter.Tables;
using Simulator.Netfilter.Targets;

namespace Simulator.Netfilter.Tests.Tables;

public class TableTests
{
    private static Rule Accept(string? source = null) => Rule(StandardTarget.Accept, source);

    private static Rule Rule(ITarget? target, string? source = null, byte protocol = 0)
    {
        var ip = IpPacketMatch.Any with { Protocol = protocol };
        if (source is not null) ip = ip.WithSource(Ipv4Address.Parse(source), Ipv4Address.Broadcast);
        return new Rule(ip, [], target);
    }

    [Test]
    public void BuiltinChainsPerTable()
    {
        var tables = new NetfilterTables();
        Assert.Multiple(() =>
        {
            Assert.That(tables.Raw.BuiltinChains.Select(c => c.Name), Is.EqualTo(new[] { "PREROUTING", "OUTPUT" }));
            Assert.That(tables.Mangle.BuiltinChains.Select(c => c.Name),
                Is.EqualTo(new[] { "PREROUTING", "INPUT", "FORWARD", "OUTPUT", "POSTROUTING" }));
            Assert.That(tables.Nat.BuiltinChains.Select(c => c.Name), Is.EqualTo(new[] { "PREROUTING", "INPUT", "OUTPUT", "POSTROUTING" }));
            Assert.That(tables.Filter.BuiltinChains.Select(c => c.Name), Is.EqualTo(new[] { "INPUT", "FORWARD", "OUTPUT" }));
            Assert.That(tables.Security.BuiltinChains.Select(c => c.Name), Is.EqualTo(new[] { "INPUT", "FORWARD", "OUTPUT" }));
        });
    }

    [Test]
    public void TablesAtAHookRunByPriority()
    {
        Assert.Multiple(() =>
        {
            Assert.That(TableSchema.TablesAt(NetfilterHook.PreRouting),
                Is.EqualTo(new[] { TableKind.Raw, TableKind.Mangle, TableKind.Nat }));
            Assert.That(TableSchema.TablesAt(NetfilterHook.LocalIn),
                Is.EqualTo(new[] { TableKind.Mangle, TableKind.Filter, TableKind.Security, TableKind.Nat }));
            Assert.That(TableSchema.TablesAt(NetfilterHook.LocalOut),
                Is.EqualTo(new[] { TableKind.Raw, TableKind.Mangle, TableKind.Nat, TableKind.Filter, TableKind.Security }));
        });
    }

    [Test]
    public void TableAndBuiltinChainComeIntoBeingOnFirstRule()
    {
        var filter = new NetfilterTables().Filter;
        Assert.That(filter.Exists, Is.False);
        Assert.That(filter.Append("FORWARD", Accept()).Ok, Is.True);
        Assert.Multiple(() =>
        {
            Assert.That(filter.Exists, Is.True);
            Assert.That(filter.FindChain("FORWARD")!.Exists, Is.True);
            Assert.That(filter.FindChain("INPUT")!.Exists, Is.False);
        });
    }

    [Test]
    public void InsertReplaceDeleteByNumber()
    {
        var filter = new NetfilterTables().Filter;
        filter.Append("INPUT", Accept("1.1.1.1"));
        Assert.Multiple(() =>
        {
            Assert.That(filter.Insert("INPUT", 1, Accept("2.2.2.2")).Ok, Is.True);
            Assert.That(filter.Insert("INPUT", 3, Accept("3.3.3.3")).Ok, Is.True, "count + 1 appends");
            Assert.That(filter.Insert("INPUT", 5, Accept()).Error, Is.EqualTo(TableError.IndexTooBig));
            Assert.That(filter.Replace("INPUT", 4, Accept()).Error, Is.EqualTo(TableError.IndexTooBig));
            Assert.That(filter.Replace("INPUT", 2, Accept("4.4.4.4")).Ok, Is.True);
            Assert.That(filter.Delete("INPUT", 4).Error, Is.EqualTo(TableError.IndexTooBig));
            Assert.That(filter.Delete("INPUT", 1).Ok, Is.True);
            Assert.That(filter.FindChain("INPUT")!.Rules.Select(r => r.Ip.Source.ToString()),
                Is.EqualTo(new[] { "4.4.4.4", "3.3.3.3" }));
        });
    }

    [Test]
    public void DeleteAndCheckBySpecification()
    {
        var filter = new NetfilterTables().Filter;
        filter.Append("INPUT", Accept("1.1.1.1"));
        filter.Append("INPUT", Accept("1.1.1.1"));
        Assert.Multiple(() =>
        {
            Assert.That(filter.Check("INPUT", Accept("1.1.1.1")).Ok, Is.True);
            Assert.That(filter.Check("INPUT", Accept("1.1.1.2")).Error, Is.EqualTo(TableError.NoSuchRule));
            Assert.That(filter.Delete("INPUT", Accept("1.1.1.1")).Ok, Is.True);
            Assert.That(filter.FindChain("INPUT")!.Rules, Has.Count.EqualTo(1), "only the first is deleted");
            Assert.That(filter.Delete("OUTPUT", Accept()).Error, Is.EqualTo(TableError.NoSuchRule));
        });
    }

    [Test]
    public void UserChainsAreSortedAndCounted()
    {
        var filter = new NetfilterTables().Filter;
        foreach (var name in new[] { "B", "a", "A", "1" }) filter.NewChain(name);
        filter.Append("INPUT", Rule(new JumpTarget("A", false)));
        filter.Append("B", Rule(new JumpTarget("A", true)));
        Assert.Multiple(() =>
        {
            Assert.That(filter.UserChains.Select(c => c.Name), Is.EqualTo(new[] { "1", "A", "B", "a" }));
            Assert.That(filter.ReferenceCount("A"), Is.EqualTo(2));
            Assert.That(filter.NewChain("A").Error, Is.EqualTo(TableError.ChainExists));
            Assert.That(filter.NewChain("INPUT").Error, Is.EqualTo(TableError.ChainExists));
        });
    }

    [Test]
    public void ReferencedOrNonEmptyChainCannotBeDeleted()
    {
        var filter = new NetfilterTables().Filter;
        filter.NewChain("X");
        filter.NewChain("Y");
        filter.Append("INPUT", Rule(new JumpTarget("X", false)));
        Assert.Multiple(() =>
        {
            Assert.That(filter.DeleteChain("X"), Is.EqualTo(TableResult.Fail(TableError.ChainInUse, "X")));
            Assert.That(filter.DeleteChains(), Is.EqualTo(TableResult.Fail(TableError.ChainInUse, "X")));
            Assert.That(filter.FindChain("Y"), Is.Not.Null, "all or nothing");
            Assert.That(filter.DeleteChain("NOPE").Error, Is.EqualTo(TableError.NoSuchChain));
            Assert.That(filter.DeleteChain("INPUT").Error, Is.EqualTo(TableError.ChainInUse));
            Assert.That(filter.DeleteChain("FORWARD").Error, Is.EqualTo(TableError.NoSuchChain), "not created yet");
        });
        filter.Flush();
        Assert.Multiple(() =>
        {
            Assert.That(filter.DeleteChains().Ok, Is.True);
            Assert.That(filter.UserChains, Is.Empty);
            Assert.That(filter.FindChain("INPUT")!.Exists, Is.False, "empty ACCEPT built-in chains go too");
        });
    }

    [Test]
    public void RenameMovesReferences()
    {
        var filter = new NetfilterTables().Filter;
        filter.NewChain("X");
        filter.Append("INPUT", Rule(new JumpTarget("X", true)));
        Assert.Multiple(() =>
        {
            Assert.That(filter.RenameChain("X", "Y").Ok, Is.True);
            Assert.That(filter.FindChain("INPUT")!.Rules[0].Target, Is.EqualTo(new JumpTarget("Y", true)));
            Assert.That(filter.RenameChain("Y", "INPUT").Error, Is.EqualTo(TableError.ChainExists));
            Assert.That(filter.RenameChain("NOPE", "Z").Error, Is.EqualTo(TableError.NoSuchChain));
        });
    }

    [Test]
    public void PolicyOnlyOnBuiltinChains()
    {
        var filter = new NetfilterTables().Filter;
        filter.NewChain("X");
        Assert.Multiple(() =>
        {
            Assert.That(filter.SetPolicy("FORWARD", ChainPolicy.Drop).Ok, Is.True);
            Assert.That(filter.FindChain("FORWARD")!.Policy, Is.EqualTo(ChainPolicy.Drop));
            Assert.That(filter.SetPolicy("X", ChainPolicy.Drop).Error, Is.EqualTo(TableError.NotBuiltinChain));
            Assert.That(filter.SetPolicy("NOPE", ChainPolicy.Drop).Error, Is.EqualTo(TableError.NotBuiltinChain));
        });
    }

    [Test]
    public void TargetTableAndHookChecksLogLikeTheKernel()
    {
        var tables = new NetfilterTables();
        var snat = new SnatTarget(NatRange.ToAddress(Ipv4Address.Parse("1.1.1.1")));
        var inFilter = tables.Filter.Append("INPUT", Rule(snat));
        var inPrerouting = tables.Nat.Append("PREROUTING", Rule(snat));
        Assert.Multiple(() =>
        {
            Assert.That(inFilter.Error, Is.EqualTo(TableError.InvalidRule));
            // Both lines as dmesg showed them after the same commands on the real kernel.
            Assert.That(inFilter.KernelLog, Is.EqualTo("x_tables: ip_tables: SNAT target: only valid in nat table, not filter"));
            Assert.That(inPrerouting.KernelLog,
                Is.EqualTo("x_tables: ip_tables: SNAT target: used from hooks PREROUTING, but only usable from INPUT/POSTROUTING"));
            Assert.That(tables.Nat.Append("INPUT", Rule(snat)).Ok, Is.True);
            Assert.That(tables.Filter.Exists, Is.False, "a refused rule creates nothing");
        });
    }

    [Test]
    public void TcpResetNeedsTcp()
    {
        var filter = new NetfilterTables().Filter;
        var reset = new RejectTarget(RejectWith.TcpReset);
        Assert.Multiple(() =>
        {
            Assert.That(filter.Append("INPUT", Rule(reset)).KernelLog, Is.EqualTo("ipt_REJECT: TCP_RESET invalid for non-tcp"));
            Assert.That(filter.Append("INPUT", Rule(reset, protocol: 6)).Ok, Is.True);
        });
    }

    [Test]
    public void UserChainTargetsAreCheckedWhenHookedUp()
    {
        var nat = new NetfilterTables().Nat;
        nat.NewChain("N");
        Assert.Multiple(() =>
        {
            Assert.That(nat.Append("N", Rule(MasqueradeTarget.Default)).Ok, Is.True, "not reached yet");
            Assert.That(nat.Append("PREROUTING", Rule(new JumpTarget("N", false))).Error, Is.EqualTo(TableError.InvalidRule));
            Assert.That(nat.FindChain("PREROUTING")!.Rules, Is.Empty, "refused change is undone");
            Assert.That(nat.Append("POSTROUTING", Rule(new JumpTarget("N", false))).Ok, Is.True);
            Assert.That(nat.Append("N", Rule(new DnatTarget(default))).Error, Is.EqualTo(TableError.InvalidRule));
        });
    }

    [Test]
    public void JumpDepthIsLimited()
    {
        // Measured: INPUT -> C6 -> ... -> C20 (15 jumps) loads; INPUT -> C5 -> ... -> C20 does not.
        var filter = new NetfilterTables().Filter;
        for (int i = 1; i <= 20; i++) filter.NewChain($"C{i}");
        for (int i = 1; i < 20; i++) filter.Append($"C{i}", Rule(new JumpTarget($"C{i + 1}", false)));
        Assert.Multiple(() =>
        {
            Assert.That(filter.Append("INPUT", Rule(new JumpTarget("C5", false))).Error, Is.EqualTo(TableError.TooManyLinks));
            Assert.That(filter.Append("INPUT", Rule(new JumpTarget("C6", false))).Ok, Is.True);
        });
    }

    [Test]
    public void LoopsAreRefusedOnceReachable()
    {
        var filter = new NetfilterTables().Filter;
        filter.NewChain("A");
        filter.NewChain("B");
        Assert.Multiple(() =>
        {
            Assert.That(filter.Append("A", Rule(new JumpTarget("B", false))).Ok, Is.True);
            Assert.That(filter.Append("B", Rule(new JumpTarget("A", false))).Ok, Is.True, "unreachable loop is allowed");
            Assert.That(filter.Append("OUTPUT", Rule(new JumpTarget("A", false))).Error, Is.EqualTo(TableError.TooManyLinks));
        });
    }

    [Test]
    public void JumpTargetMustBeAnExistingUserChain()
    {
        var filter = new NetfilterTables().Filter;
        filter.Append("INPUT", Accept());
        Assert.Multiple(() =>
        {
            Assert.That(filter.Append("INPUT", Rule(new JumpTarget("NOPE", false))).Error, Is.EqualTo(TableError.NoSuchChain));
            Assert.That(filter.Append("FORWARD", Rule(new JumpTarget("INPUT", false))).Error, Is.EqualTo(TableError.NotSupported));
        });
    }

    [Test]
    public void ZeroAndFlush()
    {
        var filter = new NetfilterTables().Filter;
        filter.Append("INPUT", Accept().WithCounters(new PacketCounters(5, 500)));
        filter.SetPolicy("INPUT", ChainPolicy.Accept, new PacketCounters(1, 2));
        Assert.Multiple(() =>
        {
            Assert.That(filter.Zero("FORWARD").Error, Is.EqualTo(TableError.NoSuchChain), "FORWARD not created yet");
            Assert.That(filter.Zero("INPUT", 9).Ok, Is.True, "a number past the end is no error");
            Assert.That(filter.Zero("INPUT").Ok, Is.True);
            Assert.That(filter.FindChain("INPUT")!.Rules[0].Counters, Is.EqualTo(PacketCounters.Zero));
            Assert.That(filter.FindChain("INPUT")!.PolicyCounters, Is.EqualTo(PacketCounters.Zero));
            Assert.That(filter.Flush("FORWARD").Ok, Is.True);
            Assert.That(filter.FindChain("FORWARD")!.Exists, Is.True, "flushing a built-in chain creates it");
            Assert.That(filter.Flush().Ok, Is.True);
            Assert.That(filter.FindChain("INPUT")!.Rules, Is.Empty);
        });
    }

    [Test]
    public void CloneIsIndependentAndCopiesBack()
    {
        var filter = new NetfilterTables().Filter;
        filter.NewChain("X");
        var copy = filter.Clone();
        copy.Append("X", Accept());
        copy.NewChain("Y");
        Assert.That(filter.FindChain("X")!.Rules, Is.Empty);
        filter.CopyFrom(copy);
        Assert.Multiple(() =>
        {
            Assert.That(filter.FindChain("X")!.Rules, Has.Count.EqualTo(1));
            Assert.That(filter.FindChain("Y"), Is.Not.Null);
        });
    }
}
