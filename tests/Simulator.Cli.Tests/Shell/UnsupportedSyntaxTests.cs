namespace Simulator.Cli.Tests.Shell;

/// <summary>
/// Shell features outside the subset are never skipped: the statements before run, then the
/// script stops with status 2 and a message naming file, line and construct.
/// </summary>
public class UnsupportedSyntaxTests
{
    [TestCase("case $x in a) echo a;; esac", "unsupported shell syntax: case statement")]
    [TestCase("a=(1 2 3)", "unsupported shell syntax: array assignment")]
    [TestCase("echo ${a[0]}", "unsupported shell syntax: arrays")]
    [TestCase("a[1]=x", "unsupported shell syntax: arrays")]
    [TestCase("diff <(ip route) <(ip route)", "unsupported shell syntax: process substitution <(...)")]
    [TestCase("mkdir -p /etc/netns/{ns1,ns2}", "unsupported shell syntax: brace expansion /etc/netns/{ns1,ns2}")]
    [TestCase("for i in {1..3}; do :; done", "unsupported shell syntax: brace expansion {1..3}")]
    [TestCase("for ((i=0; i<3; i++)); do :; done", "unsupported shell syntax: C-style for loop")]
    [TestCase("echo ${!name}", "unsupported shell syntax: indirect expansion ${!...}")]
    [TestCase("echo ${x^^}", "unsupported shell syntax: case modification ${var^}")]
    [TestCase("echo ${x@Q}", "unsupported shell syntax: parameter transformation ${var@...}")]
    [TestCase("select x in a b; do :; done", "unsupported shell syntax: select statement")]
    [TestCase("coproc cat", "unsupported shell syntax: coproc")]
    [TestCase("time ping -c 1 10.0.0.1", "unsupported shell syntax: time")]
    [TestCase("echo $[1+2]", "unsupported shell syntax: $[...] arithmetic")]
    [TestCase("trap cleanup EXIT", "unsupported shell builtin: trap")]
    [TestCase("alias ll='ls -l'", "unsupported shell builtin: alias")]
    [TestCase("exec 3>/tmp/log", "unsupported shell builtin: exec")]
    [TestCase("declare -a list", "unsupported shell builtin: declare -a")]
    [TestCase("printf -v x %s 1", "unsupported shell builtin: printf -v")]
    [TestCase("read -a parts <<< 'a b'", "unsupported shell builtin: read -a")]
    [TestCase("set -o posix", "unsupported shell builtin: set -o posix")]
    [TestCase("command -v ip", "unsupported shell builtin: command")]
    [TestCase("echo x 3>/dev/null", "unsupported shell syntax: redirection of file descriptor 3")]
    public void StopsTheScriptNamingFileLineAndConstruct(string statement, string message)
    {
        ShellHarness h = ShellHarness.Running($"echo before\nip link\n{statement}\necho after\n", out int status);

        Assert.That(h.Text, Is.EqualTo($"before\nt.sh: line 3: netsim: {message}\n"));
        Assert.That(status, Is.EqualTo(2));
        Assert.That(h.Host.Lines.First(), Is.EqualTo("ip link"));
        Assert.That(h.Host.Lines, Has.None.EqualTo("echo after"));
    }

    [Test]
    public void InsideAFunctionBodyItIsReportedWhenTheDefinitionIsRead()
    {
        ShellHarness h = ShellHarness.Running("echo one\nf() {\n  echo in\n  case $1 in\n  esac\n}\necho two\n", out int status);
        Assert.That(h.Text, Is.EqualTo("one\nt.sh: line 4: netsim: unsupported shell syntax: case statement\n"));
        Assert.That(status, Is.EqualTo(2));
    }

    [Test]
    public void InASourcedFileItStopsTheWholeScript()
    {
        var h = new ShellHarness();
        h.Shell.FileSystem.WriteFile("/root/lib.sh", "echo lib\ntrap 'ip link del br0' EXIT\necho never\n");
        int status = h.Run("source lib.sh\necho after\n");
        Assert.That(h.Text, Is.EqualTo("lib\nlib.sh: line 2: netsim: unsupported shell builtin: trap\n"));
        Assert.That(status, Is.EqualTo(2));
    }

    [Test]
    public void TheFailedStatementIsReported()
    {
        ShellHarness h = ShellHarness.Running("echo a\ncase x in esac\n", out _);
        Assert.That(h.Statements.Select(s => (s.StartLine, s.ExitStatus)), Is.EqualTo(new[] { (1, 0), (2, 2) }));
        Assert.That(h.Statements[1].Stderr, Is.EqualTo("t.sh: line 2: netsim: unsupported shell syntax: case statement\n"));
    }
}
