using System.Text;
using Simulator.Cli.Shell;
using Simulator.Cli.Validation;

namespace Simulator.Cli.Tests.Validation;

/// <summary>
/// The kernel's version of the script's terminal, built from the model's writes (no kernel
/// needed): compared commands stand in for themselves, background jobs' lines are laid where the
/// model's job wrote its lines.
/// </summary>
public class KernelTranscriptTests
{
    /// <summary>Plays the shell: writes go to the transcript, each statement reports what it wrote.</summary>
    private sealed class Script
    {
        private readonly StringBuilder _statement = new();
        private readonly Dictionary<int, int> _written = [];
        private int _line;

        public KernelTranscript Transcript { get; } = new(null);

        public void Write(string text, OutputStream stream = OutputStream.Stdout)
        {
            Transcript.Write(stream, text);
            _statement.Append(text);
        }

        /// <summary>A job's write, as <see cref="ModelStreams"/> announces it.</summary>
        public void JobWrites(int job, string text)
        {
            Transcript.BeginJobWrite(job);
            Write(text);
            Transcript.EndJobWrite();
            _written[job] = Written(job) + text.Length;
        }

        /// <summary>What the job wrote in all.</summary>
        public int Written(int job) => _written.GetValueOrDefault(job);

        public void EndStatement(int status = 0)
        {
            var output = _statement.ToString();
            _statement.Clear();
            _line++;
            Transcript.OnStatementCompleted(new StatementResult("t.sh", _line, _line, output, "", output, status, 0));
        }

        public string Kernel(int line) => Transcript.Statements.Single(s => s.StartLine == line).Output;
    }

    [Test]
    public void A_compared_commands_output_is_the_kernels()
    {
        var script = new Script();
        script.Transcript.BeginCommand();
        script.Write("model says\n");
        script.Transcript.EndCommand(11, "kernel says\n", 1, 2);
        script.EndStatement(status: 1);
        Assert.That(script.Kernel(1), Is.EqualTo("kernel says\n"));
        Assert.That(script.Transcript.Statements[0].ExitStatus, Is.EqualTo(2), "the kernel's status where the model's was the command's");
    }

    [Test]
    public void A_jobs_kernel_lines_go_where_the_models_job_wrote_its_lines()
    {
        var script = new Script();
        script.JobWrites(1, "PING model\n");                       // ping … &
        script.EndStatement();
        script.JobWrites(1, "64 bytes model seq=1\n");             // sleep 1
        script.EndStatement();
        script.JobWrites(1, "64 bytes model seq=2\n");             // wait
        script.JobWrites(1, "\n--- statistics model ---\n");
        script.Transcript.EndJob(1, "PING kernel\n64 bytes kernel seq=1\n64 bytes kernel seq=2\n\n--- statistics kernel ---\nrtt kernel\n", script.Written(1));
        script.EndStatement();

        Assert.That(script.Kernel(1), Is.EqualTo("PING kernel\n"));
        Assert.That(script.Kernel(2), Is.EqualTo("64 bytes kernel seq=1\n"));
        Assert.That(script.Kernel(3), Is.EqualTo("64 bytes kernel seq=2\n\n--- statistics kernel ---\nrtt kernel\n"),
            "a line beyond the model's count goes where the job ended");
        Assert.That(script.Transcript.ModelOnly, Is.Empty);
    }

    [Test]
    public void Fewer_kernel_lines_leave_the_later_places_empty()
    {
        var script = new Script();
        script.JobWrites(1, "PING model\n");
        script.EndStatement();
        script.JobWrites(1, "64 bytes model\n");
        script.Transcript.EndJob(1, "PING kernel\n", script.Written(1));
        script.EndStatement();
        Assert.That(script.Kernel(1), Is.EqualTo("PING kernel\n"));
        Assert.That(script.Kernel(2), Is.Empty);
    }

    [Test]
    public void A_jobs_lines_interleave_with_other_commands_in_the_models_order()
    {
        var script = new Script();
        script.JobWrites(1, "job model 1\n");
        script.EndStatement();
        script.Transcript.BeginCommand();                          // a foreground ping while the job runs
        script.Write("fg model\n");
        script.JobWrites(1, "job model 2\n");
        script.Transcript.EndCommand(9, "fg kernel\n", 0, 0);
        script.Transcript.EndJob(1, "job kernel 1\njob kernel 2\n", script.Written(1));
        script.EndStatement();
        Assert.That(script.Kernel(1), Is.EqualTo("job kernel 1\n"));
        Assert.That(script.Kernel(2), Is.EqualTo("fg kernel\njob kernel 2\n"), "the job's write does not count as the command's");
    }

    [Test]
    public void A_jobs_lines_written_during_a_command_keep_their_place_between_the_commands_lines()
    {
        var script = new Script();
        script.JobWrites(1, "listening model\n");               // tcpdump … &
        script.EndStatement();
        script.Transcript.BeginCommand();                          // ping, which tcpdump prints
        script.Write("PING model\n");
        script.JobWrites(1, "request model\n");
        script.Write("\n--- statistics model ---\n");
        script.Transcript.EndCommand(37, "PING kernel\n\n--- statistics kernel ---\nrtt kernel\n", 1, 1);
        script.Transcript.EndJob(1, "listening kernel\nrequest kernel\n", script.Written(1));
        script.EndStatement(status: 1);
        Assert.That(script.Kernel(2), Is.EqualTo("PING kernel\nrequest kernel\n\n--- statistics kernel ---\nrtt kernel\n"),
            "the kernel's command lines are dealt to the parts as the model's were, the rest to the last");
    }

    [Test]
    public void A_job_whose_output_did_not_reach_the_terminal_keeps_the_models_text()
    {
        var script = new Script();
        script.JobWrites(1, "PING model\n");
        script.EndStatement();
        // More of the job's writes than reached the terminal (the rest went to a file, say).
        script.Transcript.EndJob(1, "PING kernel\nmore kernel\n", script.Written(1) + 29);
        script.EndStatement();
        Assert.That(script.Kernel(1), Is.EqualTo("PING model\n"));
        Assert.That(script.Transcript.ModelOnly, Does.Contain(("t.sh", 1)));
    }

    [Test]
    public void A_job_still_running_keeps_the_models_text()
    {
        var script = new Script();
        script.JobWrites(1, "PING model\n");
        script.EndStatement();
        Assert.That(script.Kernel(1), Is.EqualTo("PING model\n"));
        Assert.That(script.Transcript.ModelOnly, Does.Contain(("t.sh", 1)));
    }

    [Test]
    public void What_a_silent_command_printed_on_the_kernel_stays_in_its_statement()
    {
        var script = new Script();
        script.Transcript.BeginCommand();
        script.Transcript.EndCommand(0, "RTNETLINK answers: File exists\n", 0, 2);
        script.EndStatement();
        script.Transcript.BeginCommand();
        script.Transcript.EndCommand(0, "", 0, 0);
        script.EndStatement();
        Assert.That(script.Kernel(1), Is.EqualTo("RTNETLINK answers: File exists\n"));
        Assert.That(script.Kernel(2), Is.Empty);
    }

    [Test]
    public void After_wait_the_statements_status_is_the_kernels_jobs()
    {
        var script = new Script();
        script.Transcript.OtherCommand();
        script.Transcript.CommandStatus(143, 0);
        script.EndStatement(status: 143);
        Assert.That(script.Transcript.Statements[0].ExitStatus, Is.Zero);
    }
}
