using Simulator.Netfilter.Matches;

namespace Simulator.Netfilter.Tests.Matches;

public class PortMatchTests
{
    [Test]
    public void TcpDestinationPort()
    {
        var match = TcpMatch.Default with { DestinationPorts = PortRange.Single(22) };
        Assert.Multiple(() =>
        {
            Assert.That(match.Matches(Packets.Tcp("1.1.1.1", 5000, "2.2.2.2", 22)), Is.True);
            Assert.That(match.Matches(Packets.Tcp("1.1.1.1", 5000, "2.2.2.2", 23)), Is.False);
            Assert.That(match.Matches(Packets.Icmp("1.1.1.1", "2.2.2.2", 8)), Is.False, "no ports");
            // nf_tables reads the port wherever the transport header has it: the rule's -p decides.
            Assert.That(match.Matches(Packets.Udp("1.1.1.1", 5000, "2.2.2.2", 22)), Is.True);
        });
    }

    [Test]
    public void TcpInvertedSourceRange()
    {
        var match = TcpMatch.Default with { SourcePorts = new PortRange(1000, 2000), InvertSource = true };
        Assert.Multiple(() =>
        {
            Assert.That(match.Matches(Packets.Tcp("1.1.1.1", 1500, "2.2.2.2", 80)), Is.False);
            Assert.That(match.Matches(Packets.Tcp("1.1.1.1", 2001, "2.2.2.2", 80)), Is.True);
        });
    }

    [Test]
    public void TcpFlags()
    {
        var syn = TcpMatch.Default with { FlagMask = TcpMatch.SynMask, FlagCompare = TcpMatch.Syn };
        var packet = Packets.Tcp("1.1.1.1", 1, "2.2.2.2", 2);
        Assert.Multiple(() =>
        {
            Assert.That(syn.Matches(packet with { TcpFlags = 0x02 }), Is.True, "SYN");
            Assert.That(syn.Matches(packet with { TcpFlags = 0x12 }), Is.False, "SYN+ACK");
            Assert.That(syn.Matches(packet with { TcpFlags = 0x0A }), Is.True, "SYN+PSH: PSH is not looked at");
            Assert.That((syn with { InvertFlags = true }).Matches(packet with { TcpFlags = 0x10 }), Is.True);
            Assert.That(syn.RequiredProtocol, Is.Zero);
            Assert.That(TcpMatch.Default.RequiredProtocol, Is.EqualTo((byte)6), "a bare -m tcp needs -p tcp");
        });
    }

    [Test]
    public void NonFirstFragmentHasNoPorts()
    {
        var packet = Packets.Tcp("1.1.1.1", 1, "2.2.2.2", 2) with { IsFragment = true };
        Assert.Multiple(() =>
        {
            Assert.That(TcpMatch.Default.Matches(packet), Is.False);
            Assert.That(UdpMatch.Default.Matches(packet with { Protocol = 17 }), Is.False);
        });
    }

    [Test]
    public void UdpBothPorts()
    {
        var match = new UdpMatch(PortRange.Single(67), false, PortRange.Single(68), false);
        Assert.Multiple(() =>
        {
            Assert.That(match.Matches(Packets.Udp("0.0.0.0", 67, "255.255.255.255", 68)), Is.True);
            Assert.That(match.Matches(Packets.Udp("0.0.0.0", 68, "255.255.255.255", 67)), Is.False);
        });
    }

    [Test]
    public void MultiportDestinationList()
    {
        var match = new MultiportMatch(MultiportDirection.Destination, [PortRange.Single(80), PortRange.Single(443), new PortRange(8000, 8080)], false);
        Assert.Multiple(() =>
        {
            Assert.That(match.Matches(Packets.Tcp("1.1.1.1", 443, "2.2.2.2", 80)), Is.True);
            Assert.That(match.Matches(Packets.Tcp("1.1.1.1", 80, "2.2.2.2", 8040)), Is.True);
            Assert.That(match.Matches(Packets.Tcp("1.1.1.1", 80, "2.2.2.2", 22)), Is.False, "source port is not looked at");
        });
    }

    [Test]
    public void MultiportEitherAndInvert()
    {
        var either = new MultiportMatch(MultiportDirection.Either, [PortRange.Single(53)], false);
        var notEither = either with { Invert = true };
        Assert.Multiple(() =>
        {
            Assert.That(either.Matches(Packets.Udp("1.1.1.1", 53, "2.2.2.2", 9999)), Is.True);
            Assert.That(either.Matches(Packets.Udp("1.1.1.1", 9999, "2.2.2.2", 53)), Is.True);
            Assert.That(notEither.Matches(Packets.Udp("1.1.1.1", 9999, "2.2.2.2", 53)), Is.False);
            Assert.That(notEither.Matches(Packets.Udp("1.1.1.1", 1, "2.2.2.2", 2)), Is.True);
            Assert.That(either.Matches(Packets.Icmp("1.1.1.1", "2.2.2.2", 8)), Is.False, "ICMP has no ports");
        });
    }

    [Test]
    public void MultiportEqualityComparesPorts()
    {
        var a = new MultiportMatch(MultiportDirection.Destination, [PortRange.Single(80), PortRange.Single(443)], false);
        var b = new MultiportMatch(MultiportDirection.Destination, [PortRange.Single(80), PortRange.Single(443)], false);
        var c = new MultiportMatch(MultiportDirection.Destination, [PortRange.Single(80)], false);
        Assert.Multiple(() =>
        {
            Assert.That(a, Is.EqualTo(b));
            Assert.That(a, Is.Not.EqualTo(c));
        });
    }

    [Test]
    public void MultiportSlotsCountRangesTwice() =>
        Assert.That(MultiportMatch.SlotsUsed([PortRange.Single(1), new PortRange(2, 3)]), Is.EqualTo(3));
}
