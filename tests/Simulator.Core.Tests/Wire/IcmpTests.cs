using Simulator.Core.Addressing;
using Simulator.Core.Tracing;
using Simulator.Core.Wire;

namespace Simulator.Core.Tests.Wire;

public class IcmpTests
{
    private static readonly Ipv4Address HostA = Ipv4Address.Parse("192.168.1.10");
    private static readonly Ipv4Address HostB = Ipv4Address.Parse("192.168.1.1");

    // scapy: ICMP(type=8, id=0x1234, seq=1) / b"abcdefgh"
    private static readonly byte[] EchoRequest = Hex.Parse("""
        08                  // type: echo request
        00                  // code
        54 35               // checksum
        12 34               // identifier
        00 01               // sequence number
        61 62 63 64 65 66 67 68   // data "abcdefgh"
        """);

    // scapy: ICMP(type=0, id=0x1234, seq=1) / b"abcdefgh"
    private static readonly byte[] EchoReply = Hex.Parse("""
        00 00               // type: echo reply, code 0
        5c 35               // checksum
        12 34 00 01         // identifier, sequence number
        61 62 63 64 65 66 67 68
        """);

    // The datagram the errors below complain about.
    // scapy: IP(src="192.168.1.10", dst="192.168.1.1", id=0x4242, flags="DF")
    //        / UDP(sport=40000, dport=33434) / b"payload!"
    private static readonly byte[] OffendingUdp = Hex.Parse("""
        45 00 00 24 42 42 40 00 40 11 75 2b c0 a8 01 0a c0 a8 01 01   // IPv4 header
        9c 40 82 9a 00 10 a0 46                                       // UDP 40000 -> 33434
        70 61 79 6c 6f 61 64 21                                       // "payload!"
        """);

    // scapy: ICMP(type=3, code=3) / bytes(that datagram)
    private static readonly byte[] PortUnreachable = Hex.Parse($"""
        03                  // type: destination unreachable
        03                  // code: port unreachable
        80 7a               // checksum
        00 00 00 00         // unused
        {Hex.Format(OffendingUdp)}   // the whole offending datagram
        """);

    // scapy: ICMP(type=3, code=4, nexthopmtu=1400) / bytes(IP(src="192.168.1.10", dst="192.168.1.1", id=1,
    //        flags="DF") / TCP(sport=43210, dport=80, seq=0x01020304, flags="S", window=64240))[:28]
    private static readonly byte[] FragmentationNeeded = Hex.Parse("""
        03 04               // destination unreachable, fragmentation needed
        4a 63               // checksum
        00 00               // unused
        05 78               // next-hop MTU 1400
        45 00 00 28 00 01 40 00 40 06 b7 73 c0 a8 01 0a c0 a8 01 01   // quoted IPv4 header (total 40)
        a8 ca 00 50 01 02 03 04                                       // first 8 bytes of the TCP header
        """);

    // The quoted datagram of the next three: a ping with TTL 1.
    // scapy: IP(src="192.168.1.10", dst="8.8.8.8", id=0x1c46, flags="DF", ttl=1)
    //        / ICMP(type=8, id=0x1234, seq=7) / b"abcdefgh", first 28 bytes
    private const string QuotedPing = "450000241c46400001018bd1c0a8010a08080808 0800542f12340007";

    // scapy: ICMP(type=11, code=0) / quoted
    private static readonly byte[] TimeExceeded = Hex.Parse($"""
        0b 00               // time exceeded, TTL exceeded in transit
        86 95               // checksum
        00 00 00 00         // unused
        {QuotedPing}
        """);

    // scapy: ICMP(type=5, code=1, gw="192.168.1.254") / quoted
    private static readonly byte[] Redirect = Hex.Parse($"""
        05 01               // redirect, for the host
        c9 ed               // checksum
        c0 a8 01 fe         // gateway 192.168.1.254
        {QuotedPing}
        """);

    // scapy: ICMP(type=12, code=0, ptr=1) / quoted
    private static readonly byte[] ParameterProblem = Hex.Parse($"""
        0c 00               // parameter problem, pointer indicates the error
        84 95               // checksum
        01 00 00 00         // pointer 1, unused
        {QuotedPing}
        """);

    private static IEnumerable<TestCaseData> Goldens()
    {
        yield return new TestCaseData(EchoRequest, IcmpRepr.EchoRequest(0x1234, 1, 8)).SetName("echo request");
        yield return new TestCaseData(EchoReply, IcmpRepr.EchoReply(0x1234, 1, 8)).SetName("echo reply");
        yield return new TestCaseData(PortUnreachable,
            IcmpRepr.DestinationUnreachable(IcmpUnreachableCode.PortUnreachable, 36)).SetName("port unreachable");
        yield return new TestCaseData(FragmentationNeeded,
            IcmpRepr.DestinationUnreachable(IcmpUnreachableCode.FragmentationNeeded, 28, 1400)).SetName("fragmentation needed");
        yield return new TestCaseData(TimeExceeded,
            IcmpRepr.TimeExceeded(IcmpTimeExceededCode.TtlExceededInTransit, 28)).SetName("time exceeded");
        yield return new TestCaseData(Redirect,
            IcmpRepr.Redirect(IcmpRedirectCode.Host, Ipv4Address.Parse("192.168.1.254"), 28)).SetName("redirect");
        yield return new TestCaseData(ParameterProblem, IcmpRepr.ParameterProblem(1, 28)).SetName("parameter problem");
    }

