using System.Text;
using System.Text.RegularExpressions;

namespace Simulator.Cli.Shell.Syntax;

internal enum TokenKind
{
    Word,
    Operator,
    Newline,

    /// <summary>The digits of <c>2&gt;file</c>.</summary>
    IoNumber,
    EndOfInput,
}

internal sealed class Token(TokenKind kind, string text, int startLine, int endLine, Word? word = null)
{
    public TokenKind Kind { get; } = kind;

    public string Text { get; } = text;

    public int StartLine { get; } = startLine;

    public int EndLine { get; } = endLine;

    public Word? Word { get; } = word;

    public bool IsOperator(string op) => Kind == TokenKind.Operator && Text == op;

    /// <summary>A reserved word counts only when written plainly, unquoted.</summary>
    public bool IsReserved(string word) => Kind == TokenKind.Word && Word!.PlainText == word;

    /// <summary>How bash names the token in "syntax error near unexpected token".</summary>
    public string Display => Kind == TokenKind.Newline ? "newline" : Text;
}

/// <summary>
/// Splits script text into tokens the way bash's reader does: words keep their quoting structure
/// (see <see cref="WordPart"/>), operators are recognised longest first, and here-document bodies
/// are read when the line that announced them ends.
/// </summary>
internal sealed partial class ShellLexer(SourceReader reader, string file, List<string> warnings)
{
    private static readonly string[] Operators =
    [
        "&>>", "&&", "&>", "&", "||", "|&", "|", ";;&", ";;", ";&", ";",
        "<<<", "<<-", "<<", "<&", "<>", "<(", "<", ">>", ">&", ">|", ">(", ">", "(", ")",
    ];

    private readonly List<HereDocument> _pending = [];

    public SourceReader Reader => reader;

    public string File => file;

    public List<string> Warnings => warnings;

    /// <summary>Last line of the most recently read here-document body (0 when none).</summary>
    public int HereDocumentEndLine { get; private set; }

    public void AddHereDocument(HereDocument hereDocument) => _pending.Add(hereDocument);

    public Token Next()
    {
        SkipBlanksAndComments();
        int line = reader.Line;
        if (reader.AtEnd)
        {
            ReadPendingHereDocuments();
            return new Token(TokenKind.EndOfInput, "", line, line);
        }

        char c = reader.Peek();
        if (c == '\n')
        {
            reader.Read();
            ReadPendingHereDocuments();
            return new Token(TokenKind.Newline, "\n", line, line);
        }

        foreach (string op in Operators)
        {
            if (reader.LookingAt(op))
            {
                if (op is "<(" or ">(")
                {
                    throw ShellSyntaxException.Unsupported("process substitution " + op + "...)", line);
                }

                reader.Skip(op.Length);
                return new Token(TokenKind.Operator, op, line, line);
            }
        }

        if (char.IsAsciiDigit(c))
        {
            int n = 0;
            while (char.IsAsciiDigit(reader.Peek(n)))
            {
                n++;
            }

            if (reader.Peek(n) is '<' or '>')
            {
                string digits = reader.Text.Substring(reader.Position, n);
                reader.Skip(n);
                return new Token(TokenKind.IoNumber, digits, line, line);
            }
        }

        return ReadWordToken(regex: false);
    }

    /// <summary>The right side of <c>[[ x =~ re ]]</c>, where ( ) | are part of the word.</summary>
    public Token NextConditionRegex()
    {
        SkipBlanksAndComments();
        if (reader.AtEnd || reader.Peek() == '\n')
        {
            return Next();
        }

        return ReadWordToken(regex: true);
    }

    /// <summary>Reads <c>(expr))</c> after the parser took the first '(' of <c>((</c>.</summary>
    public Word ReadArithmeticCommand()
    {
        int line = reader.Line;
        reader.Read();
        return ReadArithmeticBody(line);
    }

    private void SkipBlanksAndComments()
    {
        while (!reader.AtEnd)
        {
            char c = reader.Peek();
            if (c is ' ' or '\t')
            {
                reader.Read();
            }
            else if (c == '\\' && reader.Peek(1) == '\n')
            {
                reader.Skip(2);
            }
            else if (c == '#')
            {
                while (!reader.AtEnd && reader.Peek() != '\n')
                {
                    reader.Read();
                }
            }
            else
            {
                break;
            }
        }
    }

