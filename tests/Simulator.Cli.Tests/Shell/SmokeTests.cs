namespace Simulator.Cli.Tests.Shell;

public class SmokeTests
{
    [Test]
    public void EchoWorks()
    {
        ShellHarness h = ShellHarness.Running("x=hi\necho \"$x there\" $((1+2))\n", out int status);
        Assert.That(h.Text, Is.EqualTo("hi there 3\n"));
        Assert.That(status, Is.Zero);
    }
}
