using Simulator.Cli.Commands.Iptables;

namespace Simulator.Cli.Tests.Iptables;

/// <summary>The getopt_long behaviour iptables relies on.</summary>
public class GetoptTests
{
    private static Getopt For(params string[] args)
    {
        var getopt = new Getopt(["iptables", .. args], "-:A:L::nvx");
        getopt.LongOptions.AddRange([
            new LongOption("list", ArgumentKind.Optional, 'L'),
            new LongOption("list-rules", ArgumentKind.Optional, 'S'),
            new LongOption("line-numbers", ArgumentKind.None, '0'),
            new LongOption("append", ArgumentKind.Required, 'A'),
        ]);
        return getopt;
    }

    private static List<(int Code, string? Argument)> All(Getopt getopt)
    {
        var result = new List<(int, string?)>();
        while (getopt.Next() is var r && r.Code != GetoptResult.End) result.Add((r.Code, r.Argument));
        return result;
    }

    [Test]
    public void ClusteredFlags() =>
        Assert.That(All(For("-nvL")), Is.EqualTo(new (int, string?)[] { ('n', null), ('v', null), ('L', null) }));

    [Test]
    public void OptionalArgumentOnlyWhenAttached() =>
        Assert.That(All(For("-LINPUT", "-L", "FORWARD")),
            Is.EqualTo(new (int, string?)[] { ('L', "INPUT"), ('L', null), (GetoptResult.NonOption, "FORWARD") }));

    [Test]
    public void RequiredArgumentTakesTheNextWordWhateverItIs() =>
        Assert.That(All(For("-A", "-n")), Is.EqualTo(new (int, string?)[] { ('A', "-n") }));

    [Test]
    public void MissingArgument() =>
        Assert.That(All(For("-A")), Is.EqualTo(new (int, string?)[] { (GetoptResult.MissingArgument, null) }));

    [Test]
    public void LongOptionsByUniquePrefix()
    {
        Assert.Multiple(() =>
        {
            Assert.That(All(For("--line")), Is.EqualTo(new (int, string?)[] { ('0', null) }));
            Assert.That(All(For("--app=INPUT")), Is.EqualTo(new (int, string?)[] { ('A', "INPUT") }));
            Assert.That(All(For("--lis")), Is.EqualTo(new (int, string?)[] { (GetoptResult.Unknown, null) }), "list or list-rules");
            Assert.That(All(For("--list")), Is.EqualTo(new (int, string?)[] { ('L', null) }), "an exact name wins");
        });
    }

    [Test]
    public void UnknownInsideAClusterQuotesThePreviousWord()
    {
        var getopt = For("-nyL");
        getopt.Next();
        var unknown = getopt.Next();
        Assert.Multiple(() =>
        {
            Assert.That(unknown.Code, Is.EqualTo(GetoptResult.Unknown));
            Assert.That(getopt.Previous, Is.EqualTo("iptables"), "as the real tool's message shows");
        });
    }

    [Test]
    public void DoubleDashEndsOptions()
    {
        var getopt = For("-n", "--", "INPUT");
        Assert.Multiple(() =>
        {
            Assert.That(All(getopt), Is.EqualTo(new (int, string?)[] { ('n', null) }));
            Assert.That(getopt.Index, Is.EqualTo(3));
        });
    }
}
