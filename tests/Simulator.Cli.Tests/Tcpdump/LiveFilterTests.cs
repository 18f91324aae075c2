using Simulator.Cli.Commands.Iptables.NameServices;
using Simulator.Cli.Commands.Tcpdump;
using Simulator.Cli.Commands.Tcpdump.Filter;

namespace Simulator.Cli.Tests.Tcpdump;

/// <summary>
/// Filtering in a live capture differs from reading a savefile where Linux takes the outer 802.1Q
/// tag off before the filter runs: plain primitives see the untagged packet, the first vlan
/// tests the tag in the metadata (libpcap's BPF extensions), and direction is known.
/// </summary>
public class LiveFilterTests
{
    // 7a:46:d8:44:e7:d9 > da:e5:52:0f:85:c0, 802.1Q vlan 10, IPv4 10.0.0.1 > 10.0.0.2 ICMP echo request.
    private static readonly byte[] Tagged = Convert.FromHexString(
        "dae5520f85c07a46d844e7d98100000a0800" + "4500001c00010000400166d40a0000010a000002" + "0800f7ff00000000");

    private static bool Live(string filter, bool outgoing = false) =>
        CaptureFilter.Compile(filter, new FilterContext(LinkType.Ethernet, Live: true, NameService.CreateDefault()))
            .Matches(FilterFrame.Live(Tagged, Tagged.Length, outgoing));

    private static bool Savefile(string filter) =>
        CaptureFilter.Compile(filter, new FilterContext(LinkType.Ethernet, Live: false, NameService.CreateDefault()))
            .Matches(new FilterFrame(Tagged, Tagged.Length, LinkType.Ethernet));

    [TestCase("icmp", true, false)]
    [TestCase("host 10.0.0.1", true, false)]
    [TestCase("vlan", true, true)]
    [TestCase("vlan 10", true, true)]
    [TestCase("vlan 11", false, false)]
    [TestCase("vlan 10 and icmp", true, true)]
    [TestCase("vlan and vlan", false, false)]
    [TestCase("not vlan", false, false)]
    public void Tagged_frames(string filter, bool live, bool savefile)
    {
        Assert.That(Live(filter), Is.EqualTo(live), "live");
        Assert.That(Savefile(filter), Is.EqualTo(savefile), "savefile");
    }

    [Test]
    public void Inbound_and_outbound_know_the_direction()
    {
        Assert.That((Live("inbound"), Live("outbound")), Is.EqualTo((true, false)));
        Assert.That((Live("inbound", outgoing: true), Live("outbound", outgoing: true)), Is.EqualTo((false, true)));
    }

    [Test]
    public void Packet_data_forms_are_not_modelled()
    {
        var error = Assert.Throws<FilterError>(() => Live("tcp[13] & 2 != 0"));
        Assert.That(error!.Message, Is.EqualTo("netsim: '[' (packet data accessors, arithmetic and comparisons) in filter expressions is not modelled"));
        error = Assert.Throws<FilterError>(() => Live("len > 100"));
        Assert.That(error!.Message, Is.EqualTo("netsim: 'len' in filter expressions is not modelled"));
    }
}
