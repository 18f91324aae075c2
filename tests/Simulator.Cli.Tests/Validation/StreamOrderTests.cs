using Simulator.Cli.Shell;
using Simulator.Cli.Validation;

namespace Simulator.Cli.Tests.Validation;

/// <summary>
/// Both sides of a comparison keep a command's two streams in the order they were written: the
/// model's through <see cref="ModelStreams"/>, the kernel's through <see cref="StreamCapture"/>
/// (real programs, no root needed), and the comparison reads them the same way.
/// </summary>
public class StreamOrderTests
{
    private static readonly RealNamespaces Names = new(4242, 7);

    private static List<string> Lines(params OutputChunk[] chunks) =>
        OutputComparer.Lines(chunks, new NormalisationContext(Side.Kernel, ["ping"], Names), new SortedSet<string>(StringComparer.Ordinal));

    [Test]
    public void The_comparison_reads_the_streams_in_the_order_written_and_marks_stderr()
    {
        // ping -c 2 with a REJECT in OUTPUT (iputils 20221126, Linux 6.18): a reply line, then
        // sendmsg's error, per packet.
        var lines = Lines(
            new OutputChunk(OutputStream.Stdout, "PING 10.0.0.9 (10.0.0.9) 56(84) bytes of data.\nFrom 10.0.0.9 icmp_seq=1 Destination Port Unreachable\n"),
            new OutputChunk(OutputStream.Stderr, "ping: sendmsg: Operation not permitted\n"),
            new OutputChunk(OutputStream.Stdout, "From 10.0.0.9 icmp_seq=2 Destination Port Unreachable\n"),
            new OutputChunk(OutputStream.Stderr, "ping: sendmsg: Operation not permitted\n"));
        Assert.That(lines, Is.EqualTo(new[]
        {
            "PING 10.0.0.9 (10.0.0.9) 56(84) bytes of data.",
            "From 10.0.0.9 icmp_seq=1 Destination Port Unreachable",
            "2> ping: sendmsg: Operation not permitted",
            "From 10.0.0.9 icmp_seq=2 Destination Port Unreachable",
            "2> ping: sendmsg: Operation not permitted",
        }));
    }

    [Test]
    public void Writes_to_one_stream_in_parts_read_as_one_line()
    {
        // perror writes "ping: ", "sendmsg", ": Operation not permitted", "\n" apart.
        var lines = Lines(
            new OutputChunk(OutputStream.Stderr, "ping: "), new OutputChunk(OutputStream.Stderr, "sendmsg"),
            new OutputChunk(OutputStream.Stderr, ": Operation not permitted"), new OutputChunk(OutputStream.Stderr, "\n"));
        Assert.That(lines, Is.EqualTo(new[] { "2> ping: sendmsg: Operation not permitted" }));
    }

    [Test]
    public void The_same_lines_in_another_order_differ()
    {
        var model = new[] { new OutputChunk(OutputStream.Stdout, "a\n"), new OutputChunk(OutputStream.Stderr, "e\n") };
        var kernel = new ProcessResult(0, [new OutputChunk(OutputStream.Stderr, "e\n"), new OutputChunk(OutputStream.Stdout, "a\n")], false);
        var row = OutputComparer.Compare(new SourceLocation("t.sh", 1), ["x"], "x", 0, model, kernel, Names);
        Assert.That(row.Verdict, Is.EqualTo(Verdict.Differ));
    }

    [Test]
    public void The_models_streams_keep_the_order_and_pass_writes_on()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var streams = new ModelStreams(stdout, stderr);
        streams.Stdout.Write("out 1\n");
        streams.Stderr.Write("err 1\n");
        streams.Stdout.Write("out 2\n");
        Assert.That(streams.Chunks, Is.EqualTo(new[]
        {
            new OutputChunk(OutputStream.Stdout, "out 1\n"), new OutputChunk(OutputStream.Stderr, "err 1\n"), new OutputChunk(OutputStream.Stdout, "out 2\n"),
        }));
        Assert.That((stdout.ToString(), stderr.ToString(), streams.Written), Is.EqualTo(("out 1\nout 2\n", "err 1\n", 18)));
        streams.Detach();
        streams.Stdout.Write("after\n");
        Assert.That((stdout.ToString(), streams.Written), Is.EqualTo(("out 1\nout 2\n", 18)), "detached: kept, not passed on");
        Assert.That(streams.Chunks[^1].Text, Is.EqualTo("out 2\nafter\n"));
    }

    [Test]
    public void A_real_programs_streams_are_captured_in_the_order_written()
    {
        var result = ProcessRunner.Run(["bash", "-c", "echo out 1; echo err 1 >&2; echo out 2; printf 'err 2' >&2; exit 3"], null, TimeSpan.FromSeconds(20));
        Assert.That(result.Output, Is.EqualTo(new[]
        {
            new OutputChunk(OutputStream.Stdout, "out 1\n"), new OutputChunk(OutputStream.Stderr, "err 1\n"),
            new OutputChunk(OutputStream.Stdout, "out 2\n"), new OutputChunk(OutputStream.Stderr, "err 2"),
        }));
        Assert.That(result.ExitStatus, Is.EqualTo(3));
        Assert.That((result.Stdout, result.Stderr), Is.EqualTo(("out 1\nout 2\n", "err 1\nerr 2")));
    }

    [Test]
    public void Stdout_is_buffered_by_line_as_on_a_terminal()
    {
        // awk's print goes through stdio: on a pipe or socket it would be written at exit, after
        // the line awk writes to stderr meanwhile; a terminal shows the three in order.
        var result = ProcessRunner.Run(["awk", "BEGIN { print \"out 1\"; print \"err\" > \"/dev/stderr\"; print \"out 2\" }"], null, TimeSpan.FromSeconds(20));
        Assert.That(result.Text, Is.EqualTo("out 1\nerr\nout 2\n"));
        Assert.That(result.Output[1].Stream, Is.EqualTo(OutputStream.Stderr));
    }

    [Test]
    public void Standard_input_reaches_the_program()
    {
        var result = ProcessRunner.Run(["cat"], "line 1\nline 2\n", TimeSpan.FromSeconds(20));
        Assert.That(result.Text, Is.EqualTo("line 1\nline 2\n"));
    }

    [Test]
    public void A_program_that_is_not_installed_fails_as_a_shell_reports_it()
    {
        var result = ProcessRunner.Run(["netsim-no-such-program"], null, TimeSpan.FromSeconds(20));
        Assert.That(result.ExitStatus, Is.EqualTo(ProcessResult.NotFound));
        Assert.That(result.Stderr, Does.Contain("netsim-no-such-program"));
    }

    [Test]
    public void A_large_output_arrives_whole()
    {
        var result = ProcessRunner.Run(["bash", "-c", "seq 1 200000"], null, TimeSpan.FromSeconds(60));
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That((lines.Length, lines[0], lines[^1]), Is.EqualTo((200000, "1", "200000")));
    }
}
