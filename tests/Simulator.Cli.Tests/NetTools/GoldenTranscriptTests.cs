using System.Text;
using Simulator.Cli.Tests.Scenarios;

namespace Simulator.Cli.Tests.NetTools;

/// <summary>
/// Replays transcripts captured on a real kernel (Golden/capture.sh: net-tools 2.10 on Linux
/// 6.18) against the model: same topology, same commands, and each command must print what the
/// real one printed, stdout and stderr interleaved, and end with the same status. The one
/// liberty: arp lists the neighbour table in the kernel's hash order, which depends on a random
/// seed of each boot, so its lines are compared as a set.
/// </summary>
public class GoldenTranscriptTests
{
    private static string Directory => Path.Combine(RepositoryPaths.Root, "tests", "Simulator.Cli.Tests", "NetTools", "Golden");

    public static IEnumerable<TestCaseData> Transcripts() =>
        System.IO.Directory.EnumerateFiles(Directory, "*.txt").Order(StringComparer.Ordinal)
            .Select(path => new TestCaseData(Path.GetFileName(path)).SetName(Path.GetFileNameWithoutExtension(path)));

    [TestCaseSource(nameof(Transcripts))]
    public void Model_prints_what_the_real_tools_printed(string file)
    {
        var lines = File.ReadAllLines(Path.Combine(Directory, file));
        var host = new NetToolsHost();
        var failures = new StringBuilder();
        int i = 0;
        for (; i < lines.Length && lines[i].StartsWith('#'); i++)
        {
            if (lines[i].StartsWith("# setup: ", StringComparison.Ordinal))
                Setup(host, lines[i]["# setup: ".Length..].Split(' '));
        }
        while (i < lines.Length)
        {
            var line = lines[i++];
            if (line.StartsWith("@ ping ", StringComparison.Ordinal))
            {
                host.Ping(line["@ ping ".Length..]);
                continue;
            }
            if (line.StartsWith("@ sleep ", StringComparison.Ordinal))
            {
                Assert.That(host.RunInterleaved(line[2..]).Status, Is.Zero);
                continue;
            }
            Assert.That(line, Does.StartWith("$ "), $"{file}:{i}: a step starts with '$ '");
            var command = line[2..];
            var expected = new List<string>();
            while (!lines[i].StartsWith("[rc=", StringComparison.Ordinal)) expected.Add(lines[i++]);
            int expectedStatus = int.Parse(lines[i++][4..^1], System.Globalization.CultureInfo.InvariantCulture);

            var (status, output) = host.RunInterleaved(command);
            var actual = output.Length == 0 ? [] : output[..^1].Split('\n').ToList();
            if (command.StartsWith("arp", StringComparison.Ordinal))
            {
                expected = [.. expected.Order(StringComparer.Ordinal)];
                actual = [.. actual.Order(StringComparer.Ordinal)];
            }
            if (!expected.SequenceEqual(actual) || status != expectedStatus)
            {
                failures.AppendLine($"$ {command}   (status {status}, real {expectedStatus})");
                failures.AppendLine("--- real");
                foreach (var l in expected) failures.AppendLine(l);
                failures.AppendLine("--- model");
                foreach (var l in actual) failures.AppendLine(l);
            }
        }
        Assert.That(failures.ToString(), Is.Empty);
    }

    private static void Setup(NetToolsHost host, string[] words)
    {
        switch (words[0])
        {
            case "veth": host.AddVethPair(); break;
            case "peer": host.WithPeerAddress(words[1]); break;
            case "lo": host.Host.Loopback.SetUp(); break;
            case "link": host.AddVeth(host.Host, words[1], words[2], host.Peer!, "p-" + words[1], "02:00:00:00:02:00"); break;
            // The count br_add_if takes with dev_set_promiscuity; the bridge itself is not needed here.
            case "bridge-port": host.VethA.ChangePromiscuity(1); break;
            case "file": host.Shell.FileSystem.WriteFile(words[1], string.Join(' ', words[2..]) + "\n", append: true); break;
            default: Assert.Fail($"unknown setup {string.Join(' ', words)}"); break;
        }
    }
}
