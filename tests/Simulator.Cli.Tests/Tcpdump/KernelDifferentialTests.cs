using System.Text.RegularExpressions;

namespace Simulator.Cli.Tests.Tcpdump;

/// <summary>
/// The same capture in the model and on the real kernel with the real tcpdump: a ping across a
/// veth pair, captured on veth-a until -c, compared line by line once the things that differ
/// between any two runs are named (times, MACs, ping's id, IP ids, interface indexes). Skipped, with the reason,
/// where namespaces cannot be made (not root, no tcpdump).
/// </summary>
[TestFixture]
[NonParallelizable]
public partial class KernelDifferentialTests
{
    [GeneratedRegex(@"\b\d\d:\d\d:\d\d\.\d{6}\b")]
    private static partial Regex Time();

    [GeneratedRegex(@"\bid \d+")]
    private static partial Regex Id();

    [TestCase("-i veth-a -en -c 6 arp or icmp")]
    [TestCase("-i veth-a -n -v -c 6 arp or icmp")]
    [TestCase("-i veth-a -c 6 -e arp or icmp")]
    [TestCase("-i any -n -c 6 arp or icmp")]
    [TestCase("-i any -en -c 6 arp or icmp")]
    [TestCase("-i veth-a -n -q -c 6 icmp")]
    [TestCase("-i veth-a -n -x -c 2 icmp and src 10.0.0.2")]
    public void Capture_reads_as_on_the_kernel(string arguments)
    {
        if (RealCapture.UnavailableReason() is { } reason)
        {
            Assert.Ignore($"kernel comparison skipped: {reason}");
            return;
        }
        int pings = arguments.Contains("-c 2", StringComparison.Ordinal) ? 2 : 3;
        (string Stdout, string Stderr) real;
        string realA, realB;
        using (var kernel = RealCapture.Create())
        {
            realA = kernel.Mac(first: true);
            realB = kernel.Mac(first: false);
            real = kernel.Run(arguments, pings);
        }

        var h = new CaptureHarness();
        h.VethPair();
        h.Clear();
        h.Run($"tcpdump {arguments} &\nping -c {pings} -i 0.2 10.0.0.2 > /dev/null\nwait");
        string simA = h.Mac(null, "veth-a").ToString(), simB = h.Mac("ns1", "veth-b").ToString();

        Assert.That(Normalize(h.Stdout, simA, simB), Is.EqualTo(Normalize(real.Stdout, realA, realB)));
        Assert.That(h.Stderr, Is.EqualTo(real.Stderr));
    }

    private string Normalize(string text, string a, string b)
    {
        text = Time().Replace(text, "TIME");
        text = Id().Replace(text, "id ID");
        // The model's veth-a is in the initial namespace, the kernel's in a fresh one: indexes differ.
        text = Regex.Replace(text, @"\bifindex \d+", "ifindex N");
        text = text.Replace(a, "MAC-A").Replace(b, "MAC-B");
        // The -x dump holds the IP id and checksum of each datagram: keep its shape only.
        return Regex.Replace(text, @"(?m)^\t0x[0-9a-f]{4}:.*$", m => Regex.Replace(m.Value, "[0-9a-f]{4}(?= |$)", "xxxx"));
    }
}
