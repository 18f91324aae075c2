using Simulator.Core.Addressing;
using Simulator.Core.Wire;
using Simulator.Devices.Outside;

namespace Simulator.Devices.Tests.Outside;

public class DnsZoneTests
{
    private static DnsZone Zone()
    {
        var zone = new DnsZone();
        DefaultInternet.AddNames(zone);
        return zone;
    }

    [Test]
    public void Names_are_matched_without_regard_to_case_and_the_answer_keeps_the_question()
    {
        var query = DnsRepr.Query(7, "WWW.Baidu.COM");
        var answer = Zone().Answer(query);
        Assert.That(answer.Id, Is.EqualTo(7));
        Assert.That(answer.IsResponse && answer.RecursionAvailable && answer.RecursionDesired, Is.True);
        Assert.That(answer.Questions, Is.EqualTo(query.Questions));
        Assert.That(answer.Answers[0].Name, Is.EqualTo("WWW.Baidu.COM"));
        Assert.That(answer.Answers[1].Address, Is.EqualTo(Ipv4Address.Parse("14.119.104.254")));
    }

    [Test]
    public void A_loop_of_aliases_ends_after_the_longest_chain()
    {
        var zone = new DnsZone();
        Assert.That(zone.AddAlias("a.example", "b.example"), Is.Null);
        Assert.That(zone.AddAlias("b.example", "a.example"), Is.Null);
        var answer = zone.Answer(DnsRepr.Query(1, "a.example"));
        Assert.That(answer.Answers, Has.Count.EqualTo(DnsZone.MaxChain));
        Assert.That(answer.ResponseCode, Is.EqualTo(DnsResponseCode.NoError));
    }

    [Test]
    public void A_name_is_an_alias_or_has_addresses_not_both()
    {
        var zone = new DnsZone();
        Assert.That(zone.AddAddress("x.example", Ipv4Address.Parse("192.0.2.1")), Is.Null);
        Assert.That(zone.AddAlias("x.example", "y.example"), Is.Not.Null);
        Assert.That(zone.AddAlias("y.example", "y.example"), Is.Not.Null);
    }

    [Test]
    public void Reverse_lookups_find_no_name()
    {
        var answer = Zone().Answer(DnsRepr.Query(1, "254.104.119.14.in-addr.arpa", DnsRecordType.PTR));
        Assert.That(answer.ResponseCode, Is.EqualTo(DnsResponseCode.NameError));
    }

    [Test]
    public void Only_standard_queries_of_one_question_are_answered()
    {
        var query = DnsRepr.Query(1, "www.baidu.com");
        Assert.That(Zone().Answer(query with { Opcode = DnsOpcode.Status }).ResponseCode, Is.EqualTo(DnsResponseCode.NotImplemented));
        Assert.That(Zone().Answer(query with { Questions = [] }).ResponseCode, Is.EqualTo(DnsResponseCode.FormatError));
    }
}
