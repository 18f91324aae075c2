using System.Globalization;
using Simulator.Cli.Scenarios;
using Simulator.Cli.Shell;

namespace Simulator.Cli.Validation;

/// <summary>
/// A scenario's statement that the model and the kernel are known to differ on some commands,
/// and why. Written as a directive, so the file stays a valid script:
/// <code>
/// ping -c 1 10.0.0.2
/// # netsim: known-difference REASON…            (the statement just above, as # expect: is)
/// # netsim: known-difference 12-15 REASON…      (the commands written on lines 12 to 15)
/// # netsim: known-difference 12 REASON…         (the commands written on line 12)
/// </code>
/// A known difference still shows in the report as a difference, with its reason; it only
/// keeps the difference from failing the run.
/// </summary>
public sealed record KnownDifference(string File, int DirectiveLine, int? FirstLine, int? LastLine, string Reason)
{
    public const string Keyword = "known-difference";

    /// <summary>The known differences among a scenario's directives, and errors for malformed ones.</summary>
    public static List<KnownDifference> FromDirectives(IEnumerable<Directive> directives, List<string> errors)
    {
        var result = new List<KnownDifference>();
        foreach (var directive in directives)
        {
            var words = directive.Words;
            if (words.Length == 0 || words[0] != Keyword) continue;
            int? first = null, last = null;
            int reasonAt = 1;
            if (words.Length > 1 && TryParseLines(words[1], out var a, out var b))
            {
                (first, last) = (a, b);
                reasonAt = 2;
            }
            var reason = string.Join(' ', words.Skip(reasonAt));
            if (reason.Length == 0)
            {
                errors.Add($"{directive.File}:{directive.Line}: netsim: {Keyword} needs a reason");
                continue;
            }
            result.Add(new KnownDifference(directive.File, directive.Line, first, last, reason));
        }
        return result;
    }

    private static bool TryParseLines(string word, out int first, out int last)
    {
        var parts = word.Split('-');
        first = last = 0;
        if (parts.Length is < 1 or > 2) return false;
        if (!int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out first)) return false;
        if (parts.Length == 1)
        {
            last = first;
            return true;
        }
        return int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out last) && last >= first;
    }

    /// <summary>
    /// True when a command at <paramref name="location"/> is covered: by line range, or (without
    /// one) by being inside the last statement of the file that ends above the directive.
    /// </summary>
    public bool Covers(SourceLocation location, IReadOnlyList<StatementResult> statements)
    {
        if (location.File != File) return false;
        if (FirstLine is { } first && LastLine is { } last) return location.Line >= first && location.Line <= last;
        StatementResult? target = null;
        foreach (var statement in statements)
        {
            if (statement.File != File || statement.EndLine >= DirectiveLine) continue;
            if (target is null || statement.EndLine >= target.EndLine) target = statement;
        }
        return target is not null && location.Line >= target.StartLine && location.Line <= target.EndLine;
    }
}
