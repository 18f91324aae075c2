using Simulator.Core.Tracing;
using Simulator.Core.Wire;

namespace Simulator.Core.Tests.Wire;

/// <summary>
/// The per-packet codecs run for every frame of every hop, so parsing and emitting them must not
/// allocate (DNS may: its names are strings).
/// </summary>
public class AllocationTests
{
    [Test]
    public void Parse_and_emit_below_DNS_allocate_nothing()
    {
        var frames = SampleFrames.All().Select(frame => frame.Frame).ToArray();
        var output = new byte[2048];
        RunAll(frames, output); // JIT and static initialisers first
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++) RunAll(frames, output);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.That(allocated, Is.Zero);
    }

    private static void RunAll(byte[][] frames, byte[] output)
    {
        foreach (var frame in frames)
        {
            if (EthernetRepr.TryParse(frame, out var ethernet) != DropReason.None) Assert.Fail("ethernet");
            ethernet.Emit(output);
            var payload = frame.AsSpan(ethernet.HeaderLength);
            if (ethernet.EtherType == EtherType.Arp)
            {
                if (ArpRepr.TryParse(payload, out var arp) != DropReason.None) Assert.Fail("arp");
                arp.Emit(output);
                continue;
            }
            if (Ipv4Repr.TryParse(payload, ChecksumMode.Verify, out var ip) != DropReason.None) Assert.Fail("ipv4");
            ip.Emit(output);
            new Ipv4Packet(output).DecrementTtl();
            var segment = payload.Slice(ip.HeaderLength, ip.PayloadLength);
            switch (ip.Protocol)
            {
                case IpProtocol.Icmp:
                    if (IcmpRepr.TryParse(segment, ChecksumMode.Verify, out var icmp) != DropReason.None) Assert.Fail("icmp");
                    icmp.Emit(output, segment[icmp.HeaderLength..]);
                    if (icmp.IsError && IcmpRepr.TryParseQuoted(segment, ChecksumMode.Verify, out _, out _) != DropReason.None)
                        Assert.Fail("quoted");
                    break;
                case IpProtocol.Udp:
                    if (UdpRepr.TryParse(segment, ip.Source, ip.Destination, ChecksumMode.Verify, out var udp) != DropReason.None)
                        Assert.Fail("udp");
                    udp.Emit(output, ip.Source, ip.Destination, segment.Slice(udp.HeaderLength, udp.PayloadLength));
                    break;
                case IpProtocol.Tcp:
                    if (TcpRepr.TryParse(segment, ip.Source, ip.Destination, ChecksumMode.Verify, out var tcp) != DropReason.None)
                        Assert.Fail("tcp");
                    tcp.Emit(output, ip.Source, ip.Destination, segment[tcp.HeaderLength..],
                        segment[TcpPacket.MinHeaderLength..tcp.HeaderLength]);
                    break;
            }
        }
    }
}
