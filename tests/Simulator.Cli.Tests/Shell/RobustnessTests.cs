namespace Simulator.Cli.Tests.Shell;

/// <summary>Scripts that would crash or hang a naive interpreter.</summary>
public class RobustnessTests
{
    [Test]
    public void RunawayRecursionStopsWithBashsFuncnestMessage()
    {
        ShellHarness h = ShellHarness.Running("f() { f; }\nf\necho after $?\n", out int status);
        Assert.That(h.Text, Is.EqualTo("t.sh: line 1: f: maximum function nesting level exceeded (200)\nafter 1\n"));
        Assert.That(status, Is.Zero);
    }

    [Test]
    public void AFileThatSourcesItselfStops()
    {
        var h = new ShellHarness();
        h.Shell.FileSystem.WriteFile("/root/loop.sh", "source loop.sh\n");
        h.Run("source loop.sh\necho after\n");
        Assert.That(h.Stdout, Is.EqualTo("after\n"));
        Assert.That(h.Stderr, Does.Contain("source: loop.sh: maximum source nesting level exceeded (200)"));
    }

    [Test]
    public void DeepButFiniteRecursionWorks()
    {
        Assert.That(ShellHarness.Out("f() { if [ $1 -gt 0 ]; then f $(($1 - 1)); else echo bottom; fi; }\nf 150\n"), Is.EqualTo("bottom\n"));
    }
}
