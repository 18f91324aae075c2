using Simulator.Cli.Commands.Resolver;
using Simulator.Core.Addressing;

namespace Simulator.Cli.Tests.Ping;

/// <summary>The files and number forms glibc reads before it sends anything.</summary>
public class ResolverFileTests
{
    [TestCase("10.0.0.2", "10.0.0.2")]
    [TestCase("10.0.2", "10.0.0.2")]
    [TestCase("10.2", "10.0.0.2")]
    [TestCase("167772162", "10.0.0.2")]
    [TestCase("0x0a000002", "10.0.0.2")]
    [TestCase("012.0.0.02", "10.0.0.2")]
    [TestCase("10.0.0.255", "10.0.0.255")]
    public void InetAtonForms(string text, string address)
    {
        Assert.That(InetAton.TryParse(text, out var parsed), Is.True);
        Assert.That(parsed, Is.EqualTo(Ipv4Address.Parse(address)));
    }

    [TestCase("10.0.0.300")]
    [TestCase("10.0.0.2.1")]
    [TestCase("10..0.2")]
    [TestCase("08.0.0.1")]
    [TestCase("0x")]
    [TestCase("10.0.0.2 ")]
    [TestCase("")]
    [TestCase("www.baidu.com")]
    [TestCase("10.256.0")]
    public void NotAddresses(string text) => Assert.That(InetAton.TryParse(text, out _), Is.False);

    [Test]
    public void ResolvConfDefaults()
    {
        var conf = ResolvConf.Parse(null);
        Assert.That(conf.Nameservers, Is.EqualTo(new[] { Ipv4Address.Loopback }));
        Assert.That((conf.Timeout, conf.Attempts, conf.Ndots), Is.EqualTo((5, 2, 1)));
        Assert.That(conf.Search, Is.Empty);
    }

    [Test]
    public void ResolvConfKeepsThreeServersAndTheLastSearchLine()
    {
        var conf = ResolvConf.Parse(
            "# comment\n; comment\nnameserver 10.0.0.1\nnameserver 10.0.0.2\nnameserver 10.0.0.3\nnameserver 10.0.0.4\n" +
            "domain a.test\nsearch b.test c.test\noptions timeout:3 attempts:9 ndots:2 rotate\n");
        Assert.That(conf.Nameservers.Select(n => n.ToString()), Is.EqualTo(new[] { "10.0.0.1", "10.0.0.2", "10.0.0.3" }));
        Assert.That(conf.Search, Is.EqualTo(new[] { "b.test", "c.test" }));
        Assert.That((conf.Timeout, conf.Attempts, conf.Ndots, conf.Rotate), Is.EqualTo((3, 5, 2, true)));
        Assert.That(conf.Unmodelled, Is.Empty);
    }

    [Test]
    public void ResolvConfNamesWhatItCannotDo()
    {
        var conf = ResolvConf.Parse("nameserver 2001:db8::1\noptions use-vc\n");
        Assert.That(conf.Unmodelled, Has.Count.EqualTo(2));
        Assert.That(conf.Nameservers, Is.EqualTo(new[] { Ipv4Address.Loopback }));
    }

    [Test]
    public void HostsFileCanonicalNamesAliasesAndReverse()
    {
        var hosts = HostsFile.Parse("127.0.0.1 localhost\n10.0.0.2\tmyhost myalias # a comment\n::1 localhost ip6-localhost\n10.0.0.3 MyAlias\n");
        Assert.That(hosts.TryLookup("MYALIAS", out var canonical, out var addresses), Is.True);
        Assert.That(canonical, Is.EqualTo("myhost"));
        Assert.That(addresses.Select(a => a.ToString()), Is.EqualTo(new[] { "10.0.0.2", "10.0.0.3" }));
        Assert.That(hosts.ReverseLookup(Ipv4Address.Parse("10.0.0.2")), Is.EqualTo("myhost"));
        Assert.That(hosts.ReverseLookup(Ipv4Address.Parse("10.0.0.9")), Is.Null);
        Assert.That(hosts.TryLookup("ip6-localhost", out _, out _), Is.False);
    }

    [Test]
    public void MissingHostsFileHasLocalhost()
    {
        Assert.That(HostsFile.Parse(null).TryLookup("localhost", out _, out var addresses), Is.True);
        Assert.That(addresses, Is.EqualTo(new[] { Ipv4Address.Loopback }));
    }

    [Test]
    public void GaiErrorTexts()
    {
        Assert.That(GaiError.NoName.Message(), Is.EqualTo("Name or service not known"));
        Assert.That(GaiError.Again.Message(), Is.EqualTo("Temporary failure in name resolution"));
        Assert.That(GaiError.NoData.Message(), Is.EqualTo("No address associated with hostname"));
    }
}
