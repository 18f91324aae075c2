using Simulator.Cli.Shell;

namespace Simulator.Cli.Tests.Shell;

public class ShellQuotingTests
{
    [TestCase("ip", "ip")]
    [TestCase("192.168.45.2/255.255.255.0", "192.168.45.2/255.255.255.0")]
    [TestCase("", "''")]
    [TestCase("nameserver 8.8.8.8", "'nameserver 8.8.8.8'")]
    [TestCase("[", "'['")]
    [TestCase("]", "']'")]
    [TestCase("it's", "'it'\\''s'")]
    [TestCase("$x", "'$x'")]
    [TestCase("*", "'*'")]
    [TestCase("~", "'~'")]
    [TestCase("a~", "a~")]
    [TestCase("a=~", "'a=~'")]
    [TestCase("#a", "'#a'")]
    [TestCase("a#", "a#")]
    [TestCase("-j", "-j")]
    [TestCase("a,b:c@d%e+f", "a,b:c@d%e+f")]
    [TestCase("{\"runner\": {\"name\": \"activebackup\"}}", "'{\"runner\": {\"name\": \"activebackup\"}}'")]
    [TestCase("a\nb", "'a\nb'")]
    [TestCase("tab\there", "'tab\there'")]
    [TestCase("bell\a", "$'bell\\a'")]
    [TestCase("\x01", "$'\\001'")]
    public void QuotesLikeBashXtrace(string word, string quoted) =>
        Assert.That(ShellQuoting.Quote(word), Is.EqualTo(quoted));

    [Test]
    public void AssignmentsQuoteOnlyTheValue()
    {
        Assert.That(ShellQuoting.QuoteAssignment("b", "x y"), Is.EqualTo("b='x y'"));
        Assert.That(ShellQuoting.QuoteAssignment("e", ""), Is.EqualTo("e="));
        Assert.That(ShellQuoting.QuoteAssignment("n", "liuye"), Is.EqualTo("n=liuye"));
    }

    [Test]
    public void JoinQuotesEachWord() =>
        Assert.That(ShellQuoting.Join(["[", "-z", "", "]"]), Is.EqualTo("'[' -z '' ']'"));
}
