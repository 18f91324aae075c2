using Simulator.Cli.Shell;

namespace Simulator.Cli.Tests.Shell;

/// <summary>The interpreter's entry points: RunFile, RunText, Trace, ExitStatus, statement reports.</summary>
public class InterpreterApiTests
{
    private string _dir = "";

    [SetUp]
    public void CreateScriptDirectory()
    {
        _dir = Path.Combine(Path.GetTempPath(), "netsim-shell-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_dir);
    }

    [TearDown]
    public void RemoveScriptDirectory() => Directory.Delete(_dir, recursive: true);

    [Test]
    public void RunFileNamesTheScriptAsGivenAndSourcesFilesBesideIt()
    {
        File.WriteAllText(Path.Combine(_dir, "lib.sh"), "greet() { echo \"hello $1\"; }\nnosuch\n");
        string main = Path.Combine(_dir, "main.sh");
        File.WriteAllText(main, "source lib.sh\ngreet world\nbash lib.sh\n");
        var h = new ShellHarness();

        int status = h.Shell.RunFile(main);

        Assert.That(h.Text, Is.EqualTo("lib.sh: line 2: nosuch: command not found\nhello world\nlib.sh: line 2: nosuch: command not found\n"));
        Assert.That(status, Is.EqualTo(127));
        Assert.That(h.Statements.Select(s => s.File).Distinct(), Is.EqualTo(new[] { "lib.sh", main }));
    }

    [Test]
    public void VirtualFilesComeBeforeRealOnesAndRealFilesAreNeverWritten()
    {
        File.WriteAllText(Path.Combine(_dir, "conf.sh"), "x=real\n");
        string main = Path.Combine(_dir, "main.sh");
        File.WriteAllText(main, "source conf.sh; echo $x\necho 'x=virtual' > conf.sh\nsource conf.sh; echo $x\n");
        var h = new ShellHarness();

        h.Shell.RunFile(main);

        Assert.That(h.Stdout, Is.EqualTo("real\nvirtual\n"));
        Assert.That(File.ReadAllText(Path.Combine(_dir, "conf.sh")), Is.EqualTo("x=real\n"));
        Assert.That(h.Shell.FileSystem.ReadFile("/root/conf.sh", out _), Is.EqualTo("x=virtual\n"));
    }

    [Test]
    public void MissingScriptFileIsBashsError()
    {
        var h = new ShellHarness();
        int status = h.Shell.RunFile(Path.Combine(_dir, "none.sh"));
        Assert.That(status, Is.EqualTo(127));
        Assert.That(h.Stderr, Does.EndWith("none.sh: No such file or directory\n"));
    }

    [Test]
    public void TraceFlagTracesFromTheFirstCommandLikeBashX()
    {
        var h = new ShellHarness();
        h.Shell.Trace = true;
        h.Run("ip netns add ns1\nx=$(echo hi)\n");
        Assert.That(h.Stderr, Is.EqualTo("+ ip netns add ns1\n++ echo hi\n+ x=hi\n"));
    }

    [Test]
    public void SourcedFilesTraceOneLevelDeeperAsInBash()
    {
        var h = new ShellHarness();
        h.Shell.FileSystem.WriteFile("/root/lib.sh", "ip link\nf() { ip addr; }\n");
        h.Run("set -x\nsource lib.sh\nf\n");
        Assert.That(h.Stderr, Is.EqualTo("+ source lib.sh\n++ ip link\n+ f\n+ ip addr\n"));
    }

    [Test]
    public void ExitStatusIsTheLastCommandsOrExits()
    {
        var h = new ShellHarness();
        Assert.That(h.Run("false\n"), Is.EqualTo(1));
        Assert.That(h.Shell.ExitStatus, Is.EqualTo(1));
        Assert.That(h.Run("exit 42\necho no\n"), Is.EqualTo(42));
        Assert.That(h.Stdout, Is.Empty);
    }

    [Test]
    public void StateCarriesOverBetweenRuns()
    {
        var h = new ShellHarness();
        h.Run("export ns=blue\nshow() { echo \"ns=$ns\"; }\n");
        h.Run("show\n");
        Assert.That(h.Stdout, Is.EqualTo("ns=blue\n"));
    }

    [Test]
    public void ExitInASourcedFileEndsEverythingAndReturnEndsOnlyTheFile()
    {
        var h = new ShellHarness();
        h.Shell.FileSystem.WriteFile("/root/ret.sh", "echo r1\nreturn 3\necho r2\n");
        h.Shell.FileSystem.WriteFile("/root/exit.sh", "echo e1\nexit 4\necho e2\n");
        int status = h.Run(". ret.sh\necho \"ret $?\"\nsource exit.sh\necho never\n");
        Assert.That(h.Stdout, Is.EqualTo("r1\nret 3\ne1\n"));
        Assert.That(status, Is.EqualTo(4));
    }

    [Test]
    public void SyntaxErrorInASourcedFileEndsOnlyThatFileWithStatus2()
    {
        var h = new ShellHarness();
        h.Shell.FileSystem.WriteFile("/root/bad.sh", "echo bad1\nfi\necho bad2\n");
        int status = h.Run("source bad.sh\necho \"after $?\"\n");
        Assert.That(h.Text, Is.EqualTo("bad1\nbad.sh: line 2: syntax error near unexpected token `fi'\nbad.sh: line 2: `fi'\nafter 2\n"));
        Assert.That(status, Is.Zero);
    }

    [Test]
    public void SourceOfAMissingFile()
    {
        ShellHarness h = ShellHarness.Running("source nothere.sh\necho $?\n", out _);
        Assert.That(h.Text, Is.EqualTo("t.sh: line 1: nothere.sh: No such file or directory\n1\n"));
    }

    [Test]
    public void SourceWithArgumentsSetsThemForTheFileOnly()
    {
        var h = new ShellHarness();
        h.Shell.FileSystem.WriteFile("/root/args.sh", "echo \"$# $1 $2\"\n");
        h.Run("set -- outer\nsource args.sh a b\necho \"$# $1\"\n");
        Assert.That(h.Stdout, Is.EqualTo("2 a b\n1 outer\n"));
    }

    [Test]
    public void RunTextArgumentsArePositionalParameters()
    {
        var h = new ShellHarness();
        h.Shell.RunText("echo \"$0 $# $1 $2\"\n", "scenario.sh", ["ns1", "10.0.0.1"]);
        Assert.That(h.Stdout, Is.EqualTo("scenario.sh 2 ns1 10.0.0.1\n"));
    }

    [Test]
    public void StatementsSpanTheirLinesAndCarryTheirOwnOutput()
    {
        ShellHarness h = ShellHarness.Running(
            "# header\n\necho one; echo two >&2\nif true; then\n  echo three\nfi\ncat <<EOF\nfour\nEOF\n", out _);
        Assert.That(h.Statements.Select(s => (s.StartLine, s.EndLine)), Is.EqualTo(new[] { (3, 3), (4, 6), (7, 9) }));
        Assert.That(h.Statements[0].Stdout, Is.EqualTo("one\n"));
        Assert.That(h.Statements[0].Stderr, Is.EqualTo("two\n"));
        Assert.That(h.Statements[0].Output, Is.EqualTo("one\ntwo\n"));
        Assert.That(h.Statements[1].Stdout, Is.EqualTo("three\n"));
        Assert.That(h.Statements[2].Stdout, Is.EqualTo("four\n"));
        Assert.That(h.Statements.All(s => s.File == "t.sh" && s.SourceDepth == 0), Is.True);
    }

    [Test]
    public void AStatementEndedByExitIsStillReported()
    {
        ShellHarness h = ShellHarness.Running("echo bye; exit 3\necho never\n", out _);
        Assert.That(h.Statements.Single().ExitStatus, Is.EqualTo(3));
        Assert.That(h.Statements.Single().Stdout, Is.EqualTo("bye\n"));
    }

    [Test]
    public void ASyntaxErrorIsReportedAsAStatementAndEndsTheScript()
    {
        ShellHarness h = ShellHarness.Running("echo a\nfi\necho b\n", out int status);
        Assert.That(status, Is.EqualTo(2));
        Assert.That(h.Statements.Select(s => (s.StartLine, s.ExitStatus)), Is.EqualTo(new[] { (1, 0), (2, 2) }));
        Assert.That(h.Statements[1].Stderr, Is.EqualTo("t.sh: line 2: syntax error near unexpected token `fi'\nt.sh: line 2: `fi'\n"));
    }

    [Test]
    public void WriterOutputForwardsBothStreams()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var shell = new ShellInterpreter(new FakeHost(), new WriterShellOutput(stdout, stderr));
        shell.RunText("echo out\necho err >&2\n", "w.sh");
        Assert.That((stdout.ToString(), stderr.ToString()), Is.EqualTo(("out\n", "err\n")));
    }

    [Test]
    public void VariablesCanBeSetAndReadByTheCaller()
    {
        var h = new ShellHarness();
        h.Shell.SetVariable("uplink", "eth0", exported: true);
        h.Run("ip link set $uplink up\nresult=done\n");
        Assert.That(h.Host.Lines.Single(), Is.EqualTo("ip link set eth0 up"));
        Assert.That(h.Host.Invocations.Single().Environment["uplink"], Is.EqualTo("eth0"));
        Assert.That(h.Shell.GetVariable("result"), Is.EqualTo("done"));
        Assert.That(h.Shell.Environment.ContainsKey("result"), Is.False);
    }
}
