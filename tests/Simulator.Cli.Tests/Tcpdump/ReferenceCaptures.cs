using Simulator.Cli.Commands.Tcpdump;
using Simulator.Cli.Commands.Tcpdump.Printing;
using Simulator.Cli.Tests.Scenarios;

namespace Simulator.Cli.Tests.Tcpdump;

/// <summary>
/// Reference/tcpdump-reference.txt: frames built by Reference/generate.py and what tcpdump 4.99.3
/// printed for them, read back with <c>tcpdump -t -r</c> under several flag sets.
/// </summary>
internal sealed record ReferenceCapture(string Name, LinkType LinkType, IReadOnlyList<byte[]> Frames,
    IReadOnlyList<(string Flags, string Output)> Runs)
{
    public static IReadOnlyList<ReferenceCapture> Load()
    {
        var path = Path.Combine(RepositoryPaths.Root, "tests", "Simulator.Cli.Tests", "Tcpdump", "Reference", "tcpdump-reference.txt");
        var lines = File.ReadAllLines(path);
        var captures = new List<ReferenceCapture>();
        for (int i = 0; i < lines.Length;)
        {
            var header = lines[i++].Split(' ');
            var frames = new List<byte[]>();
            var runs = new List<(string, string)>();
            while (i < lines.Length && lines[i].StartsWith("frame ", StringComparison.Ordinal))
                frames.Add(Convert.FromHexString(lines[i++]["frame ".Length..]));
            while (i < lines.Length && lines[i].StartsWith("tcpdump", StringComparison.Ordinal))
            {
                var flags = lines[i++]["tcpdump".Length..].Trim();
                var output = new System.Text.StringBuilder();
                while (lines[i] != "@@end") output.Append(lines[i++]).Append('\n');
                i++;
                runs.Add((flags, output.ToString()));
            }
            captures.Add(new ReferenceCapture(header[1], (LinkType)uint.Parse(header[3], System.Globalization.CultureInfo.InvariantCulture), frames, runs));
        }
        return captures;
    }

    /// <summary>The print flags of a reference run's command line (always -t: no timestamps).</summary>
    public static PrintOptions Options(string flags)
    {
        var words = flags.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return new PrintOptions
        {
            Numeric = words.Contains("-n"),
            LinkHeader = words.Contains("-e"),
            Verbosity = words.Contains("-vv") ? 2 : words.Contains("-v") ? 1 : 0,
            Quiet = words.Contains("-q"),
            AbsoluteSequenceNumbers = words.Contains("-S"),
            NoChecksumVerification = words.Contains("-K"),
            Timestamps = TimestampStyle.None,
            Dump = words.Contains("-XX") ? RawDump.HexAndAsciiWithLinkHeader
                : words.Contains("-X") ? RawDump.HexAndAscii
                : words.Contains("-x") ? RawDump.Hex
                : words.Contains("-A") ? RawDump.Ascii
                : RawDump.None,
        };
    }
}
