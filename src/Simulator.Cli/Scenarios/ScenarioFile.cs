namespace Simulator.Cli.Scenarios;

/// <summary>
/// What a scenario says about itself in comments: its expectations (<c># expect…</c>) and its
/// NetSim directives (<c># netsim: …</c>). The file stays a valid bash script.
/// </summary>
public sealed class ScenarioFile
{
    public const string DirectivePrefix = "# netsim:";

    private ScenarioFile(string path, IReadOnlyList<Expectation> expectations, IReadOnlyList<Directive> directives,
        IReadOnlyList<string> errors)
    {
        Path = path;
        Expectations = expectations;
        Directives = directives;
        Errors = errors;
    }

    public string Path { get; }
    public IReadOnlyList<Expectation> Expectations { get; }
    public IReadOnlyList<Directive> Directives { get; }
    /// <summary>Malformed expectation or directive comments, each "file:line: message".</summary>
    public IReadOnlyList<string> Errors { get; }

    public static ScenarioFile Parse(string path, string text, string? displayName = null)
    {
        var name = displayName ?? path;
        var expectations = new List<Expectation>();
        var directives = new List<Directive>();
        var errors = new List<string>();
        var lines = text.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r').TrimStart();
            int number = i + 1;
            if (TryTake(line, "# expect-status:", out var status))
            {
                var candidate = new Expectation(name, number, ExpectationKind.Status, null, status.Trim());
                if (!IsStatusText(status)) errors.Add($"{name}:{number}: expect-status needs N, !N or A|B, got \"{status.Trim()}\"");
                else expectations.Add(candidate);
            }
            else if (TryTake(line, "# expect-not:", out var absent))
            {
                expectations.Add(new Expectation(name, number, ExpectationKind.NoLine, new LinePattern(StripOneSpace(absent)), ""));
            }
            else if (TryTake(line, "# expect:", out var present))
            {
                expectations.Add(new Expectation(name, number, ExpectationKind.Line, new LinePattern(StripOneSpace(present)), ""));
            }
            else if (line.StartsWith("# expect", StringComparison.Ordinal))
            {
                errors.Add($"{name}:{number}: unknown expectation \"{line}\" (use expect:, expect-not: or expect-status:)");
            }
            else if (TryTake(line, DirectivePrefix, out var directive))
            {
                directives.Add(new Directive(name, number, directive.Trim()));
            }
        }
        return new ScenarioFile(path, expectations, directives, errors);
    }

    private static bool TryTake(string line, string prefix, out string rest)
    {
        if (line.StartsWith(prefix, StringComparison.Ordinal))
        {
            rest = line[prefix.Length..];
            return true;
        }
        rest = "";
        return false;
    }

    private static string StripOneSpace(string text) => text.StartsWith(' ') ? text[1..] : text;

    private static bool IsStatusText(string text) =>
        text.Trim().TrimStart('!').Split('|').All(part => int.TryParse(part.Trim(), out _)) && text.Trim().Length > 0;
}

/// <summary>A <c># netsim: WORDS…</c> comment: the scenario's instructions to NetSim (world, seed…).</summary>
public sealed record Directive(string File, int Line, string Text)
{
    public string[] Words => Text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
