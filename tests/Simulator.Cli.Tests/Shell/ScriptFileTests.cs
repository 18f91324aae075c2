namespace Simulator.Cli.Tests.Shell;

/// <summary>Scripts that create, read and run files of the virtual file system.</summary>
public class ScriptFileTests
{
    [Test]
    public void HeredocIntoAFileInHomeThenSourceIt()
    {
        ShellHarness h = ShellHarness.Running(
            "cat > ~/vars.sh << 'EOF'\nexport ns=$1\nEOF\ncat ~/vars.sh\nsource vars.sh red\necho \"[$ns]\"\n", out _);
        Assert.That(h.Stdout, Is.EqualTo("export ns=$1\n[red]\n"));
        Assert.That(h.Shell.FileSystem.ReadFile("/root/vars.sh", out _), Is.EqualTo("export ns=$1\n"));
    }

    [Test]
    public void UnquotedHeredocExpandsWhenWritten()
    {
        ShellHarness h = ShellHarness.Running("ns=blue\ncat > /tmp/conf <<EOF\nname=$ns\nEOF\ncat /tmp/conf\n", out _);
        Assert.That(h.Stdout, Is.EqualTo("name=blue\n"));
    }

    [Test]
    public void RedirectionsCreateTruncateAndAppend()
    {
        ShellHarness h = ShellHarness.Running(
            "echo a > /tmp/f\necho b >> /tmp/f\ncat /tmp/f\necho c > /tmp/f\ncat /tmp/f\n: > /tmp/f\ncat /tmp/f\nwc -l < /tmp/f\n", out _);
        Assert.That(h.Stdout, Is.EqualTo("a\nb\nc\n0\n"));
    }

    [Test]
    public void RedirectionIntoAMissingDirectoryFails()
    {
        ShellHarness h = ShellHarness.Running("echo x > /etc/netns/ns1/resolv.conf\necho $?\n", out _);
        Assert.That(h.Text, Is.EqualTo("t.sh: line 1: /etc/netns/ns1/resolv.conf: No such file or directory\n1\n"));
    }

    [Test]
    public void BothStreamsToOneFile()
    {
        var h = new ShellHarness();
        h.Host.Handle("ping", ctx =>
        {
            ctx.Stdout.Write("out\n");
            ctx.Stderr.Write("err\n");
            return 0;
        });
        h.Run("ping x &> /tmp/log\nping y > /tmp/log2 2>&1\nping z 2>&1 >/dev/null | cat\ncat /tmp/log /tmp/log2\n");
        Assert.That(h.Text, Is.EqualTo("err\nout\nerr\nout\nerr\n"));
    }

    [Test]
    public void MkdirRmTouchAndErrorsInCoreutilsWords()
    {
        ShellHarness h = ShellHarness.Running(
            "mkdir -p /etc/netns/liuye\nmkdir /etc/netns/liuye\nmkdir /a/b\ntouch /etc/netns/liuye/hosts\nls_status=0\n" +
            "rm /etc/netns/liuye\nrm -rf /etc/netns/liuye\nrm /etc/netns/liuye\nrm -f /etc/netns/liuye\necho $?\n", out _);
        Assert.That(h.Text, Is.EqualTo(
            "mkdir: cannot create directory '/etc/netns/liuye': File exists\n" +
            "mkdir: cannot create directory '/a/b': No such file or directory\n" +
            "rm: cannot remove '/etc/netns/liuye': Is a directory\n" +
            "rm: cannot remove '/etc/netns/liuye': No such file or directory\n" +
            "0\n"));
        Assert.That(h.Shell.FileSystem.Exists("/etc/netns"), Is.True);
    }

    [Test]
    public void InteractiveRmAsksAndWithoutAnAnswerKeeps()
    {
        ShellHarness h = ShellHarness.Running("mkdir -p /tmp/d\nrm -i -r /tmp/d\n[ -d /tmp/d ] && echo kept\nrm -i -rf /tmp/d\n[ -d /tmp/d ] || echo gone\n", out _);
        Assert.That(h.Text, Is.EqualTo("rm: descend into directory '/tmp/d'? kept\ngone\n"));
    }

