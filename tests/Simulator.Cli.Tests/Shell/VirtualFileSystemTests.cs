using Simulator.Cli.Shell;

namespace Simulator.Cli.Tests.Shell;

public class VirtualFileSystemTests
{
    [TestCase("a/b", "/root", "/root/a/b")]
    [TestCase("/etc//netns/./x/../y", "/", "/etc/netns/y")]
    [TestCase("..", "/", "/")]
    [TestCase("../tmp", "/root", "/tmp")]
    public void NormalizesPaths(string path, string cwd, string expected) =>
        Assert.That(VirtualFileSystem.Normalize(path, cwd), Is.EqualTo(expected));

    [Test]
    public void StartsWithTheUsualDirectoriesAndNoFiles()
    {
        var fs = new VirtualFileSystem();
        Assert.That(fs.DirectoryExists("/root") && fs.DirectoryExists("/etc") && fs.DirectoryExists("/tmp"), Is.True);
        Assert.That(fs.List("/etc"), Is.Empty);
    }

    [Test]
    public void WritingNeedsTheParentDirectory()
    {
        var fs = new VirtualFileSystem();
        Assert.That(fs.TryWrite("/etc/netns/ns1/resolv.conf", "x", append: false, out string? error), Is.False);
        Assert.That(error, Is.EqualTo(Errno.NoEntry));
        Assert.That(fs.CreateDirectory("/etc/netns/ns1", parents: true, out _), Is.True);
        Assert.That(fs.TryWrite("/etc/netns/ns1/resolv.conf", "a\n", append: false, out _), Is.True);
        Assert.That(fs.TryWrite("/etc/netns/ns1/resolv.conf", "b\n", append: true, out _), Is.True);
        Assert.That(fs.ReadFile("/etc/netns/ns1/resolv.conf", out _), Is.EqualTo("a\nb\n"));
    }

    [Test]
    public void ErrorsAreErrnoTexts()
    {
        var fs = new VirtualFileSystem();
        fs.WriteFile("/tmp/f", "x");
        Assert.That(fs.CreateDirectory("/tmp", parents: false, out string? exists), Is.False);
        Assert.That(exists, Is.EqualTo(Errno.Exists));
        Assert.That(fs.CreateDirectory("/tmp/f/sub", parents: true, out string? notDir), Is.False);
        Assert.That(notDir, Is.EqualTo(Errno.NotDirectory));
        Assert.That(fs.ReadFile("/tmp", out string? isDir), Is.Null);
        Assert.That(isDir, Is.EqualTo(Errno.IsDirectory));
        Assert.That(fs.Remove("/tmp", recursive: false, out string? notEmpty), Is.False);
        Assert.That(notEmpty, Is.EqualTo(Errno.NotEmpty));
        Assert.That(fs.Remove("/tmp", recursive: true, out _), Is.True);
        Assert.That(fs.Exists("/tmp/f"), Is.False);
    }
}