    private Token ReadWordToken(bool regex)
    {
        int start = reader.Position;
        int line = reader.Line;
        var parts = new PartsBuilder();
        while (!reader.AtEnd)
        {
            char c = reader.Peek();
            if (regex && c is '(' or ')' or '|')
            {
                parts.Literal(reader.Read(), quoted: false);
                continue;
            }

            if (c is ' ' or '\t' or '\n' or ';' or '&' or '|' or '<' or '>' or '(' or ')')
            {
                if (c == '(' && parts.IsAssignmentPrefix())
                {
                    throw ShellSyntaxException.Unsupported("array assignment", line);
                }

                break;
            }

            ReadWordCharacter(parts, inDoubleQuotes: false);
        }

        Word word = new(parts.Build(), reader.Text[start..reader.Position], line);
        foreach (WordPart part in word.Parts)
        {
            if (part is LiteralPart lit && BraceExpansion().IsMatch(lit.Text))
            {
                throw ShellSyntaxException.Unsupported("brace expansion " + lit.Text, line);
            }
        }

        return new Token(TokenKind.Word, word.Raw, line, reader.LastReadLine, word);
    }

    // One character (or quoted run, or expansion) of an unquoted word.
    private void ReadWordCharacter(PartsBuilder parts, bool inDoubleQuotes)
    {
        char c = reader.Peek();
        switch (c)
        {
            case '\\':
                reader.Read();
                if (reader.AtEnd)
                {
                    parts.Literal('\\', quoted: false);
                }
                else if (reader.Peek() == '\n')
                {
                    reader.Read();
                }
                else
                {
                    parts.Literal(reader.Read(), quoted: true);
                }

                break;
            case '\'':
                parts.Add(ReadSingleQuoted());
                break;
            case '"':
                parts.Add(ReadDoubleQuoted());
                break;
            case '$':
                ReadDollar(parts, inDoubleQuotes);
                break;
            case '`':
                parts.Add(ReadBackquoted(inDoubleQuotes));
                break;
            default:
                parts.Literal(reader.Read(), quoted: false);
                break;
        }
    }

    private QuotedPart ReadSingleQuoted()
    {
        int line = reader.Line;
        reader.Read();
        var sb = new StringBuilder();
        while (!reader.AtEnd)
        {
            char c = reader.Read();
            if (c == '\'')
            {
                return new QuotedPart(sb.ToString());
            }

            sb.Append(c);
        }

        throw ShellSyntaxException.UnmatchedQuote('\'', line);
    }

    /// <summary>
    /// A backslash where it escapes only $, `, \ and a newline (and " inside double quotes, not
    /// in a here-document body); before anything else it stands for itself.
    /// </summary>
    private void ReadQuotedBackslash(PartsBuilder parts, bool escapesDoubleQuote)
    {
        reader.Read();
        char next = reader.Peek();
        if (next is '$' or '`' or '\\' || (escapesDoubleQuote && next == '"'))
        {
            parts.Literal(reader.Read(), quoted: true);
        }
        else if (next == '\n')
        {
            reader.Read();
        }
        else
        {
            parts.Literal('\\', quoted: true);
        }
    }

    private DoubleQuotedPart ReadDoubleQuoted()
    {
        int line = reader.Line;
        reader.Read();
        var parts = new PartsBuilder();
        while (true)
        {
            if (reader.AtEnd)
            {
                throw ShellSyntaxException.UnmatchedQuote('"', line);
            }

            char c = reader.Peek();
            switch (c)
            {
                case '"':
                    reader.Read();
                    return new DoubleQuotedPart(parts.Build());
                case '\\':
                    ReadQuotedBackslash(parts, escapesDoubleQuote: true);
                    break;
                case '$':
                    ReadDollar(parts, inDoubleQuotes: true);
                    break;
                case '`':
                    parts.Add(ReadBackquoted(inDoubleQuotes: true));
                    break;
                default:
                    parts.Literal(reader.Read(), quoted: true);
                    break;
            }
        }
    }

