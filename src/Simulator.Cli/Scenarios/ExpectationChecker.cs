using Simulator.Cli.Shell;

namespace Simulator.Cli.Scenarios;

/// <summary>A failed expectation: where it is written, what it wanted, what the statement printed.</summary>
public sealed record ExpectationFailure(Expectation Expectation, string Got)
{
    public override string ToString() =>
        $"{Expectation.File}:{Expectation.Line}: expected {Expectation.Describe()}, got {Got}";
}

/// <summary>
/// Checks a scenario's expectations against the statements that ran. An expectation is about the
/// last statement of its file that ends above it; if that statement ran several times (a loop, a
/// function called twice), the last run counts.
/// </summary>
public static class ExpectationChecker
{
    public static List<ExpectationFailure> Check(IReadOnlyList<Expectation> expectations, IReadOnlyList<StatementResult> results)
    {
        var failures = new List<ExpectationFailure>();
        foreach (var group in expectations.GroupBy(e => Target(e, results)))
        {
            var statement = group.Key;
            if (statement is null)
            {
                failures.AddRange(group.Select(e => new ExpectationFailure(e, "no statement above it ran")));
                continue;
            }
            var lines = statement.Output.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
            if (lines.Count > 0 && lines[^1].Length == 0) lines.RemoveAt(lines.Count - 1);
            int cursor = 0;
            foreach (var expectation in group)
            {
                switch (expectation.Kind)
                {
                    case ExpectationKind.Status:
                        if (!expectation.AcceptsStatus(statement.ExitStatus))
                            failures.Add(new ExpectationFailure(expectation, $"exit status {statement.ExitStatus}"));
                        break;
                    case ExpectationKind.NoLine:
                        var offending = lines.FirstOrDefault(expectation.Pattern!.Matches);
                        if (offending != null) failures.Add(new ExpectationFailure(expectation, $"\"{offending}\""));
                        break;
                    case ExpectationKind.Line:
                        int found = lines.FindIndex(cursor, expectation.Pattern!.Matches);
                        if (found < 0)
                        {
                            bool earlier = lines.Take(cursor).Any(expectation.Pattern.Matches);
                            failures.Add(new ExpectationFailure(expectation, Describe(lines, earlier)));
                        }
                        else
                        {
                            cursor = found + 1;
                        }
                        break;
                }
            }
        }
        return failures;
    }

    private static StatementResult? Target(Expectation expectation, IReadOnlyList<StatementResult> results)
    {
        StatementResult? target = null;
        foreach (var result in results)
        {
            if (result.File != expectation.File || result.EndLine >= expectation.Line) continue;
            if (target is null || result.EndLine > target.EndLine || result.EndLine == target.EndLine) target = result;
        }
        return target;
    }

    private static string Describe(List<string> lines, bool earlier)
    {
        if (lines.Count == 0) return "no output";
        var shown = string.Join("\n    | ", lines.Take(12));
        var more = lines.Count > 12 ? $"\n    | ... ({lines.Count - 12} more lines)" : "";
        var note = earlier ? " (it matches a line above an earlier expected line: order differs)" : "";
        return $"this output{note}:\n    | {shown}{more}";
    }
}
