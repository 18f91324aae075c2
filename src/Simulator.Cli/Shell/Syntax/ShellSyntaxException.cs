namespace Simulator.Cli.Shell.Syntax;

/// <summary>
/// A script bash would refuse to parse, or one that uses shell syntax NetSim does not interpret.
/// Both stop the script with status 2.
/// </summary>
internal sealed class ShellSyntaxException : Exception
{
    public ShellSyntaxException(string message, int line, string? context = null)
        : base(message)
    {
        Line = line;
        Context = context;
    }

    public int Line { get; }

    /// <summary>The offending line as bash echoes it back (<c>`fi'</c>), or null.</summary>
    public string? Context { get; }

    public static ShellSyntaxException Unsupported(string construct, int line) =>
        new($"netsim: unsupported shell syntax: {construct}", line);

    public static ShellSyntaxException UnexpectedEof(int line) => new("syntax error: unexpected end of file", line);

    public static ShellSyntaxException UnmatchedQuote(char quote, int line) =>
        new($"unexpected EOF while looking for matching `{quote}'", line);
}
