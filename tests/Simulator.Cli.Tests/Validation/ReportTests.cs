using Simulator.Cli.Host;
using Simulator.Cli.Scenarios;
using Simulator.Cli.Shell;
using Simulator.Cli.Validation;

namespace Simulator.Cli.Tests.Validation;

public class ReportTests
{
    [Test]
    public void Diff_shows_changed_lines_with_context()
    {
        var diff = LineDiff.Unified(["a", "b", "c", "d"], ["a", "b", "x", "d"], "model", "kernel");
        Assert.That(diff, Is.EqualTo(new[] { "--- model", "+++ kernel", "@@ -1,4 +1,4 @@", " a", " b", "-c", "+x", " d" }));
        Assert.That(LineDiff.Unified(["a"], ["a"], "m", "k"), Is.Empty);
    }

    [Test]
    public void A_long_output_is_diffed_without_a_quadratic_table_and_shown_in_part()
    {
        // A background job can print for a long time: 100,000 lines against 3.
        var model = Enumerable.Range(1, 100_000).Select(i => $"64 bytes: icmp_seq={i}").ToList();
        var kernel = new List<string> { "64 bytes: icmp_seq=1", "64 bytes: icmp_seq=2", "other" };
        var diff = LineDiff.Unified(model, kernel, "model", "kernel");
        Assert.That(diff, Has.Count.EqualTo(LineDiff.MaxLines + 1));
        Assert.That(diff[^1], Does.StartWith("… (").And.EndWith("more lines of difference)"));
        Assert.That(diff.Skip(3).Take(3), Is.EqualTo(new[] { " 64 bytes: icmp_seq=1", " 64 bytes: icmp_seq=2", "-64 bytes: icmp_seq=3" }),
            "common first lines are kept as context");

        // Long but mostly equal: the common ends are set aside and the middle is diffed line by line.
        var longer = model.Take(50_000).Append("inserted").Concat(model.Skip(50_000)).ToList();
        Assert.That(LineDiff.Unified(model, longer, "model", "kernel").Where(l => l.StartsWith('+') && !l.StartsWith("+++")),
            Is.EqualTo(new[] { "+inserted" }));
    }

    [Test]
    public void Known_differences_cover_the_statement_above_or_a_line_range()
    {
        var scenario = ScenarioFile.Parse("t.sh", """
            ip link add x type dummy
            # netsim: known-difference the model has no dummy
            ping -c 1 10.0.0.1
            # netsim: known-difference 10-12 jitter
            # netsim: known-difference
            """);
        var errors = new List<string>();
        var known = KnownDifference.FromDirectives(scenario.Directives, errors);
        Assert.That(errors, Is.EqualTo(new[] { "t.sh:5: netsim: known-difference needs a reason" }));
        Assert.That(known.Select(k => (k.FirstLine, k.LastLine, k.Reason)),
            Is.EqualTo(new (int?, int?, string)[] { (null, null, "the model has no dummy"), (10, 12, "jitter") }));
        var statements = new[] { new StatementResult("t.sh", 1, 1, "", "", "", 0, 0), new StatementResult("t.sh", 3, 3, "", "", "", 0, 0) };
        Assert.That(known[0].Covers(new SourceLocation("t.sh", 1), statements), Is.True);
        Assert.That(known[0].Covers(new SourceLocation("t.sh", 3), statements), Is.False);
        Assert.That(known[1].Covers(new SourceLocation("t.sh", 11), statements), Is.True);
        Assert.That(known[1].Covers(new SourceLocation("other.sh", 11), statements), Is.False);
    }

    [Test]
    public void The_world_accepts_the_known_difference_directive()
    {
        var scenario = ScenarioFile.Parse("t.sh", "# netsim: known-difference why\n# netsim: seed 3\n");
        var setup = WorldSetup.FromDirectives(scenario.Directives, null);
        Assert.That(setup.Errors, Is.Empty);
        Assert.That(setup.Seed, Is.EqualTo(3UL));
    }

    [Test]
    public void Report_ends_with_the_summary_line()
    {
        var rows = new[]
        {
            new CommandComparison(new SourceLocation("t.sh", 3), "ip link", 0, 0, Verdict.Agree, null, [], ["mac"]),
            new CommandComparison(new SourceLocation("t.sh", 4), "ping -c 1 10.0.0.1", 0, 1, Verdict.Differ, null,
                ["--- model", "+++ kernel", "@@ -1,1 +1,1 @@", "-a", "+b"], []),
            CommandComparison.Skipped(new SourceLocation("t.sh", 5), "ip link add b type bond", 0, "this kernel cannot create bond links"),
        };
        var result = new ValidationResult("t.sh", rows, [], ["host: x"], "nsv1-1", null);
        var text = ValidationReport.Render(result);
        TestContext.Out.WriteLine(text);
        Assert.That(text.TrimEnd().Split('\n')[^1], Is.EqualTo("1 agree, 1 differ, 1 skipped"));
        Assert.That(text, Does.Contain("t.sh:4     ping -c 1 10.0.0.1").And.Contain("DIFFER").And.Contain("    +b")
            .And.Contain("skip: this kernel cannot create bond links").And.Contain("[normalised: mac]"));
        Assert.That(result.Passed, Is.False);
        Assert.That((result with { Rows = [rows[0], rows[1] with { Known = new KnownDifference("t.sh", 5, null, null, "why") }] }).Passed, Is.True);
    }
}
