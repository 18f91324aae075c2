using Simulator.Core.Addressing;
using Simulator.Core.Tracing;
using Simulator.Core.Wire;

namespace Simulator.Core.Tests.Wire;

public class Ipv4Tests
{
    private static readonly Ipv4Address HostA = Ipv4Address.Parse("192.168.1.10");
    private static readonly Ipv4Address HostB = Ipv4Address.Parse("192.168.1.1");

    // scapy: IP(src="192.168.1.10", dst="192.168.1.1", ttl=64, id=0x1c46, flags="DF")
    //        / ICMP(type=8, id=0x1234, seq=1) / b"abcdefgh"
    private static readonly byte[] Datagram = Hex.Parse("""
        45                  // version 4, IHL 5
        00                  // TOS
        00 24               // total length 36
        1c 46               // identification
        40 00               // flags DF, fragment offset 0
        40                  // TTL 64
        01                  // protocol ICMP
        9b 37               // header checksum
        c0 a8 01 0a         // source 192.168.1.10
        c0 a8 01 01         // destination 192.168.1.1
        08 00 54 35 12 34 00 01 61 62 63 64 65 66 67 68   // payload: an ICMP echo request
        """);

    // scapy: IP(src="192.168.1.10", dst="192.168.1.1", ttl=64, id=0x1c46, flags="MF", frag=185, proto=17) / b"12345678"
    private static readonly byte[] Fragment = Hex.Parse("""
        45 00 00 1c 1c 46
        20 b9               // flags MF, fragment offset 185 (× 8 = 1480 bytes)
        40 11 ba 76 c0 a8 01 0a c0 a8 01 01
        31 32 33 34 35 36 37 38
        """);

    // scapy: IP(src="192.168.1.10", dst="192.168.1.1", ttl=64, id=1, options=[IPOption_RR(routers=["0.0.0.0"])])
    //        / UDP(sport=1, dport=2)
    private static readonly byte[] WithOptions = Hex.Parse("""
        47                  // version 4, IHL 7: 8 bytes of options
        00 00 24 00 01 00 00 40 11
        ea 65               // header checksum, options included
        c0 a8 01 0a c0 a8 01 01
        07 07 04 00 00 00 00 00   // option: record route, one slot
        00 01 00 02 00 08 7c 7f   // payload: UDP header
        """);

    private static readonly Ipv4Repr DatagramRepr = new(HostA, HostB, IpProtocol.Icmp, 16, 64)
    {
        Identification = 0x1c46,
        DontFragment = true,
    };

    private static Span<byte> Header(byte[] bytes) => bytes.AsSpan(0, 20);

    [Test]
    public void Deconstruct()
    {
        var packet = new Ipv4Packet(Datagram.AsSpan());
        Assert.That(packet.Version, Is.EqualTo(4));
        Assert.That(packet.HeaderLength, Is.EqualTo(20));
        Assert.That(packet.Tos, Is.EqualTo(0));
        Assert.That(packet.TotalLength, Is.EqualTo(36));
        Assert.That(packet.Identification, Is.EqualTo(0x1c46));
        Assert.That(packet.DontFragment, Is.True);
        Assert.That(packet.MoreFragments, Is.False);
        Assert.That(packet.FragmentOffset, Is.EqualTo(0));
        Assert.That(packet.IsFragment, Is.False);
        Assert.That(packet.Ttl, Is.EqualTo(64));
        Assert.That(packet.Protocol, Is.EqualTo(IpProtocol.Icmp));
        Assert.That(packet.Checksum, Is.EqualTo(0x9b37));
        Assert.That(packet.IsChecksumValid, Is.True);
        Assert.That(packet.ComputeChecksum(), Is.EqualTo(0x9b37));
        Assert.That(packet.Source, Is.EqualTo(HostA));
        Assert.That(packet.Destination, Is.EqualTo(HostB));
        Assert.That(packet.Options.Length, Is.EqualTo(0));
        Assert.That(packet.Payload.ToArray(), Is.EqualTo(Datagram[20..]));
    }

    [Test]
    public void Construct()
    {
        var bytes = Hex.Junk(20);
        var packet = new Ipv4Packet(bytes)
        {
            Version = 4,
            HeaderLength = 20,
            Tos = 0,
            TotalLength = 36,
            Identification = 0x1c46,
            DontFragment = true,
            MoreFragments = false,
            FragmentOffset = 0,
            Ttl = 64,
            Protocol = IpProtocol.Icmp,
            Source = HostA,
            Destination = HostB,
        };
        bytes[Ipv4Packet.FlagsAndFragmentOffsetOffset] &= 0x7F; // the reserved flag has no setter
        packet.FillChecksum();
        Assert.That(Hex.Format(bytes), Is.EqualTo(Hex.Format(Header(Datagram))));
    }

    [Test]
    public void Parse()
    {
        Assert.That(Ipv4Repr.TryParse(Datagram, ChecksumMode.Verify, out var repr), Is.EqualTo(DropReason.None));
        Assert.That(repr, Is.EqualTo(DatagramRepr));
    }