    private void ReadDollar(PartsBuilder parts, bool inDoubleQuotes)
    {
        int line = reader.Line;
        char c = reader.Peek(1);
        if (c == '{')
        {
            parts.Add(ReadBraceParameter(inDoubleQuotes));
            return;
        }

        if (c == '(')
        {
            reader.Skip(2);
            if (reader.Peek() == '(')
            {
                reader.Read();
                parts.Add(new ArithmeticPart(ReadArithmeticBody(line)));
                return;
            }

            var parser = new ShellParser(new ShellLexer(reader, file, warnings));
            parts.Add(new CommandSubstitutionPart(parser.ParseCommandSubstitution()));
            return;
        }

        if (c == '\'' && !inDoubleQuotes)
        {
            reader.Read();
            QuotedPart raw = ReadSingleQuotedAnsiC();
            parts.Add(raw);
            return;
        }

        if (c == '"' && !inDoubleQuotes)
        {
            reader.Read();
            parts.Add(ReadDoubleQuoted());
            return;
        }

        if (c == '[')
        {
            throw ShellSyntaxException.Unsupported("$[...] arithmetic", line);
        }

        if (IsNameStart(c))
        {
            reader.Read();
            var name = new StringBuilder();
            while (IsNameChar(reader.Peek()))
            {
                name.Append(reader.Read());
            }

            parts.Add(new ParameterPart(name.ToString()) { Raw = "$" + name });
            return;
        }

        if (char.IsAsciiDigit(c) || c is '?' or '#' or '@' or '*' or '$' or '!' or '-')
        {
            reader.Skip(2);
            parts.Add(new ParameterPart(c.ToString()) { Raw = "$" + c });
            return;
        }

        reader.Read();
        parts.Literal('$', quoted: inDoubleQuotes);
    }

    // $'...': the text between the quotes with backslash escapes decoded.
    private QuotedPart ReadSingleQuotedAnsiC()
    {
        int line = reader.Line;
        reader.Read();
        var sb = new StringBuilder();
        while (!reader.AtEnd)
        {
            char c = reader.Read();
            if (c == '\'')
            {
                return new QuotedPart(EscapeSequences.Decode(sb.ToString(), EscapeSequences.Dialect.AnsiC, out _));
            }

            sb.Append(c);
            if (c == '\\' && !reader.AtEnd)
            {
                sb.Append(reader.Read());
            }
        }

        throw ShellSyntaxException.UnmatchedQuote('\'', line);
    }

    private ParameterPart ReadBraceParameter(bool inDoubleQuotes)
    {
        int start = reader.Position;
        int line = reader.Line;
        reader.Skip(2);
        if (reader.Peek() == '!')
        {
            throw ShellSyntaxException.Unsupported("indirect expansion ${!...}", line);
        }

        bool length = false;
        if (reader.Peek() == '#' && reader.Peek(1) != '}' &&
            (IsNameStart(reader.Peek(1)) || char.IsAsciiDigit(reader.Peek(1)) || reader.Peek(1) is '@' or '*' or '?' or '$' or '#'))
        {
            length = true;
            reader.Read();
        }

        string name = ReadParameterName();
        if (reader.Peek() == '[')
        {
            throw ShellSyntaxException.Unsupported("arrays", line);
        }

        if (name.Length == 0 || (length && reader.Peek() != '}'))
        {
            throw BadSubstitution(start, line);
        }

        if (length)
        {
            reader.Read();
            return new ParameterPart(name, ParameterOperator.Length) { Raw = reader.Text[start..reader.Position] };
        }

        char c = reader.Peek();
        ParameterOperator op;
        bool colon = false;
        Word? argument = null;
        Word? second = null;
        switch (c)
        {
            case '}':
                reader.Read();
                return new ParameterPart(name) { Raw = reader.Text[start..reader.Position] };
            case ':' when reader.Peek(1) is '-' or '=' or '+' or '?':
                reader.Read();
                colon = true;
                op = DefaultOperator(reader.Read());
                argument = ReadBraceArgument(inDoubleQuotes, "}");
                break;
            case ':':
                reader.Read();
                op = ParameterOperator.Substring;
                argument = ReadBraceArgument(inDoubleQuotes, ":}");
                if (reader.Peek() == ':')
                {
                    reader.Read();
                    second = ReadBraceArgument(inDoubleQuotes, "}");
                }

                break;
            case '-' or '=' or '+' or '?':
                op = DefaultOperator(reader.Read());
                argument = ReadBraceArgument(inDoubleQuotes, "}");
                break;
            case '#':
                reader.Read();
                op = ParameterOperator.RemoveSmallestPrefix;
                if (reader.Peek() == '#')
                {
                    reader.Read();
                    op = ParameterOperator.RemoveLargestPrefix;
                }

                argument = ReadBraceArgument(inDoubleQuotes, "}");
                break;
            case '%':
                reader.Read();
                op = ParameterOperator.RemoveSmallestSuffix;
                if (reader.Peek() == '%')
                {
                    reader.Read();
                    op = ParameterOperator.RemoveLargestSuffix;
                }

                argument = ReadBraceArgument(inDoubleQuotes, "}");
                break;
            case '/':
                reader.Read();
                op = reader.Peek() switch
                {
                    '/' => ParameterOperator.ReplaceAll,
                    '#' => ParameterOperator.ReplacePrefix,
                    '%' => ParameterOperator.ReplaceSuffix,
                    _ => ParameterOperator.ReplaceFirst,
                };
                if (op != ParameterOperator.ReplaceFirst)
                {
                    reader.Read();
                }

                argument = ReadBraceArgument(inDoubleQuotes, "/}");
                if (reader.Peek() == '/')
                {
                    reader.Read();
                    second = ReadBraceArgument(inDoubleQuotes, "}");
                }

                break;
            case '^' or ',':
                throw ShellSyntaxException.Unsupported("case modification ${var" + c + "}", line);
            case '@':
                throw ShellSyntaxException.Unsupported("parameter transformation ${var@...}", line);
            default:
                throw BadSubstitution(start, line);
        }

        reader.Read();
        return new ParameterPart(name, op)
        {
            TreatEmptyAsUnset = colon,
            Argument = argument,
            Second = second,
            Raw = reader.Text[start..reader.Position],
        };
    }

