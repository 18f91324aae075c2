namespace Simulator.Cli.Shell;

/// <summary>
/// One command as the shell hands it to a program: argv, its standard streams, the environment
/// it inherits, and the network namespace it runs in.
/// </summary>
public sealed class CommandContext
{
    public CommandContext(
        IReadOnlyList<string> arguments,
        TextReader stdin,
        TextWriter stdout,
        TextWriter stderr,
        SourceLocation location,
        IReadOnlyDictionary<string, string> environment,
        string? @namespace = null,
        bool background = false)
    {
        ArgumentOutOfRangeException.ThrowIfZero(arguments.Count, nameof(arguments));
        Arguments = arguments;
        Stdin = stdin;
        Stdout = stdout;
        Stderr = stderr;
        Location = location;
        Environment = environment;
        Namespace = @namespace;
        Background = background;
    }

    /// <summary>argv; <c>Arguments[0]</c> is the command name as typed.</summary>
    public IReadOnlyList<string> Arguments { get; }

    /// <summary>
    /// Standard input. A program that does not read its input leaves it for the next command
    /// (as in <c>while read l; do ip ...; done &lt; file</c>). <see cref="TextReader.Null"/> when none.
    /// </summary>
    public TextReader Stdin { get; }

    public TextWriter Stdout { get; }

    public TextWriter Stderr { get; }

    /// <summary>Where the command is written in the script (file as bash names it, line).</summary>
    public SourceLocation Location { get; }

    /// <summary>Exported variables plus the command's prefix assignments (<c>a=b cmd</c>).</summary>
    public IReadOnlyDictionary<string, string> Environment { get; }

    /// <summary>Network namespace the command runs in; null is the initial namespace.</summary>
    public string? Namespace { get; }

    /// <summary>The command was started with <c>&amp;</c>; what that means is the host's decision.</summary>
    public bool Background { get; }

    public string Name => Arguments[0];

    /// <summary>The same command in another namespace, as <c>ip netns exec NS</c> runs it.</summary>
    public CommandContext WithNamespace(string? @namespace, IReadOnlyList<string> arguments) =>
        new(arguments, Stdin, Stdout, Stderr, Location, Environment, @namespace, Background);
}
