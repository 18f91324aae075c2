using System.Diagnostics;
using Simulator.Cli.Shell;
using Simulator.Cli.Validation;

namespace Simulator.Cli.Tests.Validation;

/// <summary>
/// Background jobs of the runner with harmless programs (no root needed): started without
/// waiting, signalled, ended, and never left running.
/// </summary>
[NonParallelizable]
public class RealJobTests
{
    private string _scratch = "";

    [SetUp]
    public void CreateScratch() => _scratch = Directory.CreateTempSubdirectory("netsim-jobs-").FullName;

    [TearDown]
    public void RemoveScratch() => Directory.Delete(_scratch, recursive: true);

    private static List<int> Running(string marker) => ProcessList.Running(marker);

    [Test]
    public void A_job_starts_without_waiting_and_is_waited_for_later()
    {
        var runner = new ProcessRunner(_scratch);
        var watch = Stopwatch.StartNew();
        var job = runner.StartJob(["bash", "-c", "echo started; sleep 0.5; echo done >&2"], null, out _)!;
        Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(0.4)), "StartJob returned at once");
        Assert.That(runner.RunningJobs, Is.EqualTo(1));
        var result = runner.FinishJob(job, TimeSpan.FromSeconds(20));
        Assert.That(result.Output, Is.EqualTo(new[] { new OutputChunk(OutputStream.Stdout, "started\n"), new OutputChunk(OutputStream.Stderr, "done\n") }));
        Assert.That(result.ExitStatus, Is.Zero);
        Assert.That(runner.RunningJobs, Is.Zero);
    }

    [Test]
    public void A_signal_reaches_the_job_as_kill_sends_it()
    {
        var runner = new ProcessRunner(_scratch);
        // Reports the signal and exits as bash's trap lets it: the job saw SIGINT, not SIGTERM.
        // It waits in the wait builtin, which a trapped signal interrupts at once; a foreground
        // child would leave bash to decide whether the child had handled the SIGINT itself.
        var job = runner.StartJob(["bash", "-c", "trap 'echo got INT; kill $!; exit 7' INT; echo ready; sleep 60 & wait"], null, out _)!;
        Thread.Sleep(300);
        job.Signal(2);
        var result = runner.FinishJob(job, TimeSpan.FromSeconds(20));
        Assert.That((result.Text, result.ExitStatus), Is.EqualTo(("ready\ngot INT\n", 7)));
    }

    [Test]
    public void A_job_that_ignores_sigterm_is_killed_after_the_grace_with_what_it_started()
    {
        const string marker = "31.41592";
        var runner = new ProcessRunner(_scratch);
        var job = runner.StartJob(["bash", "-c", $"trap '' TERM; sleep {marker}; echo never"], null, out _)!;
        Thread.Sleep(300);
        Assert.That(Running(marker), Is.Not.Empty, "the job's child runs");
        var watch = Stopwatch.StartNew();
        var result = runner.TerminateJob(job);
        Assert.That(watch.Elapsed, Is.GreaterThanOrEqualTo(ProcessRunner.TerminateGrace - TimeSpan.FromMilliseconds(100)));
        Assert.That(result.ExitStatus, Is.EqualTo(137), "SIGKILL");
        Assert.That(Running(marker), Is.Empty, "nothing it started is left");
    }

    [Test]
    public void Closing_the_runner_ends_every_job_and_starts_no_more()
    {
        const string marker = "27.18281";
        var runner = new ProcessRunner(_scratch);
        runner.StartJob(["sleep", marker], null, out _);
        runner.StartJob(["bash", "-c", $"trap '' TERM; sleep {marker}"], null, out _);
        Thread.Sleep(300);
        Assert.That(Running(marker), Has.Count.GreaterThanOrEqualTo(2));
        runner.Close();
        Assert.That(Running(marker), Is.Empty);
        Assert.That(runner.StartJob(["true"], null, out var failure), Is.Null);
        Assert.That(failure, Is.Null, "closed, not failed");
        Assert.That(runner.Execute(["true"], null, TimeSpan.FromSeconds(5)), Is.Null);
    }

    [Test]
    public void A_job_that_outlives_its_limit_is_killed_and_marked()
    {
        var runner = new ProcessRunner(_scratch);
        var job = runner.StartJob(["sleep", "30"], null, out _)!;
        var result = runner.FinishJob(job, TimeSpan.FromMilliseconds(300));
        Assert.That(result.TimedOut, Is.True);
        Assert.That(runner.RunningJobs, Is.Zero);
    }
}
