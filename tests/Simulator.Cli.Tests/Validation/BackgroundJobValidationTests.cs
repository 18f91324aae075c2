using System.Diagnostics;
using Simulator.Cli.Scenarios;
using Simulator.Cli.Tests.Attach;
using Simulator.Cli.Tests.Scenarios;
using Simulator.Cli.Validation;
using static Simulator.Cli.Tests.Validation.ValidationFixtures;

namespace Simulator.Cli.Tests.Validation;

/// <summary>
/// Background jobs through the real validator on this machine's kernel (root and namespaces;
/// skipped with the reason otherwise): each job runs for real beside the model's, is signalled
/// and ended with it, agrees with it, and leaves no process or namespace behind.
/// </summary>
[NonParallelizable]
public class BackgroundJobValidationTests
{
    [Test]
    public void Jobs_run_on_the_kernel_too_agree_and_end_with_the_run()
    {
        TestNamespaces.RequireKernel();
        var result = Validate(Fixture("jobs.sh"));
        var report = ValidationReport.Render(result);
        TestContext.Out.WriteLine(report);

        Assert.That(result.Refusal, Is.Null);
        Assert.That(result.Passed, Is.True, report);
        var jobs = result.Rows.Where(r => r.Command.EndsWith(" &", StringComparison.Ordinal)).ToDictionary(r => r.Location.Line);
        // Two pings that end by themselves, one ended by kill -INT (statistics, status 0), one by
        // kill (SIGTERM: 143), one with no route (2), one by pkill -INT, one the validator ends
        // when the script ends (SIGTERM).
        var expected = new Dictionary<int, int> { [16] = 0, [18] = 0, [23] = 0, [30] = 143, [37] = 2, [42] = 0, [48] = 143 };
        Assert.That(jobs.Keys, Is.EquivalentTo(expected.Keys));
        foreach (var (line, status) in expected)
        {
            Assert.That(jobs[line].Verdict, Is.EqualTo(Verdict.Agree), jobs[line].Command + "\n" + string.Join("\n", jobs[line].Diff));
            Assert.That((jobs[line].ModelStatus, jobs[line].KernelStatus), Is.EqualTo(((int?)status, (int?)status)), jobs[line].Command);
        }
        // A job's row comes when it has ended: after the wait that waited for it.
        var rows = result.Rows.ToList();
        Assert.That(rows.FindIndex(r => r.Location.Line == 16 && r.Command.EndsWith('&')), Is.GreaterThan(rows.FindIndex(r => r.Command == "wait")));
        Assert.That(result.KernelExpectationFailures, Is.Empty, "the replies and statistics after wait are the kernel's too");
        Assert.That(NamespacesOf(Environment.ProcessId).Where(n => n.StartsWith(result.Prefix, StringComparison.Ordinal)), Is.Empty,
            "the run removed its namespaces");
        Assert.That(ProcessList.Running("10.231.77."), Is.Empty, "no ping of the run is left running");
    }

    [Test]
    public void Stopping_netsim_validate_ends_the_background_jobs()
    {
        TestNamespaces.RequireKernel();
        var netsim = Path.Combine(AppContext.BaseDirectory, "netsim.dll");
        using var run = Process.Start(new ProcessStartInfo("dotnet", [netsim, "validate", Fixture("long-job.sh")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        try
        {
            var watch = Stopwatch.StartNew();
            while (ProcessList.Running("10.231.78.1").Count == 0 && !run.HasExited && watch.Elapsed < TimeSpan.FromSeconds(30)) Thread.Sleep(50);
            if (run.HasExited) Assert.Fail("the run ended early:\n" + run.StandardOutput.ReadToEnd() + run.StandardError.ReadToEnd());
            Assert.That(ProcessList.Running("10.231.78.1"), Is.Not.Empty, "the job runs on the kernel");

            TestNamespaces.Run("kill", "-TERM", run.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.That(run.WaitForExit(20_000), Is.True, "the run stopped");
            TestContext.Out.WriteLine(run.StandardError.ReadToEnd());
            Assert.That(run.ExitCode, Is.EqualTo(143));
            Assert.That(ProcessList.Running("10.231.78.1"), Is.Empty, "the job was ended");
            Assert.That(NamespacesOf(run.Id), Is.Empty, "no namespace of the run is left");
        }
        finally
        {
            if (!run.HasExited) run.Kill(entireProcessTree: true);
        }
    }
}
