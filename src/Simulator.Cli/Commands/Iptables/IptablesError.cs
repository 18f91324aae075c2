namespace Simulator.Cli.Commands.Iptables;

/// <summary>The exit statuses of libxtables' <c>enum xtables_exittype</c>.</summary>
internal enum ExitStatus
{
    Ok = 0,
    OtherProblem = 1,
    ParameterProblem = 2,
    VersionProblem = 3,
    ResourceProblem = 4,
}

/// <summary>
/// An error that ends the command, as <c>xtables_error</c> and <c>exit_tryhelp</c> end the real
/// tool: a status, the message, and how it is rendered (with the program's name and version,
/// or bare as "Bad argument"). It never leaves the front-end: <see cref="Render"/> turns it
/// into the lines the real tool writes to stderr.
/// </summary>
internal sealed class IptablesError : Exception
{
    private IptablesError(ExitStatus status, string message, bool bare, bool tryHelpOnly = false) : base(message)
    {
        Status = status;
        Bare = bare;
        TryHelpOnly = tryHelpOnly;
    }

    /// <summary>Only the "Try ... -h" line, as exit_tryhelp alone prints it.</summary>
    public bool TryHelpOnly { get; }

    /// <summary>
    /// Found when the nf_tables batch is built, not while the line is read: iptables-restore
    /// reports it at the COMMIT line.
    /// </summary>
    public bool FoundAtCommit { get; private init; }

    public static IptablesError ParameterAtCommit(string message) =>
        new(ExitStatus.ParameterProblem, message, false) { FoundAtCommit = true };

    public ExitStatus Status { get; }

    /// <summary>Printed without the "iptables v1.8.9 (nf_tables): " prefix (Bad argument).</summary>
    public bool Bare { get; }

    public static IptablesError Parameter(string message) => new(ExitStatus.ParameterProblem, message, false);
    public static IptablesError Other(string message) => new(ExitStatus.OtherProblem, message, false);
    public static IptablesError Version(string message) => new(ExitStatus.VersionProblem, message, false);
    public static IptablesError Resource(string message) => new(ExitStatus.ResourceProblem, message, false);
    public static IptablesError BadArgument(string argument) => new(ExitStatus.ParameterProblem, $"Bad argument `{argument}'", true);
    public static IptablesError TryHelp() => new(ExitStatus.ParameterProblem, "", true, tryHelpOnly: true);

    /// <param name="program">iptables or iptables-restore.</param>
    /// <param name="line">The iptables-restore input line, or null.</param>
    public string Render(string program, int? line)
    {
        var text = new System.Text.StringBuilder();
        if (!Bare) text.Append(program).Append(" v").Append(IptablesVersion.Number).Append(" (nf_tables): ");
        if (!TryHelpOnly) text.Append(Message).Append('\n');
        if (Status == ExitStatus.ParameterProblem)
        {
            if (line is int n) text.Append("Error occurred at line: ").Append(n).Append('\n');
            text.Append("Try `").Append(program).Append(" -h' or '").Append(program).Append(" --help' for more information.\n");
        }
        else if (Status == ExitStatus.VersionProblem)
        {
            text.Append("Perhaps iptables or your kernel needs to be upgraded.\n");
        }
        return text.ToString();
    }
}

/// <summary>The version the front-ends present themselves as: the iptables measured on the reference machine.</summary>
internal static class IptablesVersion
{
    public const string Number = "1.8.9";
}
