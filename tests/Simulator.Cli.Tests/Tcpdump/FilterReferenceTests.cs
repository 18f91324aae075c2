using Simulator.Cli.Commands.Iptables.NameServices;
using Simulator.Cli.Commands.Tcpdump;
using Simulator.Cli.Commands.Tcpdump.Filter;
using Simulator.Cli.Tests.Scenarios;

namespace Simulator.Cli.Tests.Tcpdump;

/// <summary>
/// The filter compiler against libpcap 1.10.3: Reference/filter-reference.txt (made by
/// Reference/generate_filters.py) holds, for each expression, the frames tcpdump -r selected from
/// a savefile of all reference frames, or tcpdump's error; the model must select the same frames
/// or fail with the same words.
/// </summary>
public class FilterReferenceTests
{
    // Valid pcap-filter the model does not compile: it must say so rather than select anything.
    private static readonly HashSet<string> NotModelled =
    [
        "tcp[13] = 2", "icmp[icmptype] == icmp-echo", "len > 100", "ip[0] & 0xf != 5", "ip broadcast",
    ];

    private sealed record Case(string Capture, LinkType LinkType, List<byte[]> Frames, string Filter, string Result);

    private static List<Case> Load()
    {
        var path = Path.Combine(RepositoryPaths.Root, "tests", "Simulator.Cli.Tests", "Tcpdump", "Reference", "filter-reference.txt");
        var cases = new List<Case>();
        string capture = "";
        var linkType = LinkType.Ethernet;
        var frames = new List<byte[]>();
        var lines = File.ReadAllLines(path);
        for (int i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.StartsWith("capture ", StringComparison.Ordinal))
            {
                var words = line.Split(' ');
                capture = words[1];
                linkType = (LinkType)uint.Parse(words[3], System.Globalization.CultureInfo.InvariantCulture);
                frames = [];
            }
            else if (line.StartsWith("frame ", StringComparison.Ordinal))
            {
                frames.Add(Convert.FromHexString(line[6..]));
            }
            else if (line.StartsWith("filter", StringComparison.Ordinal))
            {
                cases.Add(new Case(capture, linkType, frames, line.Length > 7 ? line[7..] : "", lines[++i]));
            }
        }
        return cases;
    }

    public static IEnumerable<TestCaseData> Cases() =>
        Load().Select((c, i) => new TestCaseData(i).SetName($"{c.Capture}: '{c.Filter}'"));

    [TestCaseSource(nameof(Cases))]
    public void Selects_what_libpcap_selects(int index)
    {
        var c = Load()[index];
        var context = new FilterContext(c.LinkType, Live: false, NameService.CreateDefault());
        CaptureFilter filter;
        try
        {
            filter = CaptureFilter.Compile(c.Filter, context);
        }
        catch (FilterError error)
        {
            if (NotModelled.Contains(c.Filter))
            {
                Assert.That(error.Message, Does.StartWith("netsim: ").And.Contain("not modelled"));
                return;
            }
            Assert.That("error " + error.Message, Is.EqualTo(c.Result));
            return;
        }
        Assert.That(NotModelled, Does.Not.Contain(c.Filter), "expected the model to refuse this filter");
        var selected = c.Frames.Select((frame, i) => (frame, i))
            .Where(f => filter.Matches(Frame(f.frame, c.LinkType)))
            .Select(f => f.i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.That("match " + string.Join(",", selected), Is.EqualTo(c.Result));
    }

    // A savefile's frame; the cooked header says whether it was sent or received.
    private static FilterFrame Frame(byte[] data, LinkType linkType) => linkType == LinkType.LinuxSll2
        ? new FilterFrame(data, data.Length, linkType, outgoing: data[10] == 4)
        : new FilterFrame(data, data.Length, linkType);
}
