using Simulator.Core.Addressing;
using Simulator.Core.Tracing;
using Simulator.Core.Wire;

namespace Simulator.Core.Tests.Wire;

public class UdpTests
{
    private static readonly Ipv4Address HostA = Ipv4Address.Parse("192.168.1.10");
    private static readonly Ipv4Address HostB = Ipv4Address.Parse("192.168.1.1");

    // scapy: UDP(sport=40000, dport=33434) / b"payload!" inside IP(src="192.168.1.10", dst="192.168.1.1")
    private static readonly byte[] Datagram = Hex.Parse("""
        9c 40               // source port 40000
        82 9a               // destination port 33434
        00 10               // length 16
        a0 46               // checksum, pseudo-header included
        70 61 79 6c 6f 61 64 21   // "payload!"
        """);

    private static readonly UdpRepr DatagramRepr = new(40000, 33434, 8);

    [Test]
    public void Deconstruct()
    {
        var packet = new UdpPacket(Datagram.AsSpan());
        Assert.That(packet.SourcePort, Is.EqualTo(40000));
        Assert.That(packet.DestinationPort, Is.EqualTo(33434));
        Assert.That(packet.Length, Is.EqualTo(16));
        Assert.That(packet.Checksum, Is.EqualTo(0xa046));
        Assert.That(packet.Payload.ToArray(), Is.EqualTo("payload!"u8.ToArray()));
        Assert.That(packet.IsChecksumValid(HostA, HostB), Is.True);
        Assert.That(packet.IsChecksumValid(HostB, Ipv4Address.Parse("192.168.1.2")), Is.False);
    }

    [Test]
    public void Construct()
    {
        var bytes = Hex.Junk(Datagram.Length);
        "payload!"u8.CopyTo(bytes.AsSpan(8));
        var packet = new UdpPacket(bytes) { SourcePort = 40000, DestinationPort = 33434, Length = 16 };
        packet.FillChecksum(HostA, HostB);
        Assert.That(Hex.Format(bytes), Is.EqualTo(Hex.Format(Datagram)));
    }

    [Test]
    public void Parse()
    {
        Assert.That(UdpRepr.TryParse(Datagram, HostA, HostB, ChecksumMode.Verify, out var repr), Is.EqualTo(DropReason.None));
        Assert.That(repr, Is.EqualTo(DatagramRepr));
    }

    [Test]
    public void Emit()
    {
        var bytes = Hex.Junk(DatagramRepr.BufferLength);
        DatagramRepr.Emit(bytes, HostA, HostB, "payload!"u8);
        Assert.That(Hex.Format(bytes), Is.EqualTo(Hex.Format(Datagram)));
    }

    [Test]
    public void A_zero_checksum_means_none()
    {
        var bytes = (byte[])Datagram.Clone();
        DatagramRepr.Emit(bytes, HostA, HostB, "payload!"u8, checksum: 0);
        Assert.That(new UdpPacket(bytes).Checksum, Is.EqualTo(0));
        Assert.That(UdpRepr.TryParse(bytes, HostA, HostB, ChecksumMode.Verify, out var repr), Is.EqualTo(DropReason.None));
        Assert.That(repr, Is.EqualTo(DatagramRepr));
    }

    [Test]
    public void A_computed_zero_is_sent_as_all_ones()
    {
        // With a 2-byte payload x the checksum is ~(S + x); S is ~(checksum with x = 0), so x equal
        // to that checksum makes the sum all ones and the computed checksum zero (RFC 768).
        var repr = new UdpRepr(1234, 5678, 2);
        var bytes = new byte[repr.BufferLength];
        repr.Emit(bytes, HostA, HostB, [0, 0]);
        ushort withZero = new UdpPacket(bytes).Checksum;
        byte[] payload = [(byte)(withZero >> 8), (byte)withZero];
        repr.Emit(bytes, HostA, HostB, payload);
        Assert.That(new UdpPacket(bytes).Checksum, Is.EqualTo(0xFFFF));
        Assert.That(UdpRepr.TryParse(bytes, HostA, HostB, ChecksumMode.Verify, out _), Is.EqualTo(DropReason.None));
    }

    [Test]
    public void A_bad_checksum_is_UdpCsum()
    {
        var bytes = (byte[])Datagram.Clone();
        bytes[^1] ^= 1;
        Assert.That(UdpRepr.TryParse(bytes, HostA, HostB, ChecksumMode.Verify, out _), Is.EqualTo(DropReason.UdpCsum));
        Assert.That(UdpRepr.TryParse(bytes, HostA, HostB, ChecksumMode.Ignore, out _), Is.EqualTo(DropReason.None));
        // The pseudo-header is covered: the right bytes between other addresses fail too.
        Assert.That(UdpRepr.TryParse(Datagram, HostA, Ipv4Address.Parse("192.168.1.2"), ChecksumMode.Verify, out _),
            Is.EqualTo(DropReason.UdpCsum));
    }

    [Test]
    public void Truncation_and_bad_lengths_are_refused()
    {
        for (int length = 0; length < Datagram.Length; length++)
        {
            var expected = length < 8 ? DropReason.HdrTrunc : DropReason.PktTooSmall;
            Assert.That(UdpRepr.TryParse(Datagram.AsSpan(0, length), HostA, HostB, ChecksumMode.Verify, out _),
                Is.EqualTo(expected), $"length {length}");
        }
        var bytes = (byte[])Datagram.Clone();
        new UdpPacket(bytes).Length = 7;
        Assert.That(UdpRepr.TryParse(bytes, HostA, HostB, ChecksumMode.Ignore, out _), Is.EqualTo(DropReason.PktTooSmall));
    }

    [Test]
    public void Bytes_after_the_length_are_not_payload()
    {
        byte[] longer = [.. Datagram, 0xff, 0xff];
        Assert.That(UdpRepr.TryParse(longer, HostA, HostB, ChecksumMode.Verify, out var repr), Is.EqualTo(DropReason.None));
        Assert.That(repr, Is.EqualTo(DatagramRepr));
        Assert.That(new UdpPacket(longer).Payload.Length, Is.EqualTo(8));
    }
}
