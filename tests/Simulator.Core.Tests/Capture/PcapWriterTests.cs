using Simulator.Core.Capture;

namespace Simulator.Core.Tests.Capture;

public class PcapWriterTests
{
    // pcap-savefile(5), little-endian, nanosecond variant.
    private const string FileHeader = """
        4d 3c b2 a1         // magic 0xa1b23c4d: nanosecond timestamps
        02 00 04 00         // version 2.4
        00 00 00 00         // thiszone
        00 00 00 00         // sigfigs
        00 00 04 00         // snaplen 262144
        01 00 00 00         // link type 1: Ethernet
        """;

    [Test]
    public void Header()
    {
        var stream = new MemoryStream();
        new PcapWriter(stream).WriteHeader();
        Assert.That(Wire.Hex.Format(stream.ToArray()), Is.EqualTo(Wire.Hex.Format(Wire.Hex.Parse(FileHeader))));
    }

    [Test]
    public void Packet_record()
    {
        var stream = new MemoryStream();
        var writer = new PcapWriter(stream);
        writer.WriteHeader();
        writer.WritePacket(1_500_000_123, [0xde, 0xad, 0xbe, 0xef]);
        var expected = Wire.Hex.Parse(FileHeader + "\n" + """
            01 00 00 00         // seconds 1
            7b 65 cd 1d         // nanoseconds 500000123
            04 00 00 00         // captured length
            04 00 00 00         // original length
            de ad be ef         // the frame
            """);
        Assert.That(Wire.Hex.Format(stream.ToArray()), Is.EqualTo(Wire.Hex.Format(expected)));
    }

    [Test]
    public void Frames_beyond_the_snapshot_length_are_cut_and_say_so()
    {
        var stream = new MemoryStream();
        var writer = new PcapWriter(stream, snapshotLength: 2);
        writer.WritePacket(0, [1, 2, 3]);
        Assert.That(Wire.Hex.Format(stream.ToArray()), Is.EqualTo(
            "00000000" + "00000000" + "02000000" + "03000000" + "0102"));
    }

    [Test]
    public void The_same_packets_give_the_same_bytes()
    {
        static byte[] Capture()
        {
            var stream = new MemoryStream();
            var writer = new PcapWriter(stream);
            writer.WriteHeader();
            foreach (var (index, (_, frame)) in Wire.SampleFrames.All().Index())
                writer.WritePacket(index * 1_000_123L, frame);
            return stream.ToArray();
        }
        Assert.That(Capture(), Is.EqualTo(Capture()));
    }

    [Test]
    public void Times_the_format_cannot_hold_are_refused()
    {
        var writer = new PcapWriter(new MemoryStream());
        Assert.Throws<ArgumentOutOfRangeException>(() => writer.WritePacket(-1, [1]));
        Assert.Throws<ArgumentOutOfRangeException>(() => writer.WritePacket((uint.MaxValue + 1L) * 1_000_000_000, [1]));
        Assert.DoesNotThrow(() => writer.WritePacket(uint.MaxValue * 1_000_000_000L + 999_999_999, [1]));
    }
}
