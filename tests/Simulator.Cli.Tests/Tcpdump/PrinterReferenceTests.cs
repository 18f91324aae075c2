using Simulator.Cli.Commands.Iptables.NameServices;
using Simulator.Cli.Commands.Tcpdump;
using Simulator.Cli.Commands.Tcpdump.Printing;

namespace Simulator.Cli.Tests.Tcpdump;

/// <summary>
/// The printers against tcpdump 4.99.3 itself: every frame of the reference captures, printed
/// with the same flags, must give the lines tcpdump gave (Reference/generate.py made them; the
/// runs without -n were made in a namespace with no resolver, as the model's machines are).
/// </summary>
public class PrinterReferenceTests
{
    public static IEnumerable<TestCaseData> Runs() =>
        ReferenceCapture.Load().SelectMany(capture => capture.Runs.Select(run =>
            new TestCaseData(capture.Name, run.Flags).SetName($"{capture.Name} [{run.Flags}]")));

    [TestCaseSource(nameof(Runs))]
    public void Prints_what_tcpdump_printed(string captureName, string flags)
    {
        var capture = ReferenceCapture.Load().Single(c => c.Name == captureName);
        var expected = capture.Runs.Single(r => r.Flags == flags).Output;
        var options = ReferenceCapture.Options(flags);
        var context = new PrintContext(options, new AddressNames(NameService.CreateDefault(), options.Numeric),
            ifIndex => ifIndex == 1 ? "lo" : null);
        var actual = new System.Text.StringBuilder();
        foreach (var (frame, index) in capture.Frames.Select((f, i) => (f, i)))
            actual.Append(PacketPrinter.Format(new CapturedFrame((1_699_920_000L + index) * 1_000_000_000L, capture.LinkType, frame, frame.Length), context));
        var want = expected.Split('\n');
        var got = actual.ToString().Split('\n');
        var differences = new List<string>();
        for (int w = 0, g = 0; w < want.Length || g < got.Length; w++, g++)
        {
            var wantLine = w < want.Length ? want[w] : "<none>";
            var gotLine = g < got.Length ? got[g] : "<none>";
            if (wantLine == gotLine) continue;
            if (SaysNotDecoded(wantLine, gotLine))
            {
                while (w + 1 < want.Length && g + 1 < got.Length && !Matches(want[w + 1], got[g + 1])) w++;
                continue;
            }
            differences.Add($"line {g + 1}\n  want: {wantLine}\n  got:  {gotLine}");
        }
        Assert.That(differences, Is.Empty, $"tcpdump {flags} on capture {captureName}:\n" + string.Join("\n", differences.Take(30)));
    }

    private static bool Matches(string want, string got) => want == got || SaysNotDecoded(want, got);

    // Where tcpdump has a printer the model lacks, the model says so after what it did print;
    // tcpdump's decode of that part, and any lines it adds, are skipped.
    private static bool SaysNotDecoded(string want, string got)
    {
        int marker = got.IndexOf("[netsim: ", StringComparison.Ordinal);
        return marker >= 0 && want.StartsWith(got[..marker], StringComparison.Ordinal);
    }
}
