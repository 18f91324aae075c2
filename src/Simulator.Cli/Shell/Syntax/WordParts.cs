namespace Simulator.Cli.Shell.Syntax;

/// <summary>A piece of a shell word, before expansion.</summary>
internal abstract class WordPart;

/// <summary>Unquoted text: subject to tilde expansion (at the start) and pathname expansion.</summary>
internal sealed class LiteralPart(string text) : WordPart
{
    public string Text { get; } = text;
}

/// <summary>Text that was quoted ('...', \c, $'...', or plain text inside "..."): taken as is.</summary>
internal sealed class QuotedPart(string text) : WordPart
{
    public string Text { get; } = text;
}

/// <summary>"...": its expansions are not split and not globbed; "" is an empty word, not no word.</summary>
internal sealed class DoubleQuotedPart(IReadOnlyList<WordPart> parts) : WordPart
{
    public IReadOnlyList<WordPart> Parts { get; } = parts;
}

internal enum ParameterOperator
{
    /// <summary><c>$x</c>, <c>${x}</c></summary>
    None,

    /// <summary><c>${#x}</c></summary>
    Length,

    /// <summary><c>${x-w}</c>, <c>${x:-w}</c></summary>
    UseDefault,

    /// <summary><c>${x=w}</c>, <c>${x:=w}</c></summary>
    AssignDefault,

    /// <summary><c>${x+w}</c>, <c>${x:+w}</c></summary>
    UseAlternative,

    /// <summary><c>${x?w}</c>, <c>${x:?w}</c></summary>
    ErrorIfUnset,

    /// <summary><c>${x#p}</c></summary>
    RemoveSmallestPrefix,

    /// <summary><c>${x##p}</c></summary>
    RemoveLargestPrefix,

    /// <summary><c>${x%p}</c></summary>
    RemoveSmallestSuffix,

    /// <summary><c>${x%%p}</c></summary>
    RemoveLargestSuffix,

    /// <summary><c>${x/p/r}</c></summary>
    ReplaceFirst,

    /// <summary><c>${x//p/r}</c></summary>
    ReplaceAll,

    /// <summary><c>${x/#p/r}</c></summary>
    ReplacePrefix,

    /// <summary><c>${x/%p/r}</c></summary>
    ReplaceSuffix,

    /// <summary><c>${x:offset}</c>, <c>${x:offset:length}</c></summary>
    Substring,
}

/// <summary>A parameter expansion: <c>$name</c>, <c>$1</c>, <c>$?</c>, <c>${name:-word}</c>, ...</summary>
internal sealed class ParameterPart(string name, ParameterOperator op = ParameterOperator.None) : WordPart
{
    public string Name { get; } = name;

    public ParameterOperator Operator { get; } = op;

    /// <summary>The ':' form (<c>:-</c>, <c>:=</c>, ...): an empty value counts as unset.</summary>
    public bool TreatEmptyAsUnset { get; init; }

    /// <summary>The word after the operator (default, pattern, offset).</summary>
    public Word? Argument { get; init; }

    /// <summary>Replacement for the <c>/</c> forms, length for the substring form.</summary>
    public Word? Second { get; init; }

    /// <summary>The text as written, for error messages (<c>${x:?}</c>).</summary>
    public string Raw { get; init; } = "";
}

/// <summary><c>$(...)</c> or <c>`...`</c>.</summary>
internal sealed class CommandSubstitutionPart(CommandList body) : WordPart
{
    public CommandList Body { get; } = body;
}

/// <summary><c>$((...))</c>: the expression is expanded like a double-quoted word, then evaluated.</summary>
internal sealed class ArithmeticPart(Word expression) : WordPart
{
    public Word Expression { get; } = expression;
}

/// <summary>A shell word: its parts, the text as written, and where it starts.</summary>
internal sealed class Word(IReadOnlyList<WordPart> parts, string raw, int line)
{
    public IReadOnlyList<WordPart> Parts { get; } = parts;

    public string Raw { get; } = raw;

    public int Line { get; } = line;

    /// <summary>The word is one unquoted literal (what reserved words and names must be).</summary>
    public string? PlainText => Parts.Count == 1 && Parts[0] is LiteralPart lit ? lit.Text : null;

    public static Word Literal(string text, int line) => new([new QuotedPart(text)], text, line);

    public override string ToString() => Raw;
}
