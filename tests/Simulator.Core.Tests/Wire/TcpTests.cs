using Simulator.Core.Addressing;
using Simulator.Core.Tracing;
using Simulator.Core.Wire;

namespace Simulator.Core.Tests.Wire;

public class TcpTests
{
    private static readonly Ipv4Address HostA = Ipv4Address.Parse("192.168.1.10");
    private static readonly Ipv4Address HostB = Ipv4Address.Parse("192.168.1.1");

    // scapy: TCP(sport=43210, dport=80, seq=0x01020304, ack=0, flags="S", window=64240,
    //            options=[("MSS",1460),("SAckOK",b""),("Timestamp",(0x11223344,0)),("NOP",None),("WScale",7)])
    //        inside IP(src="192.168.1.10", dst="192.168.1.1"): the options of a Linux SYN
    private static readonly byte[] Syn = Hex.Parse("""
        a8 ca               // source port 43210
        00 50               // destination port 80
        01 02 03 04         // sequence number
        00 00 00 00         // acknowledgment number
        a0                  // data offset 10 words (40 bytes), reserved 0
        02                  // flags: SYN
        fa f0               // window 64240
        d8 2c               // checksum, pseudo-header included
        00 00               // urgent pointer
        02 04 05 b4         // option: MSS 1460
        04 02               // option: SACK permitted
        08 0a 11 22 33 44 00 00 00 00   // option: timestamps
        01                  // option: no-op
        03 03 07            // option: window scale 7
        """);

    // scapy: TCP(sport=43210, dport=80, seq=0x01020305, ack=0xa0b0c0d0, flags="PA", window=502)
    //        / b"GET / HTTP/1.0\r\n\r\n", same addresses
    private static readonly byte[] Data = Hex.Parse("""
        a8 ca 00 50         // ports
        01 02 03 05         // sequence number
        a0 b0 c0 d0         // acknowledgment number
        50 18               // data offset 5, flags PSH ACK
        01 f6               // window 502
        3d 26               // checksum
        00 00               // urgent pointer
        47 45 54 20 2f 20 48 54 54 50 2f 31 2e 30 0d 0a 0d 0a   // "GET / HTTP/1.0\r\n\r\n"
        """);

    // scapy: TCP(sport=1, dport=2, seq=3, ack=4, flags="UAEC", window=5, urgptr=0x1234), same addresses
    private static readonly byte[] Urgent = Hex.Parse("""
        00 01 00 02 00 00 00 03 00 00 00 04
        50 f0               // data offset 5, flags CWR ECE URG ACK
        00 05 19 56
        12 34               // urgent pointer
        """);

    private static readonly TcpRepr SynRepr = new(43210, 80, 0x01020304, 0, TcpFlags.Syn, 64240, 0) { OptionsLength = 20 };
    private static readonly TcpRepr DataRepr = new(43210, 80, 0x01020305, 0xa0b0c0d0, TcpFlags.Psh | TcpFlags.Ack, 502, 18);
    private static readonly TcpRepr UrgentRepr =
        new(1, 2, 3, 4, TcpFlags.Urg | TcpFlags.Ack | TcpFlags.Ece | TcpFlags.Cwr, 5, 0) { UrgentPointer = 0x1234 };

    private static IEnumerable<TestCaseData> Goldens()
    {
        yield return new TestCaseData(Syn, SynRepr).SetName("SYN with options");
        yield return new TestCaseData(Data, DataRepr).SetName("data");
        yield return new TestCaseData(Urgent, UrgentRepr).SetName("urgent, ECN");
    }

    [Test]
    public void Deconstruct()
    {
        var packet = new TcpPacket(Syn.AsSpan());
        Assert.That(packet.SourcePort, Is.EqualTo(43210));
        Assert.That(packet.DestinationPort, Is.EqualTo(80));
        Assert.That(packet.SequenceNumber, Is.EqualTo(0x01020304));
        Assert.That(packet.AcknowledgmentNumber, Is.EqualTo(0));
        Assert.That(packet.HeaderLength, Is.EqualTo(40));
        Assert.That(packet.Flags, Is.EqualTo(TcpFlags.Syn));
        Assert.That(packet.WindowSize, Is.EqualTo(64240));
        Assert.That(packet.Checksum, Is.EqualTo(0xd82c));
        Assert.That(packet.UrgentPointer, Is.EqualTo(0));
        Assert.That(packet.Options.ToArray(), Is.EqualTo(Syn[20..]));
        Assert.That(packet.Payload.Length, Is.EqualTo(0));
        Assert.That(packet.IsChecksumValid(HostA, HostB), Is.True);
        Assert.That(new TcpPacket(Data.AsSpan()).Payload.ToArray(), Is.EqualTo("GET / HTTP/1.0\r\n\r\n"u8.ToArray()));
    }

