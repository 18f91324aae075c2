using Simulator.Core.Addressing;
using Simulator.Core.Wire;
using Simulator.Netfilter;
using Simulator.Netfilter.Conntrack;
using Simulator.Netfilter.Matches;
using Simulator.Netfilter.Tables;
using Simulator.Netfilter.Targets;

namespace Simulator.Devices.Tests.Netfilter;

public class NatTests
{
    [Test]
    public void Without_translation_the_server_cannot_answer_private_hosts()
    {
        var net = new NatTopology();
        Assert.That(NatTopology.Echo(net.A, "100.100.100.2", 0x1234), Is.Empty);
    }

    [Test]
    public void Masquerade_rewrites_the_source_and_un_nats_the_reply_from_the_connection()
    {
        var net = new NatTopology();
        net.Masquerade();

        var replies = NatTopology.Echo(net.A, "100.100.100.2", 0x1234);

        Assert.That(replies, Is.EqualTo(new[] { (IcmpType.EchoReply, (ushort)0x1234, Ipv4Address.Parse("100.100.100.2")) }));
        var entry = net.Gateway.Firewall.Connections.Entries.Single();
        Assert.That(entry.Original.ToString(), Is.EqualTo("src=192.168.1.2 dst=100.100.100.2 type=8 code=0 id=4660"));
        Assert.That(entry.Reply.ToString(), Is.EqualTo("src=100.100.100.2 dst=100.100.100.1 type=0 code=0 id=4660"));
        Assert.That(entry.HasStatus(ConntrackStatus.SrcNat | ConntrackStatus.SeenReply), Is.True);
        Assert.That(net.World.Simulation.Packets.Outstanding, Is.Zero);
    }

    [Test]
    public void Two_hosts_pinging_with_the_same_identifier_both_get_their_replies()
    {
        // Seed 004's question: ICMP has no ports, so the gateway maps the second identifier.
        var net = new NatTopology();
        net.Masquerade();

        var first = NatTopology.Echo(net.A, "100.100.100.2", 0x1234);
        var second = NatTopology.Echo(net.C, "100.100.100.2", 0x1234);

        Assert.That(first.Select(r => (r.Type, r.Id)), Is.EqualTo(new[] { (IcmpType.EchoReply, (ushort)0x1234) }));
        Assert.That(second.Select(r => (r.Type, r.Id)), Is.EqualTo(new[] { (IcmpType.EchoReply, (ushort)0x1234) }));
        var entries = net.Gateway.Firewall.Connections.Entries.ToList();
        Assert.That(entries, Has.Count.EqualTo(2));
        Assert.That(entries[0].Reply.IcmpId, Is.EqualTo(0x1234), "the first keeps its identifier");
        Assert.That(entries[1].Reply.IcmpId, Is.Not.EqualTo(0x1234), "the second is given another");
        Assert.That(entries[1].Original.IcmpId, Is.EqualTo(0x1234));
    }

    [Test]
    public void The_nat_rule_counts_the_first_packet_of_a_connection_only()
    {
        var net = new NatTopology();
        net.Masquerade();
        for (ushort sequence = 1; sequence <= 3; sequence++)
            Assert.That(NatTopology.Echo(net.A, "100.100.100.2", 0x1234, sequence), Has.Count.EqualTo(1));

        var rule = net.GatewayTables.Nat.FindChain("POSTROUTING")!.Rules[0];
        Assert.That(rule.Counters, Is.EqualTo(new Simulator.Netfilter.PacketCounters(1, 84)));
    }

    [Test]
    public void A_namespace_tracks_nothing_until_a_rule_needs_it()
    {
        var net = new NatTopology();
        var filter = net.GatewayTables.Filter;
        Assert.That(filter.Append("FORWARD", new Rule(IpPacketMatch.Any with { Protocol = 6 }, [], StandardTarget.Accept)).Ok);
        net.Masquerade();
        net.GatewayTables.Nat.Flush();
        net.GatewayTables.Nat.DeleteChains();
        NatTopology.Echo(net.A, "100.100.100.2", 1);
        Assert.That(net.Gateway.Firewall.IsTracking, Is.False);
        Assert.That(net.Gateway.Firewall.Connections.Count, Is.Zero);

        Assert.That(filter.Append("FORWARD", new Rule(IpPacketMatch.Any, [new StateMatch(ConntrackStates.Invalid, false)], StandardTarget.Drop)).Ok);
        NatTopology.Echo(net.A, "100.100.100.2", 2);
        Assert.That(net.Gateway.Firewall.Connections.Entries.Single().HasStatus(ConntrackStatus.SeenReply), Is.False,
            "tracked now; the server could not answer");
    }

    [Test]
    public void Reject_in_forward_answers_port_unreachable_from_the_gateway()
    {
        var net = new NatTopology();
        Assert.That(net.GatewayTables.Filter.Append("FORWARD",
            new Rule(IpPacketMatch.Any with { Protocol = 1 }, [], RejectTarget.Default)).Ok);
        var replies = NatTopology.Echo(net.A, "100.100.100.2", 7);
        Assert.That(replies, Is.EqualTo(new[] { (IcmpType.DestinationUnreachable, (ushort)0, Ipv4Address.Parse("192.168.1.1")) }));
    }
}
