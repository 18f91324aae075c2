using Simulator.Core.Addressing;
using Simulator.Core.Tracing;
using Simulator.Core.Wire;

namespace Simulator.Core.Tests.Wire;

public class EthernetTests
{
    private static readonly MacAddress StationA = MacAddress.Parse("52:54:00:12:34:56");
    private static readonly MacAddress StationB = MacAddress.Parse("0a:1b:2c:3d:4e:5f");

    // scapy: Ether(dst="0a:1b:2c:3d:4e:5f", src="52:54:00:12:34:56", type=0x0800)
    private static readonly byte[] Untagged = Hex.Parse("""
        0a 1b 2c 3d 4e 5f   // destination
        52 54 00 12 34 56   // source
        08 00               // EtherType: IPv4
        """);

    // scapy: Ether(dst="0a:1b:2c:3d:4e:5f", src="52:54:00:12:34:56")/Dot1Q(prio=5, id=1, vlan=100, type=0x0806)
    private static readonly byte[] Tagged = Hex.Parse("""
        0a 1b 2c 3d 4e 5f   // destination
        52 54 00 12 34 56   // source
        81 00               // TPID: 802.1Q
        b0 64               // TCI: PCP 5, DEI 1, VID 100
        08 06               // EtherType of the payload: ARP
        """);

    private static readonly EthernetRepr UntaggedRepr = new(StationB, StationA, EtherType.Ipv4);
    private static readonly EthernetRepr TaggedRepr = new(StationB, StationA, EtherType.Arp, new VlanTag(100, 5, true));

    [Test]
    public void Deconstruct()
    {
        var frame = new EthernetFrame(Untagged.AsSpan());
        Assert.That(frame.Destination, Is.EqualTo(StationB));
        Assert.That(frame.Source, Is.EqualTo(StationA));
        Assert.That(frame.EtherType, Is.EqualTo(EtherType.Ipv4));
        Assert.That(frame.HasVlanTag, Is.False);
        Assert.That(frame.PayloadEtherType, Is.EqualTo(EtherType.Ipv4));
        Assert.That(frame.HeaderLength, Is.EqualTo(14));
    }

    [Test]
    public void Deconstruct_tagged()
    {
        var frame = new EthernetFrame(Tagged.AsSpan());
        Assert.That(frame.EtherType, Is.EqualTo(EtherType.Vlan));
        Assert.That(frame.HasVlanTag, Is.True);
        Assert.That(frame.VlanTag, Is.EqualTo(new VlanTag(100, 5, true)));
        Assert.That(frame.PayloadEtherType, Is.EqualTo(EtherType.Arp));
        Assert.That(frame.HeaderLength, Is.EqualTo(18));
    }

    [Test]
    public void Construct()
    {
        var bytes = Hex.Junk(14);
        _ = new EthernetFrame(bytes) { Destination = StationB, Source = StationA, EtherType = EtherType.Ipv4 };
        Assert.That(Hex.Format(bytes), Is.EqualTo(Hex.Format(Untagged)));
    }

    [Test]
    public void Parse()
    {
        Assert.That(EthernetRepr.TryParse(Untagged, out var repr), Is.EqualTo(DropReason.None));
        Assert.That(repr, Is.EqualTo(UntaggedRepr));
        Assert.That(EthernetRepr.TryParse(Tagged, out repr), Is.EqualTo(DropReason.None));
        Assert.That(repr, Is.EqualTo(TaggedRepr));
    }

    [Test]
    public void Emit()
    {
        var bytes = Hex.Junk(UntaggedRepr.HeaderLength);
        UntaggedRepr.Emit(bytes);
        Assert.That(Hex.Format(bytes), Is.EqualTo(Hex.Format(Untagged)));

        bytes = Hex.Junk(TaggedRepr.HeaderLength);
        TaggedRepr.Emit(bytes);
        Assert.That(Hex.Format(bytes), Is.EqualTo(Hex.Format(Tagged)));
    }

    [Test]
    public void Payload_follows_the_header_and_keeps_padding()
    {
        byte[] frame = [.. Untagged, 1, 2, 3];
        Assert.That(new EthernetFrame(frame).Payload.ToArray(), Is.EqualTo(new byte[] { 1, 2, 3 }));
        byte[] tagged = [.. Tagged, 9];
        Assert.That(new EthernetFrame(tagged).Payload.ToArray(), Is.EqualTo(new byte[] { 9 }));
    }

    [Test]
    public void Truncated_headers_are_HdrTrunc()
    {
        for (int length = 0; length < Untagged.Length; length++)
            Assert.That(EthernetRepr.TryParse(Untagged.AsSpan(0, length), out _), Is.EqualTo(DropReason.HdrTrunc), $"length {length}");
        for (int length = 0; length < Tagged.Length; length++)
            Assert.That(EthernetRepr.TryParse(Tagged.AsSpan(0, length), out _), Is.EqualTo(DropReason.HdrTrunc), $"length {length}");
    }

    [Test]
    public void A_second_tag_shows_as_the_payload_type()
    {
        byte[] qinq = Hex.Parse("0a1b2c3d4e5f 525400123456 8100 0064 8100 00c8 0800");
        Assert.That(EthernetRepr.TryParse(qinq, out var repr), Is.EqualTo(DropReason.None));
        Assert.That(repr.EtherType, Is.EqualTo(EtherType.Vlan));
        Assert.That(repr.Vlan, Is.EqualTo(new VlanTag(100)));
    }

    [Test]
    public void Emit_refuses_a_short_buffer_and_a_bad_tag()
    {
        Assert.Throws<ArgumentException>(() => UntaggedRepr.Emit(new byte[13]));
        var bad = UntaggedRepr with { Vlan = new VlanTag(4096) };
        Assert.Throws<InvalidOperationException>(() => bad.Emit(new byte[18]));
    }
}