    [Test]
    public void Construct()
    {
        var bytes = Hex.Junk(Data.Length);
        "GET / HTTP/1.0\r\n\r\n"u8.CopyTo(bytes.AsSpan(20));
        var packet = new TcpPacket(bytes)
        {
            SourcePort = 43210,
            DestinationPort = 80,
            SequenceNumber = 0x01020305,
            AcknowledgmentNumber = 0xa0b0c0d0,
            HeaderLength = 20,
            Flags = TcpFlags.Psh | TcpFlags.Ack,
            WindowSize = 502,
            UrgentPointer = 0,
        };
        bytes[TcpPacket.DataOffsetAndFlagsOffset] &= 0xF1; // the reserved bits have no setter
        packet.FillChecksum(HostA, HostB);
        Assert.That(Hex.Format(bytes), Is.EqualTo(Hex.Format(Data)));
    }

    [TestCaseSource(nameof(Goldens))]
    public void Parse(byte[] golden, TcpRepr expected)
    {
        Assert.That(TcpRepr.TryParse(golden, HostA, HostB, ChecksumMode.Verify, out var repr), Is.EqualTo(DropReason.None));
        Assert.That(repr, Is.EqualTo(expected));
    }

    [TestCaseSource(nameof(Goldens))]
    public void Emit(byte[] golden, TcpRepr repr)
    {
        var bytes = Hex.Junk(repr.BufferLength);
        repr.Emit(bytes, HostA, HostB, golden.AsSpan(repr.HeaderLength), golden.AsSpan(20, repr.OptionsLength));
        Assert.That(Hex.Format(bytes), Is.EqualTo(Hex.Format(golden)));
    }

    [Test]
    public void A_bad_checksum_is_TcpCsum()
    {
        var bytes = (byte[])Data.Clone();
        bytes[^3] ^= 0x40;
        Assert.That(TcpRepr.TryParse(bytes, HostA, HostB, ChecksumMode.Verify, out _), Is.EqualTo(DropReason.TcpCsum));
        Assert.That(TcpRepr.TryParse(bytes, HostA, HostB, ChecksumMode.Ignore, out _), Is.EqualTo(DropReason.None));

        bytes = new byte[DataRepr.BufferLength];
        DataRepr.Emit(bytes, HostA, HostB, Data.AsSpan(20), checksum: 0x1234);
        Assert.That(new TcpPacket(bytes).Checksum, Is.EqualTo(0x1234));
        Assert.That(TcpRepr.TryParse(bytes, HostA, HostB, ChecksumMode.Verify, out _), Is.EqualTo(DropReason.TcpCsum));
    }

    [Test]
    public void Truncation_at_every_length_is_HdrTrunc()
    {
        for (int length = 0; length < Syn.Length; length++)
            Assert.That(TcpRepr.TryParse(Syn.AsSpan(0, length), HostA, HostB, ChecksumMode.Verify, out _),
                Is.EqualTo(DropReason.HdrTrunc), $"length {length}");
    }

    [Test]
    public void A_data_offset_below_five_words_is_too_small()
    {
        var bytes = (byte[])Data.Clone();
        bytes[12] = 0x40;
        Assert.That(TcpRepr.TryParse(bytes, HostA, HostB, ChecksumMode.Ignore, out _), Is.EqualTo(DropReason.PktTooSmall));
    }

    [Test]
    public void Reserved_bits_are_neither_read_nor_emitted()
    {
        var bytes = (byte[])Data.Clone();
        bytes[12] |= 0x0E;
        Assert.That(TcpRepr.TryParse(bytes, HostA, HostB, ChecksumMode.Ignore, out var repr), Is.EqualTo(DropReason.None));
        Assert.That(repr, Is.EqualTo(DataRepr));
    }

    [Test]
    public void Emit_checks_options_and_payload()
    {
        var buffer = new byte[100];
        Assert.Throws<ArgumentException>(() => SynRepr.Emit(buffer, HostA, HostB, [], new byte[16]));
        Assert.Throws<InvalidOperationException>(() => (SynRepr with { OptionsLength = 2 }).Emit(buffer, HostA, HostB, [], new byte[2]));
        Assert.Throws<InvalidOperationException>(() => (SynRepr with { OptionsLength = 44 }).Emit(buffer, HostA, HostB, [], new byte[44]));
        Assert.Throws<ArgumentException>(() => DataRepr.Emit(buffer, HostA, HostB, new byte[3]));
    }
}