    private static ParameterOperator DefaultOperator(char c) => c switch
    {
        '-' => ParameterOperator.UseDefault,
        '=' => ParameterOperator.AssignDefault,
        '+' => ParameterOperator.UseAlternative,
        _ => ParameterOperator.ErrorIfUnset,
    };

    private string ReadParameterName()
    {
        var sb = new StringBuilder();
        if (IsNameStart(reader.Peek()))
        {
            while (IsNameChar(reader.Peek()))
            {
                sb.Append(reader.Read());
            }
        }
        else if (char.IsAsciiDigit(reader.Peek()))
        {
            while (char.IsAsciiDigit(reader.Peek()))
            {
                sb.Append(reader.Read());
            }
        }
        else if (reader.Peek() is '?' or '#' or '@' or '*' or '$' or '!' or '-')
        {
            sb.Append(reader.Read());
        }

        return sb.ToString();
    }

    private ShellSyntaxException BadSubstitution(int start, int line)
    {
        int end = reader.Text.IndexOf('}', start);
        string text = end < 0 ? reader.Text[start..] : reader.Text[start..(end + 1)];
        if (end < 0)
        {
            return ShellSyntaxException.UnmatchedQuote('}', line);
        }

        return new ShellSyntaxException(text + ": bad substitution", line);
    }

    // The word inside ${name<op>word}: blanks are part of it, it ends at one of the stop characters.
    private Word ReadBraceArgument(bool inDoubleQuotes, string stops)
    {
        int start = reader.Position;
        int line = reader.Line;
        var parts = new PartsBuilder();
        while (true)
        {
            if (reader.AtEnd)
            {
                throw ShellSyntaxException.UnmatchedQuote('}', line);
            }

            char c = reader.Peek();
            if (stops.Contains(c, StringComparison.Ordinal))
            {
                break;
            }

            if (c == '\'' && inDoubleQuotes)
            {
                parts.Literal(reader.Read(), quoted: true);
            }
            else
            {
                ReadWordCharacter(parts, inDoubleQuotes);
            }
        }

        return new Word(parts.Build(), reader.Text[start..reader.Position], line);
    }

    // After "$((" or "((": the expression up to the matching "))".
    private Word ReadArithmeticBody(int line)
    {
        var sb = new StringBuilder();
        int depth = 0;
        int bodyLine = reader.Line;
        while (true)
        {
            if (reader.AtEnd)
            {
                throw ShellSyntaxException.UnmatchedQuote(')', line);
            }

            char c = reader.Read();
            if (c == '(')
            {
                depth++;
            }
            else if (c == ')')
            {
                if (depth == 0)
                {
                    if (reader.Peek() != ')')
                    {
                        throw new ShellSyntaxException("syntax error near unexpected token `)'", line);
                    }

                    reader.Read();
                    break;
                }

                depth--;
            }

            sb.Append(c);
        }

        var inner = new ShellLexer(new SourceReader(sb.ToString(), bodyLine), file, warnings);
        return inner.ReadWholeAsWord(quotesAllowed: true);
    }

