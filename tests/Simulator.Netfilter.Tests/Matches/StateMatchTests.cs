using Simulator.Netfilter.Matches;

namespace Simulator.Netfilter.Tests.Matches;

public class StateMatchTests
{
    private static PacketContext With(ConntrackStates state) => Packets.Tcp("1.1.1.1", 1, "2.2.2.2", 2) with { Conntrack = state };

    [Test]
    public void CtstateEstablishedRelated()
    {
        var match = new ConntrackMatch(ConntrackStates.Related | ConntrackStates.Established, false);
        Assert.Multiple(() =>
        {
            Assert.That(match.Matches(With(ConntrackStates.Established)), Is.True);
            Assert.That(match.Matches(With(ConntrackStates.Related)), Is.True);
            Assert.That(match.Matches(With(ConntrackStates.New)), Is.False);
        });
    }

    [Test]
    public void NoConnectionIsInvalid()
    {
        Assert.Multiple(() =>
        {
            Assert.That(new ConntrackMatch(ConntrackStates.Invalid, false).Matches(With(ConntrackStates.None)), Is.True);
            Assert.That(new StateMatch(ConntrackStates.Invalid, false).Matches(With(ConntrackStates.None)), Is.True);
            Assert.That(new StateMatch(ConntrackStates.New, false).Matches(With(ConntrackStates.None)), Is.False);
        });
    }

    [Test]
    public void SnatBitBesideTheState()
    {
        var snat = new ConntrackMatch(ConntrackStates.Snat, false);
        Assert.Multiple(() =>
        {
            Assert.That(snat.Matches(With(ConntrackStates.Established | ConntrackStates.Snat)), Is.True);
            Assert.That(snat.Matches(With(ConntrackStates.Established)), Is.False);
        });
    }

    [Test]
    public void InvertedState()
    {
        var notNew = new StateMatch(ConntrackStates.New, true);
        Assert.Multiple(() =>
        {
            Assert.That(notNew.Matches(With(ConntrackStates.New)), Is.False);
            Assert.That(notNew.Matches(With(ConntrackStates.Untracked)), Is.True);
        });
    }
}
