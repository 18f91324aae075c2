namespace Simulator.Cli.Shell;

/// <summary>Where a command sits in a script: the file name as bash would print it, and a 1-based line.</summary>
public sealed record SourceLocation(string File, int Line)
{
    public override string ToString() => $"{File}:{Line}";
}