    [Test]
    public void Emit()
    {
        var bytes = Hex.Junk(DatagramRepr.HeaderLength);
        DatagramRepr.Emit(bytes);
        Assert.That(Hex.Format(bytes), Is.EqualTo(Hex.Format(Header(Datagram))));
    }

    [Test]
    public void Emit_writes_a_requested_checksum_and_parse_catches_it()
    {
        var bytes = (byte[])Datagram.Clone();
        DatagramRepr.Emit(bytes, checksum: 0xdead);
        Assert.That(new Ipv4Packet(bytes).Checksum, Is.EqualTo(0xdead));
        Assert.That(Ipv4Repr.TryParse(bytes, ChecksumMode.Verify, out _), Is.EqualTo(DropReason.IpCsum));
        Assert.That(Ipv4Repr.TryParse(bytes, ChecksumMode.Ignore, out var repr), Is.EqualTo(DropReason.None));
        Assert.That(repr, Is.EqualTo(DatagramRepr));
    }

    [Test]
    public void Padding_after_the_total_length_is_not_payload()
    {
        byte[] padded = [.. Datagram, .. new byte[10]];
        Assert.That(Ipv4Repr.TryParse(padded, ChecksumMode.Verify, out var repr), Is.EqualTo(DropReason.None));
        Assert.That(repr.PayloadLength, Is.EqualTo(16));
        Assert.That(new Ipv4Packet(padded).Payload.Length, Is.EqualTo(16));
    }

    [Test]
    public void Options_are_skipped_by_their_length()
    {
        Assert.That(Ipv4Repr.TryParse(WithOptions, ChecksumMode.Verify, out var repr), Is.EqualTo(DropReason.None));
        Assert.That(repr, Is.EqualTo(new Ipv4Repr(HostA, HostB, IpProtocol.Udp, 8, 64) { Identification = 1, OptionsLength = 8 }));
        Assert.That(repr.HeaderLength, Is.EqualTo(28));
        var packet = new Ipv4Packet(WithOptions.AsSpan());
        Assert.That(Hex.Format(packet.Options), Is.EqualTo("0707040000000000"));
        Assert.That(Hex.Format(packet.Payload), Is.EqualTo("0001000200087c7f"));
    }

    [Test]
    public void Emitted_options_are_end_of_list_padding()
    {
        var repr = new Ipv4Repr(HostA, HostB, IpProtocol.Udp, 0) { OptionsLength = 4 };
        var bytes = Hex.Junk(repr.HeaderLength);
        repr.Emit(bytes);
        Assert.That(Hex.Format(bytes.AsSpan(20)), Is.EqualTo("00000000"));
        Assert.That(Ipv4Repr.TryParse(bytes, ChecksumMode.Verify, out var parsed), Is.EqualTo(DropReason.None));
        Assert.That(parsed, Is.EqualTo(repr));
    }

    [Test]
    public void Fragments_are_recognised_and_still_described()
    {
        Assert.That(Ipv4Repr.TryParse(Fragment, ChecksumMode.Verify, out var repr), Is.EqualTo(DropReason.IpFragment));
        Assert.That(repr, Is.EqualTo(new Ipv4Repr(HostA, HostB, IpProtocol.Udp, 8, 64)
        {
            Identification = 0x1c46,
            MoreFragments = true,
            FragmentOffset = 1480,
        }));
        Assert.That(repr.IsFragment, Is.True);
        Assert.That(new Ipv4Packet(Fragment.AsSpan()).IsFragment, Is.True);

        var bytes = Hex.Junk(Fragment.Length);
        repr.Emit(bytes);
        Fragment.AsSpan(20).CopyTo(bytes.AsSpan(20));
        Assert.That(Hex.Format(bytes), Is.EqualTo(Hex.Format(Fragment)));
    }

    [Test]
    public void The_last_fragment_is_a_fragment_too()
    {
        var last = new Ipv4Repr(HostA, HostB, IpProtocol.Udp, 8) { FragmentOffset = 1480 };
        var bytes = new byte[last.BufferLength];
        last.Emit(bytes);
        Assert.That(Ipv4Repr.TryParse(bytes, ChecksumMode.Verify, out var parsed), Is.EqualTo(DropReason.IpFragment));
        Assert.That(parsed, Is.EqualTo(last));
    }

    [Test]
    public void Truncation_at_every_length_is_refused()
    {
        for (int length = 0; length < Datagram.Length; length++)
        {
            var expected = length < 20 ? DropReason.HdrTrunc : DropReason.PktTooSmall;
            Assert.That(Ipv4Repr.TryParse(Datagram.AsSpan(0, length), ChecksumMode.Verify, out var repr),
                Is.EqualTo(expected), $"length {length}");
            Assert.That(repr, Is.EqualTo(default(Ipv4Repr)));
        }
        for (int length = 20; length < 28; length++)
            Assert.That(Ipv4Repr.TryParse(WithOptions.AsSpan(0, length), ChecksumMode.Verify, out _),
                Is.EqualTo(DropReason.HdrTrunc), $"options, length {length}");
    }