    [Test]
    public void Deconstruct_echo()
    {
        var packet = new IcmpPacket(EchoRequest.AsSpan());
        Assert.That(packet.Type, Is.EqualTo(IcmpType.EchoRequest));
        Assert.That(packet.Code, Is.EqualTo(0));
        Assert.That(packet.Checksum, Is.EqualTo(0x5435));
        Assert.That(packet.Identifier, Is.EqualTo(0x1234));
        Assert.That(packet.SequenceNumber, Is.EqualTo(1));
        Assert.That(packet.Payload.ToArray(), Is.EqualTo("abcdefgh"u8.ToArray()));
        Assert.That(packet.IsChecksumValid, Is.True);
    }

    [Test]
    public void Deconstruct_errors()
    {
        Assert.That(new IcmpPacket(FragmentationNeeded.AsSpan()).NextHopMtu, Is.EqualTo(1400));
        Assert.That(new IcmpPacket(Redirect.AsSpan()).Gateway, Is.EqualTo(Ipv4Address.Parse("192.168.1.254")));
        Assert.That(new IcmpPacket(ParameterProblem.AsSpan()).Pointer, Is.EqualTo(1));
        Assert.That(new IcmpPacket(PortUnreachable.AsSpan()).Payload.ToArray(), Is.EqualTo(OffendingUdp));
    }

    [Test]
    public void Construct()
    {
        var bytes = Hex.Junk(EchoRequest.Length);
        "abcdefgh"u8.CopyTo(bytes.AsSpan(8));
        var packet = new IcmpPacket(bytes)
        {
            Type = IcmpType.EchoRequest,
            Code = 0,
            Identifier = 0x1234,
            SequenceNumber = 1,
        };
        packet.FillChecksum();
        Assert.That(Hex.Format(bytes), Is.EqualTo(Hex.Format(EchoRequest)));
    }

    [TestCaseSource(nameof(Goldens))]
    public void Parse(byte[] golden, IcmpRepr expected)
    {
        Assert.That(IcmpRepr.TryParse(golden, ChecksumMode.Verify, out var repr), Is.EqualTo(DropReason.None));
        Assert.That(repr, Is.EqualTo(expected));
    }

    [TestCaseSource(nameof(Goldens))]
    public void Emit(byte[] golden, IcmpRepr repr)
    {
        var bytes = Hex.Junk(repr.BufferLength);
        repr.Emit(bytes, golden.AsSpan(8));
        Assert.That(Hex.Format(bytes), Is.EqualTo(Hex.Format(golden)));
    }

    [Test]
    public void Emit_accepts_a_payload_already_in_place()
    {
        var bytes = Hex.Junk(EchoRequest.Length);
        "abcdefgh"u8.CopyTo(bytes.AsSpan(8));
        IcmpRepr.EchoRequest(0x1234, 1, 8).Emit(bytes, bytes.AsSpan(8));
        Assert.That(Hex.Format(bytes), Is.EqualTo(Hex.Format(EchoRequest)));
    }

    [Test]
    public void Typed_accessors_read_the_rest_of_header()
    {
        var echo = IcmpRepr.EchoRequest(0xabcd, 0x0102, 0);
        Assert.That((echo.Identifier, echo.SequenceNumber), Is.EqualTo(((ushort)0xabcd, (ushort)0x0102)));
        Assert.That(IcmpRepr.DestinationUnreachable(IcmpUnreachableCode.FragmentationNeeded, 28, 1400).NextHopMtu, Is.EqualTo(1400));
        Assert.That(IcmpRepr.ParameterProblem(9, 28).Pointer, Is.EqualTo(9));
        Assert.That(echo.IsError, Is.False);
        Assert.That(IcmpRepr.TimeExceeded(IcmpTimeExceededCode.FragmentReassemblyTimeExceeded, 28).IsError, Is.True);
    }

    [Test]
    public void Every_unreachable_code_round_trips()
    {
        for (byte code = 0; code <= 15; code++)
        {
            var repr = IcmpRepr.DestinationUnreachable((IcmpUnreachableCode)code, OffendingUdp.Length);
            var bytes = new byte[repr.BufferLength];
            repr.Emit(bytes, OffendingUdp);
            Assert.That(IcmpRepr.TryParse(bytes, ChecksumMode.Verify, out var parsed), Is.EqualTo(DropReason.None));
            Assert.That(parsed, Is.EqualTo(repr));
            Assert.That(parsed.Code, Is.EqualTo(code));
        }
    }

