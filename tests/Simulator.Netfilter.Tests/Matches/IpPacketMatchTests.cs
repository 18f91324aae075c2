using Simulator.Core.Addressing;
using Simulator.Netfilter.Matches;

namespace Simulator.Netfilter.Tests.Matches;

public class IpPacketMatchTests
{
    private static readonly PacketContext Packet = Packets.Tcp("192.168.1.7", 40000, "10.0.0.1", 22) with
    {
        InDevice = "eth0",
        OutDevice = "br-lan",
    };

    [Test]
    public void EmptyMatchesEverything() => Assert.That(IpPacketMatch.Any.Matches(Packet), Is.True);

    [Test]
    public void SourceIsMaskedLikeIptables()
    {
        var ip = IpPacketMatch.Any.WithSource(Ipv4Address.Parse("192.168.1.1"), Ipv4Address.Parse("255.255.255.0"));
        Assert.Multiple(() =>
        {
            Assert.That(ip.Source, Is.EqualTo(Ipv4Address.Parse("192.168.1.0")));
            Assert.That(ip.Matches(Packet), Is.True);
            Assert.That(ip.Matches(Packet with { Source = Ipv4Address.Parse("192.168.2.7") }), Is.False);
        });
    }

    [Test]
    public void InvertedDestination()
    {
        var ip = IpPacketMatch.Any.WithDestination(Ipv4Address.Parse("10.0.0.0"), Ipv4Address.Parse("255.0.0.0"))
            with { Inversions = IpInversions.Destination };
        Assert.Multiple(() =>
        {
            Assert.That(ip.Matches(Packet), Is.False);
            Assert.That(ip.Matches(Packet with { Destination = Ipv4Address.Parse("11.0.0.1") }), Is.True);
        });
    }

    [Test]
    public void NonContiguousMask()
    {
        var ip = IpPacketMatch.Any.WithSource(Ipv4Address.Parse("10.0.0.0"), Ipv4Address.Parse("255.0.255.0"));
        Assert.Multiple(() =>
        {
            Assert.That(ip.Matches(Packet with { Source = Ipv4Address.Parse("10.9.0.5") }), Is.True);
            Assert.That(ip.Matches(Packet with { Source = Ipv4Address.Parse("10.9.1.5") }), Is.False);
        });
    }

    [TestCase("eth0", "eth0", true)]
    [TestCase("eth0", "eth1", false)]
    [TestCase("eth+", "eth1", true)]
    [TestCase("eth+", "veth1", false)]
    [TestCase("eth0", null, false)]
    [TestCase("+", null, true)]
    public void InInterface(string pattern, string? device, bool expected)
    {
        var ip = IpPacketMatch.Any with { InInterface = InterfacePattern.Parse(pattern) };
        Assert.That(ip.Matches(Packet with { InDevice = device }), Is.EqualTo(expected));
    }

    [Test]
    public void InvertedOutInterface()
    {
        var ip = IpPacketMatch.Any with { OutInterface = InterfacePattern.Parse("br+"), Inversions = IpInversions.OutInterface };
        Assert.Multiple(() =>
        {
            Assert.That(ip.Matches(Packet), Is.False);
            Assert.That(ip.Matches(Packet with { OutDevice = "eth0" }), Is.True);
        });
    }

    [Test]
    public void ProtocolZeroIsAll()
    {
        Assert.Multiple(() =>
        {
            Assert.That((IpPacketMatch.Any with { Protocol = 6 }).Matches(Packet), Is.True);
            Assert.That((IpPacketMatch.Any with { Protocol = 17 }).Matches(Packet), Is.False);
            Assert.That((IpPacketMatch.Any with { Protocol = 17, Inversions = IpInversions.Protocol }).Matches(Packet), Is.True);
        });
    }

    [Test]
    public void FragmentsOnly()
    {
        var ip = IpPacketMatch.Any with { FragmentsOnly = true };
        Assert.Multiple(() =>
        {
            Assert.That(ip.Matches(Packet), Is.False);
            Assert.That(ip.Matches(Packet with { IsFragment = true }), Is.True);
        });
    }
}
