namespace Simulator.Cli.Shell.Syntax;

internal enum RedirectionKind
{
    /// <summary><c>&lt; file</c></summary>
    Input,

    /// <summary><c>&gt; file</c>, <c>&gt;| file</c></summary>
    Output,

    /// <summary><c>&gt;&gt; file</c></summary>
    Append,

    /// <summary><c>&lt;&gt; file</c></summary>
    ReadWrite,

    /// <summary><c>n&gt;&amp;m</c>, <c>n&lt;&amp;m</c>, <c>n&gt;&amp;-</c></summary>
    Duplicate,

    /// <summary><c>&amp;&gt; file</c>, <c>&gt;&amp; file</c></summary>
    OutputAndError,

    /// <summary><c>&amp;&gt;&gt; file</c></summary>
    AppendOutputAndError,

    /// <summary><c>&lt;&lt;EOF</c>, <c>&lt;&lt;-EOF</c></summary>
    HereDocument,

    /// <summary><c>&lt;&lt;&lt; word</c></summary>
    HereString,
}

internal sealed class HereDocument(string delimiter, bool quoted, bool stripTabs, int line)
{
    public string Delimiter { get; } = delimiter;

    /// <summary>The delimiter was quoted: the body is taken literally, with no expansion.</summary>
    public bool Quoted { get; } = quoted;

    /// <summary><c>&lt;&lt;-</c>: leading tabs are removed from body lines and the delimiter line.</summary>
    public bool StripTabs { get; } = stripTabs;

    public int Line { get; } = line;

    /// <summary>The body, filled in when the parser reaches the end of the line.</summary>
    public Word? Body { get; set; }
}

internal sealed class Redirection(int fd, RedirectionKind kind, Word? target, HereDocument? hereDocument = null)
{
    /// <summary>The file descriptor redirected; -1 for <c>&amp;&gt;</c> (stdout and stderr).</summary>
    public int Fd { get; } = fd;

    public RedirectionKind Kind { get; } = kind;

    public Word? Target { get; } = target;

    public HereDocument? HereDocument { get; } = hereDocument;
}

internal abstract class Command(SourceLocation location)
{
    public SourceLocation Location { get; } = location;

    public List<Redirection> Redirections { get; } = [];
}

internal sealed class Assignment(string name, Word value, bool append)
{
    public string Name { get; } = name;

    public Word Value { get; } = value;

    /// <summary><c>name+=value</c>.</summary>
    public bool Append { get; } = append;
}

internal sealed class SimpleCommand(SourceLocation location) : Command(location)
{
    public List<Assignment> Assignments { get; } = [];

    public List<Word> Words { get; } = [];
}

internal sealed class IfCommand(SourceLocation location) : Command(location)
{
    public List<(CommandList Condition, CommandList Body)> Clauses { get; } = [];

    public CommandList? ElseBody { get; set; }
}

internal sealed class WhileCommand(SourceLocation location, bool until, CommandList condition, CommandList body) : Command(location)
{
    public bool Until { get; } = until;

    public CommandList Condition { get; } = condition;

    public CommandList Body { get; } = body;
}

internal sealed class ForCommand(SourceLocation location, string variable, IReadOnlyList<Word>? words, CommandList body, string header)
    : Command(location)
{
    public string Variable { get; } = variable;

    /// <summary>The words after <c>in</c>; null for <c>for x; do</c> (the positional parameters).</summary>
    public IReadOnlyList<Word>? Words { get; } = words;

    public CommandList Body { get; } = body;

    /// <summary>What <c>set -x</c> shows each iteration: <c>for i in a "b c"</c>, as written.</summary>
    public string Header { get; } = header;
}

internal sealed class GroupCommand(SourceLocation location, CommandList body) : Command(location)
{
    public CommandList Body { get; } = body;
}

internal sealed class SubshellCommand(SourceLocation location, CommandList body) : Command(location)
{
    public CommandList Body { get; } = body;
}

internal sealed class FunctionDefinition(SourceLocation location, string name, Command body) : Command(location)
{
    public string Name { get; } = name;

    public Command Body { get; } = body;
}

/// <summary><c>(( expression ))</c>.</summary>
internal sealed class ArithmeticCommand(SourceLocation location, Word expression) : Command(location)
{
    public Word Expression { get; } = expression;
}

internal enum ConditionTokenKind
{
    Word,
    And,
    Or,
    Not,
    Open,
    Close,
}

internal sealed record ConditionToken(ConditionTokenKind Kind, Word? Word = null);

/// <summary><c>[[ ... ]]</c>.</summary>
internal sealed class ConditionalCommand(SourceLocation location, IReadOnlyList<ConditionToken> tokens) : Command(location)
{
    public IReadOnlyList<ConditionToken> Tokens { get; } = tokens;
}

internal sealed class Pipeline(bool negated, IReadOnlyList<Command> commands)
{
    public bool Negated { get; } = negated;

    public IReadOnlyList<Command> Commands { get; } = commands;
}

internal enum AndOrOperator
{
    And,
    Or,
}

internal sealed class AndOrList(Pipeline first, IReadOnlyList<(AndOrOperator Operator, Pipeline Pipeline)> rest)
{
    public Pipeline First { get; } = first;

    public IReadOnlyList<(AndOrOperator Operator, Pipeline Pipeline)> Rest { get; } = rest;
}

internal sealed class CommandList(IReadOnlyList<(AndOrList Command, bool Background)> items)
{
    public IReadOnlyList<(AndOrList Command, bool Background)> Items { get; } = items;
}

/// <summary>A complete top-level command: what bash reads, then runs, before reading on.</summary>
internal sealed class Statement(CommandList body, int startLine, int endLine)
{
    public CommandList Body { get; } = body;

    public int StartLine { get; } = startLine;

    public int EndLine { get; } = endLine;
}
