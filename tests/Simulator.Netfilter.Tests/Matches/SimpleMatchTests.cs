using Simulator.Core.Addressing;
using Simulator.Netfilter.Matches;

namespace Simulator.Netfilter.Tests.Matches;

public class SimpleMatchTests
{
    private static readonly PacketContext Packet = Packets.Tcp("1.1.1.1", 1, "2.2.2.2", 2) with
    {
        SourceMac = MacAddress.Parse("00:11:22:33:44:55"),
        Mark = 0x15,
    };

    [Test]
    public void Mac()
    {
        var match = new MacMatch(MacAddress.Parse("00:11:22:33:44:55"), false);
        Assert.Multiple(() =>
        {
            Assert.That(match.Matches(Packet), Is.True);
            Assert.That((match with { Invert = true }).Matches(Packet), Is.False);
            Assert.That(match.Matches(Packet with { SourceMac = MacAddress.Parse("00:11:22:33:44:56") }), Is.False);
            // No Ethernet header (locally generated): no match, negated or not (mac_mt).
            Assert.That((match with { Invert = true }).Matches(Packet with { SourceMac = default }), Is.False);
            Assert.That(match.ValidHooks.Contains(NetfilterHook.LocalOut), Is.False);
        });
    }

    [Test]
    public void Mark()
    {
        Assert.Multiple(() =>
        {
            Assert.That(new MarkMatch(0x15, 0xFFFFFFFF, false).Matches(Packet), Is.True);
            Assert.That(new MarkMatch(0x10, 0xF0, false).Matches(Packet), Is.True);
            Assert.That(new MarkMatch(0x10, 0xF0, true).Matches(Packet), Is.False);
            Assert.That(new MarkMatch(0x1, 0xFFFFFFFF, false).Matches(Packet), Is.False);
        });
    }

    [Test]
    public void CommentAlwaysMatches() => Assert.That(new CommentMatch("x").Matches(Packet), Is.True);
}
