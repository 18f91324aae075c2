using Simulator.Core.Addressing;
using Simulator.Core.Tracing;
using Simulator.Core.Wire;

namespace Simulator.Core.Tests.Wire;

public class DnsTests
{
    // scapy: DNS(id=0xbeef, rd=1, qd=DNSQR(qname="www.example.com", qtype="A"))
    private static readonly byte[] Query = Hex.Parse("""
        be ef               // id
        01 00               // flags: query, opcode 0, RD
        00 01               // 1 question
        00 00 00 00 00 00   // no answer, authority, additional records
        03 77 77 77 07 65 78 61 6d 70 6c 65 03 63 6f 6d 00   // www.example.com
        00 01               // type A
        00 01               // class IN
        """);

    // scapy: DNS(id=0xbeef, qr=1, rd=1, ra=1, qd=DNSQR(qname="www.example.com", qtype="A"),
    //            an=DNSRR(rrname="www.example.com", type="CNAME", ttl=300, rdata="example.com")
    //              /DNSRR(rrname="example.com", type="A", ttl=3600, rdata="93.184.216.34")).compress()
    private static readonly byte[] Response = Hex.Parse("""
        be ef               // id
        81 80               // flags: response, RD, RA, NOERROR
        00 01 00 02 00 00 00 00   // 1 question, 2 answers
        03 77 77 77 07 65 78 61 6d 70 6c 65 03 63 6f 6d 00   // offset 12: www.example.com
        00 01 00 01         // A, IN
        c0 0c               // name: pointer to offset 12 (www.example.com)
        00 05 00 01         // CNAME, IN
        00 00 01 2c         // TTL 300
        00 02               // RDLENGTH 2
        c0 10               // example.com: pointer to offset 16
        c0 10               // name: example.com
        00 01 00 01         // A, IN
        00 00 0e 10         // TTL 3600
        00 04               // RDLENGTH 4
        5d b8 d8 22         // 93.184.216.34
        """);

    // The same response without compression (scapy's bytes before .compress()).
    private static readonly byte[] UncompressedResponse = Hex.Parse("""
        be ef 81 80 00 01 00 02 00 00 00 00
        03 77 77 77 07 65 78 61 6d 70 6c 65 03 63 6f 6d 00 00 01 00 01
        03 77 77 77 07 65 78 61 6d 70 6c 65 03 63 6f 6d 00 00 05 00 01 00 00 01 2c
        00 0d 07 65 78 61 6d 70 6c 65 03 63 6f 6d 00
        07 65 78 61 6d 70 6c 65 03 63 6f 6d 00 00 01 00 01 00 00 0e 10 00 04 5d b8 d8 22
        """);

    // scapy: DNS(id=0xbeef, qr=1, rd=1, ra=1, rcode=3, qd=DNSQR(qname="nosuch.example", qtype="A"))
    private static readonly byte[] NameError = Hex.Parse("""
        be ef
        81 83               // flags: response, RD, RA, NXDOMAIN
        00 01 00 00 00 00 00 00
        06 6e 6f 73 75 63 68 07 65 78 61 6d 70 6c 65 00   // nosuch.example
        00 01 00 01
        """);

    private static readonly DnsRepr QueryRepr = DnsRepr.Query(0xbeef, "www.example.com");

    private static readonly DnsRepr ResponseRepr = DnsRepr.Response(QueryRepr,
    [
        DnsRecord.Cname("www.example.com", 300, "example.com"),
        DnsRecord.A("example.com", 3600, Ipv4Address.Parse("93.184.216.34")),
    ]);

    private static readonly DnsRepr NameErrorRepr =
        DnsRepr.Response(DnsRepr.Query(0xbeef, "nosuch.example"), [], DnsResponseCode.NameError);

    private static IEnumerable<TestCaseData> Goldens()
    {
        yield return new TestCaseData(Query, QueryRepr).SetName("query");
        yield return new TestCaseData(Response, ResponseRepr).SetName("response with CNAME and A");
        yield return new TestCaseData(NameError, NameErrorRepr).SetName("NXDOMAIN");
    }

