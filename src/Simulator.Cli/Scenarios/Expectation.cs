namespace Simulator.Cli.Scenarios;

public enum ExpectationKind
{
    /// <summary><c># expect: PATTERN</c>: a line matching it appears, after the lines matched by the expectations before it.</summary>
    Line,
    /// <summary><c># expect-not: PATTERN</c>: no line matches it.</summary>
    NoLine,
    /// <summary><c># expect-status: N</c>, <c>!N</c>, or <c>A|B</c>: the exit status.</summary>
    Status,
}

/// <summary>One expectation written in a scenario's comments; it is about the statement just above it.</summary>
public sealed record Expectation(string File, int Line, ExpectationKind Kind, LinePattern? Pattern, string StatusText)
{
    /// <summary>True when <paramref name="status"/> satisfies a status expectation.</summary>
    public bool AcceptsStatus(int status)
    {
        var text = StatusText.Trim();
        bool negate = text.StartsWith('!');
        if (negate) text = text[1..];
        bool any = text.Split('|').Any(part => int.TryParse(part.Trim(), out int value) && value == status);
        return negate ? !any : any;
    }

    public string Describe() => Kind switch
    {
        ExpectationKind.Line => $"a line matching \"{Pattern}\"",
        ExpectationKind.NoLine => $"no line matching \"{Pattern}\"",
        _ => $"exit status {StatusText}",
    };
}