    [Test]
    public void The_quoted_header_of_an_error_can_be_read()
    {
        Assert.That(IcmpRepr.TryParseQuoted(PortUnreachable, ChecksumMode.Verify, out var header, out var quoted),
            Is.EqualTo(DropReason.None));
        Assert.That(header, Is.EqualTo(new Ipv4Repr(HostA, HostB, IpProtocol.Udp, 16, 64)
        {
            Identification = 0x4242,
            DontFragment = true,
        }));
        Assert.That(quoted.ToArray(), Is.EqualTo(OffendingUdp[20..]));
        Assert.That(UdpRepr.TryParse(quoted, header.Source, header.Destination, ChecksumMode.Verify, out var udp),
            Is.EqualTo(DropReason.None));
        Assert.That(udp.DestinationPort, Is.EqualTo(33434));
    }

    [Test]
    public void A_cut_quote_still_gives_the_ports()
    {
        Assert.That(IcmpRepr.TryParseQuoted(FragmentationNeeded, ChecksumMode.Verify, out var header, out var quoted),
            Is.EqualTo(DropReason.None));
        Assert.That(header.PayloadLength, Is.EqualTo(20));
        Assert.That(header.Protocol, Is.EqualTo(IpProtocol.Tcp));
        Assert.That(Hex.Format(quoted), Is.EqualTo("a8ca005001020304"));
    }

    [Test]
    public void The_view_gives_the_quote_in_place_for_rewriting()
    {
        var bytes = (byte[])TimeExceeded.Clone();
        var packet = new IcmpPacket(bytes);
        Assert.That(packet.TryParseQuoted(ChecksumMode.Verify, out var header, out var quoted), Is.EqualTo(DropReason.None));
        Assert.That(header.Destination, Is.EqualTo(Ipv4Address.Parse("8.8.8.8")));
        Assert.That(header.Ttl, Is.EqualTo(1));
        var echo = new IcmpPacket(quoted);
        Assert.That((echo.Type, echo.Identifier, echo.SequenceNumber), Is.EqualTo((IcmpType.EchoRequest, (ushort)0x1234, (ushort)7)));
        echo.Identifier = 0x4321;
        Assert.That(bytes[8 + 20 + 4], Is.EqualTo(0x43));
    }

    [Test]
    public void A_quote_shorter_than_header_and_8_bytes_is_refused()
    {
        // Below 8 + 20 the quoted header is cut; below 8 + 20 + 8 the transport header is.
        for (int length = 0; length < TimeExceeded.Length; length++)
            Assert.That(IcmpRepr.TryParseQuoted(TimeExceeded.AsSpan(0, length), ChecksumMode.Ignore, out _, out _),
                Is.EqualTo(DropReason.HdrTrunc), $"length {length}");
    }

    [Test]
    public void A_quote_with_a_bad_header_says_why()
    {
        var bytes = (byte[])TimeExceeded.Clone();
        bytes[8] = 0x65;
        Assert.That(IcmpRepr.TryParseQuoted(bytes, ChecksumMode.Ignore, out _, out _), Is.EqualTo(DropReason.IpInHdr));
        bytes = (byte[])TimeExceeded.Clone();
        bytes[8 + 8] ^= 1; // TTL of the quoted header
        Assert.That(IcmpRepr.TryParseQuoted(bytes, ChecksumMode.Verify, out _, out _), Is.EqualTo(DropReason.IpCsum));
    }

    [Test]
    public void Truncated_messages_are_HdrTrunc()
    {
        for (int length = 0; length < 8; length++)
            Assert.That(IcmpRepr.TryParse(EchoRequest.AsSpan(0, length), ChecksumMode.Verify, out _),
                Is.EqualTo(DropReason.HdrTrunc), $"length {length}");
    }

    [Test]
    public void A_bad_checksum_is_IcmpCsum()
    {
        var bytes = (byte[])EchoRequest.Clone();
        bytes[^1] ^= 0x20;
        Assert.That(IcmpRepr.TryParse(bytes, ChecksumMode.Verify, out _), Is.EqualTo(DropReason.IcmpCsum));
        Assert.That(IcmpRepr.TryParse(bytes, ChecksumMode.Ignore, out var repr), Is.EqualTo(DropReason.None));
        Assert.That(repr, Is.EqualTo(IcmpRepr.EchoRequest(0x1234, 1, 8)));

        var built = new byte[16];
        IcmpRepr.EchoRequest(0x1234, 1, 8).Emit(built, "abcdefgh"u8, checksum: 0x0bad);
        Assert.That(IcmpRepr.TryParse(built, ChecksumMode.Verify, out _), Is.EqualTo(DropReason.IcmpCsum));
    }

    [Test]
    public void Emit_checks_the_payload_length()
    {
        Assert.Throws<ArgumentException>(() => IcmpRepr.EchoRequest(1, 1, 8).Emit(new byte[16], "abc"u8));
        Assert.Throws<ArgumentException>(() => IcmpRepr.EchoRequest(1, 1, 8).Emit(new byte[15], "abcdefgh"u8));
    }
}
