using System.Text;
using Simulator.Cli.Commands.Iptables;
using Simulator.Cli.Commands.Iptables.NameServices;
using Simulator.Core.Addressing;

namespace Simulator.Cli.Tests.Iptables;

/// <summary>The small formatting and parsing helpers, against values read off the real tool.</summary>
public class FormatUnitTests
{
    [TestCase(0ul, "    0 ")]
    [TestCase(7950ul, " 7950 ")]
    [TestCase(99999ul, "99999 ")]
    [TestCase(100000ul, " 100K ")]
    [TestCase(198000ul, " 198K ")]
    [TestCase(9999499ul, "9999K ")]
    [TestCase(9999500ul, "  10M ")]
    [TestCase(99999999999ul, " 100G ")]
    [TestCase(99999999999999999ul, "100000T ")]
    [TestCase(18446744073709551615ul, "   0K ")]
    public void CountersInTheTable(ulong value, string expected)
    {
        var text = new StringBuilder();
        CounterFormat.Append(value, exact: false, table: true, text);
        Assert.That(text.ToString(), Is.EqualTo(expected));
    }

    [TestCase(198000ul, false, "198K ")]
    [TestCase(198000ul, true, "198000 ")]
    public void CountersInAHeader(ulong value, bool exact, string expected)
    {
        var text = new StringBuilder();
        CounterFormat.Append(value, exact, table: false, text);
        Assert.That(text.ToString(), Is.EqualTo(expected));
    }

    [TestCase("10", "10.0.0.0")]
    [TestCase("1.2.3", "1.2.3.0")]
    [TestCase("010.0.0.1", "8.0.0.1")]
    [TestCase("0x0a.0.0.1", "10.0.0.1")]
    public void NumericAddressesAreCompleted(string text, string expected)
    {
        Assert.Multiple(() =>
        {
            Assert.That(AddressParser.TryParseNumeric(text, isMask: false, out var address), Is.True);
            Assert.That(address, Is.EqualTo(Ipv4Address.Parse(expected)));
        });
    }

    [Test]
    public void AddressListsMaskHostBitsAndResolveNames()
    {
        var names = NameService.CreateDefault();
        var parsed = AddressParser.ParseMultiple("192.168.1.1/24,localhost,loopback/8,0x0a000001", names);
        Assert.That(parsed.Select(p => $"{p.Address}/{p.Mask}"), Is.EqualTo(new[]
        {
            "192.168.1.0/255.255.255.0", "127.0.0.1/255.255.255.255", "127.0.0.0/255.0.0.0", "10.0.0.1/255.255.255.255",
        }));
    }

    [Test]
    public void ListAddressNames()
    {
        var names = NameService.CreateDefault();
        Assert.Multiple(() =>
        {
            Assert.That(AddressFormat.ForList(Ipv4Address.Any, Ipv4Address.Any, false, names), Is.EqualTo("anywhere"));
            Assert.That(AddressFormat.ForList(Ipv4Address.Any, Ipv4Address.Any, true, names), Is.EqualTo("0.0.0.0/0"));
            Assert.That(AddressFormat.ForList(Ipv4Address.Parse("169.254.0.0"), Ipv4Address.Parse("255.255.0.0"), false, names),
                Is.EqualTo("link-local/16"));
            Assert.That(AddressFormat.ForList(Ipv4Address.Parse("10.0.0.0"), Ipv4Address.Parse("255.0.255.0"), false, names),
                Is.EqualTo("10.0.0.0/255.0.255.0"));
            Assert.That(AddressFormat.ForSave(Ipv4Address.Parse("10.0.0.0"), Ipv4Address.Parse("255.0.255.0")),
                Is.EqualTo("10.0.0.0/255.0.255.0"));
        });
    }

    [Test]
    public void ServicesAndProtocols()
    {
        var names = NameService.CreateDefault();
        Assert.Multiple(() =>
        {
            Assert.That(names.ServiceName(2000, "tcp"), Is.EqualTo("cisco-sccp"));
            Assert.That(names.ServiceName(8080, "tcp"), Is.EqualTo("http-alt"));
            Assert.That(names.ServiceName(8080, "udp"), Is.Null);
            Assert.That(names.ServicePort("www", "tcp"), Is.EqualTo((ushort)80));
            Assert.That(ProtocolNames.ForSave(47, names), Is.EqualTo("gre"));
            Assert.That(ProtocolNames.ForList(0, numeric: false, names), Is.EqualTo("all"));
            Assert.That(ProtocolNames.ForEcho(47), Is.EqualTo("47"));
            Assert.That(ProtocolNames.Parse("udplite", names), Is.EqualTo((byte)136));
        });
    }

    [TestCase("-A INPUT -m comment --comment \"a \\\" b\" -j ACCEPT", new[] { "-A", "INPUT", "-m", "comment", "--comment", "a \" b", "-j", "ACCEPT" })]
    [TestCase("--comment \"\" x", new[] { "--comment", "", "x" })]
    [TestCase("--comment a\\ b", new[] { "--comment", "a\\", "b" })]
    [TestCase("  -A   INPUT ", new[] { "-A", "INPUT" })]
    public void RestoreLinesSplitLikeLibxtables(string line, string[] words) =>
        Assert.That(RestoreTokenizer.Split(line), Is.EqualTo(words));
}