    [Test]
    public void CdChangesWhereRelativePathsGo()
    {
        ShellHarness h = ShellHarness.Running(
            "cd /etc\npwd\necho x > local.conf\ncd ..\ncat etc/local.conf\ncd\npwd\ncd /nonexistent\ncd /etc/local.conf\n", out _);
        Assert.That(h.Text, Is.EqualTo(
            "/etc\nx\n/root\nt.sh: line 8: cd: /nonexistent: No such file or directory\nt.sh: line 9: cd: /etc/local.conf: Not a directory\n"));
    }

    [Test]
    public void GlobsMatchVirtualFiles()
    {
        ShellHarness h = ShellHarness.Running(
            "mkdir -p /etc/netns/ns1 /etc/netns/ns2\ntouch /etc/netns/ns1/resolv.conf\n" +
            "for d in /etc/netns/*; do echo $d; done\necho /etc/netns/*/resolv.conf\necho /etc/netns/x*\necho '/etc/netns/*'\n" +
            "cd /etc/netns; echo ns?\n", out _);
        Assert.That(h.Stdout, Is.EqualTo(
            "/etc/netns/ns1\n/etc/netns/ns2\n/etc/netns/ns1/resolv.conf\n/etc/netns/x*\n/etc/netns/*\nns1 ns2\n"));
    }

    [Test]
    public void ScriptsRunByPathNeedTheExecuteBit()
    {
        ShellHarness h = ShellHarness.Running(
            "printf '#!/bin/bash\\necho \"run $1\"\\nip link\\n' > ~/up.sh\n./up.sh a\necho $?\nchmod +x ~/up.sh\n./up.sh b\n/root/up.sh c\nbash up.sh d\n./missing.sh\n", out _);
        Assert.That(h.Text, Is.EqualTo(
            "t.sh: line 2: ./up.sh: Permission denied\n126\nrun b\nrun c\nrun d\nt.sh: line 8: ./missing.sh: No such file or directory\n"));
        Assert.That(h.Host.Lines.Count(l => l == "ip link"), Is.EqualTo(3));
    }

    [Test]
    public void ChildShellSeesOnlyExportedVariables()
    {
        ShellHarness h = ShellHarness.Running("a=1\nexport b=2\nbash -c 'echo \"[$a][$b]\"; c=3'\necho \"[$c]\"\nd=4 bash -c 'echo $d'\n", out _);
        Assert.That(h.Stdout, Is.EqualTo("[][2]\n[]\n4\n"));
    }

    [Test]
    public void ChildShellErrorsNameBash()
    {
        ShellHarness h = ShellHarness.Running("bash -c 'nosuch'\necho $?\nsh -c 'exit 5'\necho $?\n", out _);
        Assert.That(h.Text, Is.EqualTo("bash: line 1: nosuch: command not found\n127\n5\n"));
    }

    [Test]
    public void EnvRunsAProgramWithAChangedEnvironment()
    {
        ShellHarness h = ShellHarness.Running("env LANG=C ip route\nenv -i A=1 | grep -c =\n", out _);
        Assert.That(h.Host.Invocations.Single().Environment["LANG"], Is.EqualTo("C"));
        Assert.That(h.Stdout, Is.EqualTo("1\n"));
    }

    [Test]
    public void DollarParenLessThanReadsAFile()
    {
        ShellHarness h = ShellHarness.Running("printf 'a\\nb\\n\\n' > /tmp/f\nx=$(< /tmp/f)\necho \"[$x]\"\ny=$(</tmp/none)\necho $?\n", out _);
        Assert.That(h.Text, Is.EqualTo("[a\nb]\nt.sh: line 4: /tmp/none: No such file or directory\n1\n"));
    }

    [Test]
    public void TheScenarioRunsAsRoot()
    {
        ShellHarness h = ShellHarness.Running(
            "if [ \"$EUID\" -ne 0 ]; then echo 'run as root'; exit 1; fi\n[ $(id -u) = 0 ] && whoami\nid\nUID=5\n", out int status);
        Assert.That(h.Text, Is.EqualTo("root\nuid=0(root) gid=0(root) groups=0(root)\nt.sh: line 4: UID: readonly variable\n"));
        Assert.That(status, Is.EqualTo(1));
    }

    [Test]
    public void UnicodeEscapesInAnsiCQuotes()
    {
        Assert.That(ShellHarness.Out("echo $'\\u00e9\\x41'\n"), Is.EqualTo("éA\n"));
    }
}
