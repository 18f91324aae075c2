using System.Diagnostics;
using Simulator.Cli.Scenarios;
using Simulator.Cli.Tests.Attach;
using Simulator.Cli.Tests.Scenarios;
using Simulator.Cli.Validation;
using static Simulator.Cli.Tests.Validation.ValidationFixtures;

namespace Simulator.Cli.Tests.Validation;

/// <summary>
/// netsim validate on this machine's kernel (root and namespaces; skipped with the reason
/// otherwise): the comparison itself, and that nothing of a run is left behind however it ends.
/// </summary>
[NonParallelizable]
public class KernelValidationTests
{
    [Test]
    public void Sysctls_agree_with_the_kernel_and_what_cannot_run_is_skipped()
    {
        TestNamespaces.RequireKernel();
        var result = Validate(Fixture("sysctls.sh"));
        TestContext.Out.WriteLine(ValidationReport.Render(result));

        Assert.That(result.Refusal, Is.Null);
        var byLine = result.Rows.ToDictionary(r => r.Location.Line);
        foreach (var line in new[] { 7, 9, 11, 12, 14 })
            Assert.That(byLine[line].Verdict, Is.EqualTo(Verdict.Agree), byLine[line].Command + "\n" + string.Join("\n", byLine[line].Diff));
        Assert.That(byLine[11].Command, Does.Contain("/proc/sys/net/ipv4/conf/default/rp_filter"), "the write went to the kernel too");
        Assert.That(byLine[16].Reason, Does.Contain("not a per-namespace setting"));
        Assert.That(byLine[19].Reason, Does.StartWith("unbounded"));
        Assert.That(result.ModelExpectationFailures, Is.Empty);
        Assert.That(result.KernelExpectationFailures, Is.Empty, "the same expectations hold on the kernel");
        Assert.That(NamespacesOf(Environment.ProcessId).Where(n => n.StartsWith(result.Prefix, StringComparison.Ordinal)), Is.Empty,
            "the run removed its namespaces");
    }

    [Test]
    public void Link_kinds_the_kernel_lacks_are_found_by_trying()
    {
        TestNamespaces.RequireKernel();
        using var namespaces = new TestNamespaces();
        var probe = namespaces.Add("probe")!;
        var runner = new ProcessRunner(Path.GetTempPath());
        var capabilities = new KernelCapabilities(runner, probe);
        Assert.That(capabilities.WhyNot("veth"), Is.Null);
        Assert.That(capabilities.WhyNot("bridge"), Is.Null);
        Assert.That(capabilities.WhyNot("macvlan"), Is.Null);
        var bond = capabilities.WhyNot("bond");
        TestContext.Out.WriteLine($"bond: {bond ?? "available"}; ipvlan: {capabilities.WhyNot("ipvlan") ?? "available"}; vlan: {capabilities.WhyNot("vlan") ?? "available"}; team: {capabilities.WhyNot("team") ?? "available"}");
        if (bond is null) Assert.Ignore("this kernel has bonding");
        Assert.That(bond, Is.EqualTo("this kernel cannot create bond links (ip link add type bond: Unknown device type)"));
    }

    [Test]
    public void A_link_the_kernel_cannot_create_is_skipped_with_the_reason()
    {
        TestNamespaces.RequireKernel();
        var result = Validate(Fixture("sysctls.sh"));
        var bond = result.Rows.Single(r => r.Location.Line == 17);
        var set = result.Rows.Single(r => r.Location.Line == 18);
        if (bond.Verdict != Verdict.Skip) Assert.Ignore("this kernel has bonding");
        // Skipped for the kernel's lack when the model created the bond; else the model's own
        // refusal (a kind it does not model yet) is the reason, and the next command is compared.
        if (bond.ModelStatus == 0)
        {
            Assert.That(bond.Reason, Is.EqualTo("this kernel cannot create bond links (ip link add type bond: Unknown device type)"));
            Assert.That(set.Reason, Is.EqualTo("refers to bond0, whose creation was skipped"));
        }
        else
        {
            Assert.That(bond.Reason, Does.StartWith("not modelled by NetSim").Or.EqualTo("not a network command"));
        }
    }

    [TestCase("TERM", 143)]
    [TestCase("INT", 130)]
    public void Stopping_netsim_validate_midway_leaves_no_namespace_behind(string signal, int status)
    {
        TestNamespaces.RequireKernel();
        var netsim = Path.Combine(AppContext.BaseDirectory, "netsim.dll");
        using var run = Process.Start(new ProcessStartInfo("dotnet", [netsim, "validate", Fixture("long.sh")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        // Read as the run writes, so that a full pipe never holds it up.
        var stdout = run.StandardOutput.ReadToEndAsync();
        var stderr = run.StandardError.ReadToEndAsync();
        try
        {
            // Wait until the run has its host, probe and the scenario's two namespaces.
            var watch = Stopwatch.StartNew();
            while (NamespacesOf(run.Id).Count < 4 && !run.HasExited && watch.Elapsed < TimeSpan.FromSeconds(30)) Thread.Sleep(50);
            Assert.That(NamespacesOf(run.Id), Has.Count.GreaterThanOrEqualTo(4), "the run created its namespaces");

            TestNamespaces.Run("kill", "-" + signal, run.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            bool stopped = run.WaitForExit(60_000);
            if (!stopped) run.Kill(entireProcessTree: true);
            run.WaitForExit();
            TestContext.Out.WriteLine(stderr.Result);
            Assert.That(stopped, Is.True, $"the run stopped; it printed:\n{stdout.Result}\n{stderr.Result}");
            Assert.That(run.ExitCode, Is.EqualTo(status));
            Assert.That(NamespacesOf(run.Id), Is.Empty, "no namespace (and so no veth or rule) of the run is left");
        }
        finally
        {
            if (!run.HasExited) run.Kill(entireProcessTree: true);
        }
    }

    [Test]
    public void The_next_run_removes_what_a_killed_run_left()
    {
        TestNamespaces.RequireKernel();
        // A process id that is certainly dead: one that just exited.
        using var gone = Process.Start(new ProcessStartInfo("true"))!;
        gone.WaitForExit();
        var stale = $"nsv{gone.Id}-1-red";
        Assert.That(TestNamespaces.Run("ip", "netns", "add", stale).ExitStatus, Is.Zero);
        try
        {
            Validate(Fixture("sysctls.sh"));
            Assert.That(RealNamespaces.List(), Does.Not.Contain(stale));
        }
        finally
        {
            TestNamespaces.Run("ip", "netns", "del", stale);
        }
    }

    [Test]
    public void Validate_refuses_clearly_when_it_cannot_run()
    {
        if (ScenarioValidation.WhyUnavailable() is { } reason)
        {
            var result = Validate(Fixture("sysctls.sh"));
            Assert.That(result.Refusal, Is.EqualTo(reason));
            Assert.That(ValidationReport.Render(result), Does.Contain("netsim: validate: " + reason));
        }
        else
        {
            Assert.Ignore("this run is root with namespaces: nothing to refuse");
        }
    }
}