    [Test]
    public void Deconstruct()
    {
        var packet = new DnsPacket(Response.AsSpan());
        Assert.That(packet.Id, Is.EqualTo(0xbeef));
        Assert.That(packet.IsResponse, Is.True);
        Assert.That(packet.Opcode, Is.EqualTo(DnsOpcode.Query));
        Assert.That(packet.AuthoritativeAnswer, Is.False);
        Assert.That(packet.Truncated, Is.False);
        Assert.That(packet.RecursionDesired, Is.True);
        Assert.That(packet.RecursionAvailable, Is.True);
        Assert.That(packet.ResponseCode, Is.EqualTo(DnsResponseCode.NoError));
        Assert.That(packet.QuestionCount, Is.EqualTo(1));
        Assert.That(packet.AnswerCount, Is.EqualTo(2));
        Assert.That(packet.AuthorityCount, Is.EqualTo(0));
        Assert.That(packet.AdditionalCount, Is.EqualTo(0));
        Assert.That(new DnsPacket(NameError.AsSpan()).ResponseCode, Is.EqualTo(DnsResponseCode.NameError));
    }

    [Test]
    public void Construct()
    {
        var bytes = Hex.Junk(12);
        _ = new DnsPacket(bytes)
        {
            Id = 0xbeef,
            Flags = 0,
            IsResponse = true,
            RecursionDesired = true,
            RecursionAvailable = true,
            ResponseCode = DnsResponseCode.NameError,
            QuestionCount = 1,
            AnswerCount = 0,
            AuthorityCount = 0,
            AdditionalCount = 0,
        };
        Assert.That(Hex.Format(bytes), Is.EqualTo(Hex.Format(NameError.AsSpan(0, 12))));
    }

    [TestCaseSource(nameof(Goldens))]
    public void Parse(byte[] golden, DnsRepr expected)
    {
        Assert.That(DnsRepr.TryParse(golden, out var repr), Is.EqualTo(DropReason.None));
        Assert.That(repr, Is.EqualTo(expected));
    }

    [TestCaseSource(nameof(Goldens))]
    public void Emit(byte[] golden, DnsRepr repr)
    {
        Assert.That(repr.BufferLength, Is.EqualTo(golden.Length));
        var bytes = Hex.Junk(repr.BufferLength);
        repr.Emit(bytes);
        Assert.That(Hex.Format(bytes), Is.EqualTo(Hex.Format(golden)));
    }

    [Test]
    public void Uncompressed_names_parse_the_same()
    {
        Assert.That(DnsRepr.TryParse(UncompressedResponse, out var repr), Is.EqualTo(DropReason.None));
        Assert.That(repr, Is.EqualTo(ResponseRepr));
    }

    [Test]
    public void Names_keep_their_case_and_take_a_final_dot()
    {
        var repr = DnsRepr.Query(1, "WWW.Example.COM.");
        var bytes = new byte[repr.BufferLength];
        repr.Emit(bytes);
        Assert.That(DnsRepr.TryParse(bytes, out var parsed), Is.EqualTo(DropReason.None));
        Assert.That(parsed.Questions[0].Name, Is.EqualTo("WWW.Example.COM"));
    }

    [Test]
    public void The_root_name_is_a_dot()
    {
        var repr = DnsRepr.Query(1, ".", DnsRecordType.NS);
        var bytes = new byte[repr.BufferLength];
        repr.Emit(bytes);
        Assert.That(Hex.Format(bytes.AsSpan(12)), Is.EqualTo("0000020001"));
        Assert.That(DnsRepr.TryParse(bytes, out var parsed), Is.EqualTo(DropReason.None));
        Assert.That(parsed, Is.EqualTo(repr));
    }

