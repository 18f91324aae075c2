using Simulator.Core.Addressing;
using Simulator.Core.Tracing;
using Simulator.Core.Wire;

namespace Simulator.Core.Tests.Wire;

public class ArpTests
{
    private static readonly MacAddress StationA = MacAddress.Parse("52:54:00:12:34:56");
    private static readonly MacAddress StationB = MacAddress.Parse("0a:1b:2c:3d:4e:5f");
    private static readonly Ipv4Address HostA = Ipv4Address.Parse("192.168.1.10");
    private static readonly Ipv4Address HostB = Ipv4Address.Parse("192.168.1.1");

    // scapy: ARP(op=1, hwsrc="52:54:00:12:34:56", psrc="192.168.1.10", hwdst="00:00:00:00:00:00", pdst="192.168.1.1")
    private static readonly byte[] Request = Hex.Parse("""
        00 01               // hardware type: Ethernet
        08 00               // protocol type: IPv4
        06                  // hardware address length
        04                  // protocol address length
        00 01               // operation: request
        52 54 00 12 34 56   // sender hardware address
        c0 a8 01 0a         // sender protocol address 192.168.1.10
        00 00 00 00 00 00   // target hardware address (unknown)
        c0 a8 01 01         // target protocol address 192.168.1.1
        """);

    // scapy: ARP(op=2, hwsrc="0a:1b:2c:3d:4e:5f", psrc="192.168.1.1", hwdst="52:54:00:12:34:56", pdst="192.168.1.10")
    private static readonly byte[] Reply = Hex.Parse("""
        00 01 08 00 06 04   // Ethernet, IPv4, 6, 4
        00 02               // operation: reply
        0a 1b 2c 3d 4e 5f   // sender hardware address
        c0 a8 01 01         // sender protocol address 192.168.1.1
        52 54 00 12 34 56   // target hardware address
        c0 a8 01 0a         // target protocol address 192.168.1.10
        """);

    private static readonly ArpRepr RequestRepr = ArpRepr.Request(StationA, HostA, HostB);
    private static readonly ArpRepr ReplyRepr = ArpRepr.Reply(StationB, HostB, StationA, HostA);

    [Test]
    public void Deconstruct()
    {
        var packet = new ArpPacket(Request.AsSpan());
        Assert.That(packet.HardwareType, Is.EqualTo(1));
        Assert.That(packet.ProtocolType, Is.EqualTo(EtherType.Ipv4));
        Assert.That(packet.HardwareLength, Is.EqualTo(6));
        Assert.That(packet.ProtocolLength, Is.EqualTo(4));
        Assert.That(packet.Operation, Is.EqualTo(ArpOperation.Request));
        Assert.That(packet.SenderHardwareAddress, Is.EqualTo(StationA));
        Assert.That(packet.SenderProtocolAddress, Is.EqualTo(HostA));
        Assert.That(packet.TargetHardwareAddress, Is.EqualTo(MacAddress.Zero));
        Assert.That(packet.TargetProtocolAddress, Is.EqualTo(HostB));
    }

    [Test]
    public void Construct()
    {
        var bytes = Hex.Junk(ArpPacket.Length);
        _ = new ArpPacket(bytes)
        {
            HardwareType = 1,
            ProtocolType = EtherType.Ipv4,
            HardwareLength = 6,
            ProtocolLength = 4,
            Operation = ArpOperation.Reply,
            SenderHardwareAddress = StationB,
            SenderProtocolAddress = HostB,
            TargetHardwareAddress = StationA,
            TargetProtocolAddress = HostA,
        };
        Assert.That(Hex.Format(bytes), Is.EqualTo(Hex.Format(Reply)));
    }

    [Test]
    public void Parse()
    {
        Assert.That(ArpRepr.TryParse(Request, out var repr), Is.EqualTo(DropReason.None));
        Assert.That(repr, Is.EqualTo(RequestRepr));
        Assert.That(ArpRepr.TryParse(Reply, out repr), Is.EqualTo(DropReason.None));
        Assert.That(repr, Is.EqualTo(ReplyRepr));
    }

    [Test]
    public void Parse_ignores_Ethernet_padding()
    {
        byte[] padded = [.. Request, .. new byte[18]];
        Assert.That(ArpRepr.TryParse(padded, out var repr), Is.EqualTo(DropReason.None));
        Assert.That(repr, Is.EqualTo(RequestRepr));
    }

    [Test]
    public void Emit()
    {
        var bytes = Hex.Junk(RequestRepr.BufferLength);
        RequestRepr.Emit(bytes);
        Assert.That(Hex.Format(bytes), Is.EqualTo(Hex.Format(Request)));
        bytes = Hex.Junk(ReplyRepr.BufferLength);
        ReplyRepr.Emit(bytes);
        Assert.That(Hex.Format(bytes), Is.EqualTo(Hex.Format(Reply)));
    }

    [Test]
    public void Truncated_packets_are_HdrTrunc()
    {
        for (int length = 0; length < Request.Length; length++)
            Assert.That(ArpRepr.TryParse(Request.AsSpan(0, length), out _), Is.EqualTo(DropReason.HdrTrunc), $"length {length}");
    }

    [TestCase(1, 0x06, DropReason.UnhandledProto)] // hardware type Ethernet -> IEEE 802
    [TestCase(2, 0x86, DropReason.UnhandledProto)] // protocol type 0x0800 -> 0x8600
    [TestCase(4, 0x08, DropReason.Malformed)]      // hardware length 6 -> 8
    [TestCase(5, 0x10, DropReason.Malformed)]      // protocol length 4 -> 16
    [TestCase(7, 0x03, DropReason.UnhandledProto)] // operation: RARP request
    public void Foreign_or_inconsistent_packets_are_refused(int offset, byte value, DropReason expected)
    {
        var bytes = (byte[])Request.Clone();
        bytes[offset] = value;
        Assert.That(ArpRepr.TryParse(bytes, out var repr), Is.EqualTo(expected));
        Assert.That(repr, Is.EqualTo(default(ArpRepr)));
    }
}
