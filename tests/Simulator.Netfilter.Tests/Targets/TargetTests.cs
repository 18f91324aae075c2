using Simulator.Core.Addressing;
using Simulator.Netfilter.Targets;

namespace Simulator.Netfilter.Tests.Targets;

public class TargetTests
{
    private static PacketContext Packet => Packets.Tcp("1.1.1.1", 1, "2.2.2.2", 2) with
    {
        Mark = 0xF0,
        ConnMark = 0x0F,
        Conntrack = ConntrackStates.Established,
    };

    [Test]
    public void StandardVerdicts()
    {
        var packet = Packet;
        Assert.Multiple(() =>
        {
            Assert.That(StandardTarget.Accept.Evaluate(ref packet), Is.EqualTo(Verdict.Accept));
            Assert.That(StandardTarget.Drop.Evaluate(ref packet), Is.EqualTo(Verdict.Drop));
            Assert.That(StandardTarget.Return.Evaluate(ref packet), Is.EqualTo(Verdict.Return));
            Assert.That(StandardTarget.FromName("RETURN"), Is.SameAs(StandardTarget.Return));
        });
    }

    [Test]
    public void JumpAndGoto()
    {
        var packet = Packet;
        Assert.Multiple(() =>
        {
            Assert.That(new JumpTarget("X", false).Evaluate(ref packet), Is.EqualTo(Verdict.Jump("X")));
            Assert.That(new JumpTarget("X", true).Evaluate(ref packet), Is.EqualTo(Verdict.Goto("X")));
            Assert.That(new JumpTarget("X", true).Name, Is.EqualTo("X"));
        });
    }

    [Test]
    public void RejectCarriesItsAnswer()
    {
        var packet = Packet;
        var verdict = new RejectTarget(RejectWith.IcmpHostProhibited).Evaluate(ref packet);
        Assert.Multiple(() =>
        {
            Assert.That(verdict.Kind, Is.EqualTo(VerdictKind.Reject));
            Assert.That(verdict.RejectWith, Is.EqualTo(RejectWith.IcmpHostProhibited));
            Assert.That(verdict.IsFinal, Is.True);
            Assert.That(RejectWith.IcmpPortUnreachable.IcmpCode(), Is.EqualTo((byte)3));
            Assert.That(RejectWith.IcmpAdminProhibited.IcmpCode(), Is.EqualTo((byte)13));
            Assert.That(RejectWith.TcpReset.IcmpCode(), Is.Null);
        });
    }

    [Test]
    public void NatTargetsCarryTheirRange()
    {
        var packet = Packet;
        var range = NatRange.ToAddress(Ipv4Address.Parse("10.20.30.182"));
        var snat = new SnatTarget(range).Evaluate(ref packet);
        var masquerade = MasqueradeTarget.Default.Evaluate(ref packet);
        Assert.Multiple(() =>
        {
            Assert.That(snat.Kind, Is.EqualTo(VerdictKind.Nat));
            Assert.That(snat.Nat, Is.EqualTo(new NatSpec(NatKind.Snat, range)));
            Assert.That(snat.Nat.Range.HasAddresses, Is.True);
            Assert.That(masquerade.Nat.Kind, Is.EqualTo(NatKind.Masquerade));
            Assert.That(masquerade.Nat.Range.HasAddresses, Is.False);
        });
    }

    [Test]
    public void LogContinues()
    {
        var packet = Packet;
        Assert.That(LogTarget.Default.Evaluate(ref packet), Is.EqualTo(Verdict.Continue));
    }

    [TestCase(0x5u, 0xFFFFFFFFu, 0x5u)]     // --set-mark 5
    [TestCase(0x0u, 0xFFFFFFF0u, 0x0u)]     // --and-mark 0xf
    [TestCase(0x4u, 0x4u, 0xF4u)]           // --or-mark 4
    [TestCase(0x10u, 0x0u, 0xE0u)]          // --xor-mark 0x10
    public void MarkSetsXmark(uint value, uint mask, uint expected)
    {
        var packet = Packet;
        var verdict = new MarkTarget(value, mask).Evaluate(ref packet);
        Assert.Multiple(() =>
        {
            Assert.That(verdict, Is.EqualTo(Verdict.Continue));
            Assert.That(packet.Mark, Is.EqualTo(expected));
        });
    }

    [Test]
    public void ConnmarkSaveAndRestore()
    {
        var saved = Packet;
        new ConnmarkTarget(ConnmarkMode.Save, 0, 0xFFFFFFFF, 0xFFFFFFFF).Evaluate(ref saved);
        var restored = Packet;
        new ConnmarkTarget(ConnmarkMode.Restore, 0, 0xFFFFFFFF, 0xFFFFFFFF).Evaluate(ref restored);
        var set = Packet;
        new ConnmarkTarget(ConnmarkMode.Set, 0x1, 0xFF, 0).Evaluate(ref set);
        var noConnection = Packet with { Conntrack = ConntrackStates.None };
        new ConnmarkTarget(ConnmarkMode.Set, 0x1, 0xFF, 0).Evaluate(ref noConnection);
        Assert.Multiple(() =>
        {
            Assert.That(saved.ConnMark, Is.EqualTo(0xF0u));
            Assert.That(restored.Mark, Is.EqualTo(0x0Fu));
            Assert.That(set.ConnMark, Is.EqualTo(0x01u));
            Assert.That(noConnection.ConnMark, Is.EqualTo(0x0Fu), "no connection, nothing to mark");
        });
    }

    [Test]
    public void NotrackUntracksThePacket()
    {
        var packet = Packet with { Conntrack = ConntrackStates.None };
        var verdict = CtTarget.Notrack.Evaluate(ref packet);
        Assert.Multiple(() =>
        {
            Assert.That(verdict, Is.EqualTo(Verdict.Continue));
            Assert.That(packet.Conntrack, Is.EqualTo(ConntrackStates.Untracked));
        });
    }
}
