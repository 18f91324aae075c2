using Simulator.Core.Capture;
using Simulator.Core.Tests.Wire;

namespace Simulator.Core.Tests.Capture;

/// <summary>
/// A capture of one frame of each kind, written by <see cref="PcapWriter"/> from frames our codecs
/// emitted, decoded by tshark, a decoder no one here wrote: nothing malformed, no bad checksum,
/// no warning, and the fields tshark reads are the ones we meant.
/// </summary>
public class TsharkDecodeTests
{
    // tshark's expert severities (epan/proto.h): PI_CHAT 0x200000, PI_NOTE 0x400000, PI_WARN 0x600000, PI_ERROR 0x800000.
    private const int WarningSeverity = 0x600000;

    private static readonly string[] ChecksumChecks =
    [
        "-o", "ip.check_checksum:TRUE",
        "-o", "udp.check_checksum:TRUE",
        "-o", "tcp.check_checksum:TRUE",
    ];

    private static string? _tshark;
    private static string? _capture;

    [OneTimeSetUp]
    public void WriteCapture()
    {
        _tshark = ExternalTool.Find("tshark") ?? (File.Exists("/usr/bin/tshark") ? "/usr/bin/tshark" : null);
        if (_tshark is null) return;
        _capture = Path.Combine(Path.GetTempPath(), $"netsim-wire-{Guid.NewGuid():N}.pcap");
        using var stream = File.Create(_capture);
        var writer = new PcapWriter(stream);
        writer.WriteHeader();
        foreach (var (index, (_, frame)) in SampleFrames.All().Index())
            writer.WritePacket(1_000_000_000L + index * 1_000_123L, frame);
    }

    [OneTimeTearDown]
    public void DeleteCapture()
    {
        if (_capture is not null) File.Delete(_capture);
    }

    private static string[] Fields(string occurrence, params string[] fields)
    {
        if (_tshark is null || _capture is null)
            Assert.Ignore("tshark is not installed (Debian package tshark); the decode check needs it");
        List<string> arguments = ["-r", _capture!, .. ChecksumChecks, "-T", "fields", "-E", "separator=|",
            "-E", $"occurrence={occurrence}", "-E", "aggregator=;"];
        foreach (var field in fields) arguments.AddRange(["-e", field]);
        var (exitCode, output, error) = ExternalTool.Run(_tshark!, arguments);
        Assert.That(exitCode, Is.EqualTo(0), error);
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    [Test]
    public void Nothing_is_malformed_bad_or_suspicious()
    {
        var names = SampleFrames.All().Select(frame => frame.Name).ToArray();
        var lines = Fields("a", "frame.number", "_ws.malformed", "_ws.expert.severity", "_ws.expert.message",
            "ip.checksum.status", "icmp.checksum.status", "udp.checksum.status", "tcp.checksum.status");
        Assert.That(lines, Has.Length.EqualTo(names.Length));
        Assert.Multiple(() =>
        {
            foreach (var (index, line) in lines.Index())
            {
                var columns = line.Split('|');
                string name = names[index];
                Assert.That(columns[1], Is.Empty, $"{name}: malformed");
                foreach (var severity in columns[2].Split(';', StringSplitOptions.RemoveEmptyEntries))
                    Assert.That(int.Parse(severity), Is.LessThan(WarningSeverity), $"{name}: {columns[3]}");
                // Status 0 is "bad"; 1 good; 2 unverified (a quoted header cut short).
                foreach (var status in columns[4..].SelectMany(c => c.Split(';', StringSplitOptions.RemoveEmptyEntries)))
                    Assert.That(status, Is.Not.EqualTo("0"), $"{name}: a bad checksum in {line}");
                // The outermost IPv4, ICMP, UDP, TCP checksums are verified and good.
                foreach (var column in columns[4..].Where(c => c.Length > 0))
                    Assert.That(column.Split(';')[0], Is.EqualTo("1"), $"{name}: outer checksum not verified in {line}");
            }
        });
    }

    [Test]
    public void Tshark_reads_the_fields_we_wrote()
    {
        string[] expected =
        [
            // eth.type|vlan.id|arp.opcode|ip.src|ip.dst|ip.ttl|icmp.type|icmp.code|icmp.mtu|udp.dstport|tcp.flags.syn|tcp.options.mss_val|dns.qry.name|dns.flags.rcode|dns.a|dns.cname
            "0x0806||1|||||||||||||",
            "0x0806||2|||||||||||||",
            "0x8100|100|1|||||||||||||",
            "0x0800|||192.168.1.10|192.168.1.1|64|8|0||||||||",
            "0x0800|||192.168.1.1|192.168.1.10|64|0|0||||||||",
            "0x0800|||192.168.1.1|192.168.1.10|64|3|3||33434||||||",
            "0x0800|||192.168.1.254|192.168.1.10|64|3|4|1400|||||||",
            "0x0800|||192.168.1.254|192.168.1.10|64|11|0||||||||",
            "0x0800|||192.168.1.10|192.168.1.1|64||||33434||||||",
            "0x0800|||192.168.1.10|192.168.1.1|64|||||1|1460||||",
            "0x0800|||192.168.1.10|192.168.1.1|64||||53|||www.example.com|||",
            "0x0800|||192.168.1.1|192.168.1.10|64||||40000|||www.example.com|0|93.184.216.34|example.com",
            "0x0800|||192.168.1.1|192.168.1.10|64||||40000|||nosuch.example|3||",
        ];
        var lines = Fields("f", "eth.type", "vlan.id", "arp.opcode", "ip.src", "ip.dst", "ip.ttl", "icmp.type", "icmp.code",
            "icmp.mtu", "udp.dstport", "tcp.flags.syn", "tcp.options.mss_val", "dns.qry.name", "dns.flags.rcode", "dns.a", "dns.cname");
        var names = SampleFrames.All().Select(frame => frame.Name).ToArray();
        Assert.That(lines, Has.Length.EqualTo(expected.Length));
        Assert.Multiple(() =>
        {
            for (int i = 0; i < expected.Length; i++)
                Assert.That(lines[i], Is.EqualTo(expected[i]), names[i]);
        });
    }

    [Test]
    public void Nanosecond_timestamps_survive()
    {
        var lines = Fields("f", "frame.time_epoch");
        Assert.That(lines[0], Is.EqualTo("1.000000000"));
        Assert.That(lines[1], Is.EqualTo("1.001000123"));
    }
}
