using System.Diagnostics;
using Simulator.Core.Capture;
using Simulator.Core.Engine;
using Simulator.Devices.Ipv4.Sockets.Tcp;

namespace Simulator.Devices.Tests.Tcp;

/// <summary>
/// A whole connection written to a pcap and read by tshark, a decoder no one here wrote: no
/// malformed packet, every checksum good, nothing tshark's expert finds worth a warning, and the
/// options read back as Linux's.
/// </summary>
public class TsharkDecodeTests
{
    // epan/proto.h: PI_WARN.
    private const int WarningSeverity = 0x600000;

    private static string? Tshark() =>
        new[] { "/usr/bin/tshark", "/usr/local/bin/tshark" }.FirstOrDefault(File.Exists);

    private static string WriteCapture(IEnumerable<(long Time, byte[] Frame)> frames)
    {
        var path = Path.Combine(Path.GetTempPath(), $"netsim-tcp-{Guid.NewGuid():N}.pcap");
        using var stream = File.Create(path);
        var writer = new PcapWriter(stream);
        writer.WriteHeader();
        foreach (var (time, frame) in frames) writer.WritePacket(time, frame);
        return path;
    }

    private static string[] Fields(string tshark, string capture, params string[] fields)
    {
        var start = new ProcessStartInfo(tshark) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-r", capture, "-o", "tcp.check_checksum:TRUE", "-o", "ip.check_checksum:TRUE",
                     "-o", "tcp.relative_sequence_numbers:FALSE", "-T", "fields", "-E", "separator=|", "-E", "occurrence=a",
                     "-E", "aggregator=;" })
            start.ArgumentList.Add(argument);
        foreach (var field in fields)
        {
            start.ArgumentList.Add("-e");
            start.ArgumentList.Add(field);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        Assert.That(process.WaitForExit(TimeSpan.FromSeconds(60)), Is.True, "tshark finished");
        Assert.That(process.ExitCode, Is.Zero, error.Result);
        return output.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    [Test]
    public void A_netcat_session_decodes_cleanly()
    {
        var tshark = Tshark();
        if (tshark is null)
        {
            Assert.Ignore("tshark is not installed (Debian package tshark); the decode check needs it");
            return;
        }
        var bench = new TcpBench();
        var (client, server, _) = bench.Establish();
        client.Send("hello\n"u8);
        bench.RunUntil(() => server.BytesAvailable == 6);
        server.ReceiveAll();
        server.Send(new byte[3000]);
        bench.RunUntil(() => client.BytesAvailable == 3000);
        client.ReceiveAll();
        client.Shutdown(TcpShutdown.Send);
        bench.RunUntil(() => server.IsEndOfStream);
        server.Close();
        bench.Run(Simulation.Second);

        var capture = WriteCapture(bench.Wire.Frames);
        try
        {
            var lines = Fields(tshark, capture, "frame.number", "_ws.malformed", "_ws.expert.severity", "_ws.expert.message",
                "tcp.checksum.status", "ip.checksum.status", "tcp.flags.str", "tcp.options.mss_val", "tcp.options.wscale.shift",
                "tcp.options.sack_perm", "tcp.options.timestamp.tsval", "tcp.len");
            var tcpLines = lines.Where(l => l.Split('|')[4].Length > 0).ToList();
            Assert.That(tcpLines, Has.Count.EqualTo(bench.Wire.Segments.Count));
            Assert.Multiple(() =>
            {
                foreach (var line in tcpLines)
                {
                    var columns = line.Split('|');
                    Assert.That(columns[1], Is.Empty, $"malformed: {line}");
                    foreach (var severity in columns[2].Split(';', StringSplitOptions.RemoveEmptyEntries))
                        Assert.That(int.Parse(severity), Is.LessThan(WarningSeverity), $"{columns[3]} in {line}");
                    Assert.That(columns[4], Is.EqualTo("1"), $"TCP checksum in {line}");
                    Assert.That(columns[5], Is.EqualTo("1"), $"IPv4 checksum in {line}");
                    Assert.That(columns[10], Is.Not.Empty, $"every segment has timestamps: {line}");
                }
                var syn = tcpLines[0].Split('|');
                Assert.That(syn[7], Is.EqualTo("1460"));
                Assert.That(syn[8], Is.EqualTo("10"));
                Assert.That(syn[9], Is.Not.Empty, "SACK permitted");
            });
        }
        finally
        {
            File.Delete(capture);
        }
    }
}
