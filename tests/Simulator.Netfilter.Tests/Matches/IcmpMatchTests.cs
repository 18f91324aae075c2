using Simulator.Netfilter.Matches;

namespace Simulator.Netfilter.Tests.Matches;

public class IcmpMatchTests
{
    [Test]
    public void TypeWithAnyCode()
    {
        var unreachable = IcmpMatch.ForType(3);
        Assert.Multiple(() =>
        {
            Assert.That(unreachable.Matches(Packets.Icmp("1.1.1.1", "2.2.2.2", 3, 1)), Is.True);
            Assert.That(unreachable.Matches(Packets.Icmp("1.1.1.1", "2.2.2.2", 3, 13)), Is.True);
            Assert.That(unreachable.Matches(Packets.Icmp("1.1.1.1", "2.2.2.2", 8)), Is.False);
        });
    }

    [Test]
    public void TypeAndCode()
    {
        var fragmentationNeeded = IcmpMatch.ForTypeAndCode(3, 4);
        Assert.Multiple(() =>
        {
            Assert.That(fragmentationNeeded.Matches(Packets.Icmp("1.1.1.1", "2.2.2.2", 3, 4)), Is.True);
            Assert.That(fragmentationNeeded.Matches(Packets.Icmp("1.1.1.1", "2.2.2.2", 3, 3)), Is.False);
        });
    }

    [Test]
    public void AnyTypeAndInversion()
    {
        Assert.Multiple(() =>
        {
            Assert.That(IcmpMatch.ForType(IcmpMatch.AnyType).Matches(Packets.Icmp("1.1.1.1", "2.2.2.2", 13)), Is.True);
            Assert.That(IcmpMatch.ForType(8, invert: true).Matches(Packets.Icmp("1.1.1.1", "2.2.2.2", 8)), Is.False);
            Assert.That(IcmpMatch.ForType(8, invert: true).Matches(Packets.Icmp("1.1.1.1", "2.2.2.2", 0)), Is.True);
            Assert.That(IcmpMatch.ForType(8).Matches(Packets.Tcp("1.1.1.1", 8, "2.2.2.2", 8)), Is.False, "not ICMP");
        });
    }
}