    private CommandSubstitutionPart ReadBackquoted(bool inDoubleQuotes)
    {
        int line = reader.Line;
        reader.Read();
        var sb = new StringBuilder();
        while (true)
        {
            if (reader.AtEnd)
            {
                throw ShellSyntaxException.UnmatchedQuote('`', line);
            }

            char c = reader.Read();
            if (c == '`')
            {
                break;
            }

            if (c == '\\' && (reader.Peek() is '$' or '`' or '\\' || (inDoubleQuotes && reader.Peek() == '"')))
            {
                sb.Append(reader.Read());
            }
            else
            {
                sb.Append(c);
            }
        }

        var parser = new ShellParser(new ShellLexer(new SourceReader(sb.ToString(), line), file, warnings));
        return new CommandSubstitutionPart(parser.ParseAll());
    }

    /// <summary>
    /// Reads the whole input as one double-quote-like word: a here-document body (no quote
    /// removal) or an arithmetic expression (quotes removed).
    /// </summary>
    private Word ReadWholeAsWord(bool quotesAllowed)
    {
        int line = reader.Line;
        var parts = new PartsBuilder();
        while (!reader.AtEnd)
        {
            char c = reader.Peek();
            switch (c)
            {
                case '\\':
                    ReadQuotedBackslash(parts, escapesDoubleQuote: false);
                    break;
                case '$':
                    ReadDollar(parts, inDoubleQuotes: true);
                    break;
                case '`':
                    parts.Add(ReadBackquoted(inDoubleQuotes: true));
                    break;
                case '"' when quotesAllowed:
                    parts.Add(ReadDoubleQuoted());
                    break;
                case '\'' when quotesAllowed:
                    parts.Add(ReadSingleQuoted());
                    break;
                default:
                    parts.Literal(reader.Read(), quoted: true);
                    break;
            }
        }

        return new Word(parts.Build(), reader.Text, line);
    }

    private void ReadPendingHereDocuments()
    {
        foreach (HereDocument doc in _pending)
        {
            int bodyLine = reader.Line;
            var body = new StringBuilder();
            bool delimited = false;
            while (!reader.AtEnd)
            {
                int end = reader.Text.IndexOf('\n', reader.Position);
                string line = end < 0 ? reader.Text[reader.Position..] : reader.Text[reader.Position..end];
                reader.Skip(line.Length + (end < 0 ? 0 : 1));
                string text = doc.StripTabs ? line.TrimStart('\t') : line;
                if (text == doc.Delimiter)
                {
                    delimited = true;
                    break;
                }

                body.Append(text).Append('\n');
            }

            if (!delimited)
            {
                warnings.Add(
                    $"{file}: line {reader.LastReadLine}: warning: here-document at line {doc.Line} " +
                    $"delimited by end-of-file (wanted `{doc.Delimiter}')");
            }

            doc.Body = doc.Quoted
                ? new Word([new QuotedPart(body.ToString())], body.ToString(), bodyLine)
                : new ShellLexer(new SourceReader(body.ToString(), bodyLine), file, warnings).ReadWholeAsWord(quotesAllowed: false);
            HereDocumentEndLine = reader.LastReadLine;
        }

        _pending.Clear();
    }

    public static bool IsNameStart(char c) => char.IsAsciiLetter(c) || c == '_';

    public static bool IsNameChar(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';

    public static bool IsName(string s) => s.Length > 0 && IsNameStart(s[0]) && s.All(IsNameChar);

    [GeneratedRegex(@"\{[^{}\s]*(,|\.\.)[^{}\s]*\}")]
    private static partial Regex BraceExpansion();

    /// <summary>Collects word parts, merging adjacent literal characters of the same quoting.</summary>
    private sealed class PartsBuilder
    {
        private readonly List<WordPart> _parts = [];
        private readonly StringBuilder _text = new();
        private bool _textQuoted;

        public void Literal(char c, bool quoted)
        {
            if (_text.Length > 0 && _textQuoted != quoted)
            {
                Flush();
            }

            _textQuoted = quoted;
            _text.Append(c);
        }

        public void Add(WordPart part)
        {
            Flush();
            _parts.Add(part);
        }

        /// <summary>The word so far is <c>name=</c> or <c>name+=</c>: a '(' now starts an array.</summary>
        public bool IsAssignmentPrefix()
        {
            if (_parts.Count > 0 || _textQuoted || _text.Length < 2 || _text[^1] != '=')
            {
                return false;
            }

            string name = _text.ToString(0, _text.Length - 1).TrimEnd('+');
            return IsName(name);
        }

        public List<WordPart> Build()
        {
            Flush();
            return _parts;
        }

        private void Flush()
        {
            if (_text.Length == 0)
            {
                return;
            }

            _parts.Add(_textQuoted ? new QuotedPart(_text.ToString()) : new LiteralPart(_text.ToString()));
            _text.Clear();
        }
    }
}