    [TestCase(0x65, TestName = "version 6")]
    [TestCase(0x44, TestName = "IHL 4")]
    [TestCase(0x40, TestName = "IHL 0")]
    public void A_bad_version_or_IHL_is_a_header_error(byte versionAndIhl)
    {
        var bytes = (byte[])Datagram.Clone();
        bytes[0] = versionAndIhl;
        Assert.That(Ipv4Repr.TryParse(bytes, ChecksumMode.Ignore, out _), Is.EqualTo(DropReason.IpInHdr));
    }

    [Test]
    public void A_total_length_below_the_header_is_a_header_error()
    {
        var bytes = (byte[])Datagram.Clone();
        var packet = new Ipv4Packet(bytes) { TotalLength = 19 };
        packet.FillChecksum();
        Assert.That(Ipv4Repr.TryParse(bytes, ChecksumMode.Verify, out _), Is.EqualTo(DropReason.IpInHdr));
    }

    [Test]
    public void A_total_length_beyond_the_buffer_is_too_small()
    {
        var bytes = (byte[])Datagram.Clone();
        var packet = new Ipv4Packet(bytes) { TotalLength = 37 };
        packet.FillChecksum();
        Assert.That(Ipv4Repr.TryParse(bytes, ChecksumMode.Verify, out _), Is.EqualTo(DropReason.PktTooSmall));
        Assert.That(Ipv4Packet.TryCreate(bytes, out _), Is.EqualTo(DropReason.PktTooSmall));
    }

    [Test]
    public void Every_single_bit_flip_in_the_header_fails_the_checksum()
    {
        for (int bit = 0; bit < 160; bit++)
        {
            if (bit / 8 == 0) continue; // version and IHL fail an earlier check
            var bytes = (byte[])Datagram.Clone();
            bytes[bit / 8] ^= (byte)(0x80 >> bit % 8);
            Assert.That(Ipv4Repr.TryParse(bytes, ChecksumMode.Verify, out _), Is.EqualTo(DropReason.IpCsum), $"bit {bit}");
        }
    }

    [Test]
    public void Decrementing_the_TTL_updates_the_checksum_in_place()
    {
        var bytes = (byte[])Datagram.Clone();
        var packet = new Ipv4Packet(bytes);
        packet.DecrementTtl();
        Assert.That(packet.Ttl, Is.EqualTo(63));
        // scapy: the same datagram with ttl=63 has checksum 0x9c37.
        Assert.That(packet.Checksum, Is.EqualTo(0x9c37));
        Assert.That(packet.IsChecksumValid, Is.True);
        Assert.That(bytes.AsSpan(20).ToArray(), Is.EqualTo(Datagram[20..]));
    }

    [Test]
    public void Rewriting_addresses_keeps_the_checksum_valid()
    {
        var bytes = (byte[])Datagram.Clone();
        var packet = new Ipv4Packet(bytes);
        packet.RewriteSource(Ipv4Address.Parse("203.0.113.7"));
        packet.RewriteDestination(Ipv4Address.Parse("10.255.0.1"));
        Assert.That(packet.IsChecksumValid, Is.True);
        Assert.That(packet.Checksum, Is.EqualTo(packet.ComputeChecksum()));
        Assert.That(packet.Source, Is.EqualTo(Ipv4Address.Parse("203.0.113.7")));
    }

    [Test]
    public void A_quoted_header_may_announce_more_than_was_quoted()
    {
        var quoted = Datagram.AsSpan(0, 28);
        Assert.That(Ipv4Repr.TryParse(quoted, ChecksumMode.Verify, out _), Is.EqualTo(DropReason.PktTooSmall));
        Assert.That(Ipv4Repr.TryParseQuoted(quoted, ChecksumMode.Verify, out var repr), Is.EqualTo(DropReason.None));
        Assert.That(repr, Is.EqualTo(DatagramRepr));
        Assert.That(Ipv4Repr.TryParseQuoted(Fragment, ChecksumMode.Verify, out _), Is.EqualTo(DropReason.None));
    }

    [Test]
    public void Parse_does_not_write_its_input()
    {
        var bytes = (byte[])Datagram.Clone();
        Ipv4Repr.TryParse(bytes, ChecksumMode.Verify, out _);
        Assert.That(bytes, Is.EqualTo(Datagram));
    }

    [Test]
    public void Emit_refuses_what_the_header_cannot_say()
    {
        var buffer = new byte[80];
        Assert.Throws<InvalidOperationException>(() => (DatagramRepr with { OptionsLength = 3 }).Emit(buffer));
        Assert.Throws<InvalidOperationException>(() => (DatagramRepr with { OptionsLength = 44 }).Emit(buffer));
        Assert.Throws<InvalidOperationException>(() => (DatagramRepr with { FragmentOffset = 7 }).Emit(buffer));
        Assert.Throws<InvalidOperationException>(() => (DatagramRepr with { PayloadLength = 65516 }).Emit(buffer));
        Assert.Throws<InvalidOperationException>(() => (DatagramRepr with { Source = default }).Emit(buffer));
        Assert.Throws<ArgumentException>(() => DatagramRepr.Emit(new byte[19]));
    }
}