    [Test]
    public void Other_record_types_keep_their_data_as_bytes()
    {
        // An AAAA answer and an EDNS OPT record in the additional section (RFC 6891 section 6.1.2).
        var repr = DnsRepr.Response(DnsRepr.Query(7, "example.com", DnsRecordType.AAAA),
            [new DnsRecord("example.com", DnsRecordType.AAAA, DnsClass.Internet, 60) { Data = Hex.Parse("20010db8000000000000000000000001") }])
            with { Additionals = [new DnsRecord(".", DnsRecordType.OPT, (DnsClass)1232, 0)] };
        var bytes = new byte[repr.BufferLength];
        repr.Emit(bytes);
        Assert.That(DnsRepr.TryParse(bytes, out var parsed), Is.EqualTo(DropReason.None));
        Assert.That(parsed, Is.EqualTo(repr));
        Assert.That(Hex.Format(bytes.AsSpan(bytes.Length - 11)), Is.EqualTo("00002904d0000000000000"));
    }

    [Test]
    public void Truncation_at_every_length_is_refused()
    {
        for (int length = 0; length < Response.Length; length++)
        {
            var expected = length < 12 ? DropReason.HdrTrunc : DropReason.Malformed;
            Assert.That(DnsRepr.TryParse(Response.AsSpan(0, length), out _), Is.EqualTo(expected), $"length {length}");
        }
    }

    [TestCase("c00c", TestName = "pointer to itself")]
    [TestCase("c00e 00", TestName = "pointer forwards")]
    [TestCase("01 61 c00c", TestName = "pointer back into the same name")]
    [TestCase("40 61", TestName = "extended label type 01")]
    [TestCase("80 61", TestName = "label type 10")]
    [TestCase("02 61 2e 00", TestName = "a dot inside a label")]
    [TestCase("02 61 20 00", TestName = "a space inside a label")]
    public void Bad_names_are_malformed(string name)
    {
        var bytes = Hex.Parse($"0001 0000 0001 0000 0000 0000 {name} 0001 0001");
        Assert.That(DnsRepr.TryParse(bytes, out var repr), Is.EqualTo(DropReason.Malformed));
        Assert.That(repr, Is.EqualTo(default(DnsRepr)));
    }

    [Test]
    public void Names_over_255_bytes_are_malformed()
    {
        var name = string.Concat(Enumerable.Repeat("3f" + new string('1', 126), 4)) + "00"; // 4 × 64 + 1 = 257
        var bytes = Hex.Parse($"0001 0000 0001 0000 0000 0000 {name} 0001 0001");
        Assert.That(DnsRepr.TryParse(bytes, out _), Is.EqualTo(DropReason.Malformed));
    }

    [Test]
    public void An_A_record_must_have_four_bytes()
    {
        var bytes = (byte[])Response.Clone();
        bytes[^5] = 5;
        Assert.That(DnsRepr.TryParse([.. bytes, 0], out _), Is.EqualTo(DropReason.Malformed));
    }

    [Test]
    public void A_CNAME_target_must_fill_its_data()
    {
        var bytes = (byte[])UncompressedResponse.Clone();
        bytes[59] = 0x0e; // RDLENGTH 13 -> 14: the name ends before the data does
        Assert.That(DnsRepr.TryParse(bytes, out _), Is.EqualTo(DropReason.Malformed));
    }

    [Test]
    public void Huge_counts_on_few_bytes_fail_without_allocating_for_them()
    {
        var bytes = Hex.Parse("0001 0000 ffff ffff ffff ffff");
        Assert.That(DnsRepr.TryParse(bytes, out _), Is.EqualTo(DropReason.Malformed));
    }

    [TestCase("a..b")]
    [TestCase("..")]
    [TestCase("caf\u00e9.example")]
    public void Emit_refuses_names_that_cannot_be_written(string name)
    {
        Assert.Throws<ArgumentException>(() => _ = DnsRepr.Query(1, name).BufferLength);
    }

    [Test]
    public void Emit_refuses_labels_over_63_bytes()
    {
        Assert.Throws<ArgumentException>(() => _ = DnsRepr.Query(1, new string('a', 64) + ".example").BufferLength);
        Assert.DoesNotThrow(() => _ = DnsRepr.Query(1, new string('a', 63) + ".example").BufferLength);
    }
}
