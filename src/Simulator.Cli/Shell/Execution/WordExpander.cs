using System.Globalization;
using System.Text;
using Simulator.Cli.Shell.Syntax;

namespace Simulator.Cli.Shell.Execution;

/// <summary>
/// Turns words into strings the way bash does: tilde, parameter, command and arithmetic
/// expansion, then word splitting of unquoted expansion results on IFS, then pathname expansion
/// against the virtual file system, then quote removal. Each character remembers whether it was
/// quoted, so only unquoted wildcards glob and only unquoted expansion results split.
/// </summary>
internal sealed class WordExpander(ShellInterpreter shell, Io io)
{
    /// <summary>Expands command words; arguments of declaration builtins that look like assignments are not split.</summary>
    public List<string> ExpandCommandWords(IReadOnlyList<Word> words, ISet<string> declarationCommands)
    {
        var result = new List<string>();
        bool declaration = words.Count > 0 && words[0].PlainText is { } first && declarationCommands.Contains(first);
        for (int i = 0; i < words.Count; i++)
        {
            if (declaration && i > 0 && AssignmentPrefix(words[i]) is { } prefixLength)
            {
                var lit = (LiteralPart)words[i].Parts[0];
                var valueParts = new List<WordPart>();
                if (lit.Text.Length > prefixLength)
                {
                    valueParts.Add(new LiteralPart(lit.Text[prefixLength..]));
                }

                valueParts.AddRange(words[i].Parts.Skip(1));
                result.Add(lit.Text[..prefixLength] + ExpandAssignmentValue(new Word(valueParts, words[i].Raw, words[i].Line)));
                continue;
            }

            result.AddRange(ExpandWord(words[i]));
        }

        return result;
    }

    public List<string> ExpandWords(IEnumerable<Word> words)
    {
        var result = new List<string>();
        foreach (Word word in words)
        {
            result.AddRange(ExpandWord(word));
        }

        return result;
    }

    /// <summary>Full expansion: may give no field ($empty), one, or many ($list, *.conf).</summary>
    public List<string> ExpandWord(Word word)
    {
        var builder = new FieldBuilder(Ifs());
        Expand(word.Parts, builder, new Context(Split: true, LiteralSplits: false), tildeAtStart: true);
        var result = new List<string>();
        foreach (Field field in builder.Finish())
        {
            if (!shell.NoglobEnabled && GlobPattern.ContainsWildcard(field.Text.ToString(), field.Quoted))
            {
                List<string> matches = Glob(field.Text.ToString(), field.Quoted);
                if (matches.Count > 0)
                {
                    result.AddRange(matches);
                    continue;
                }
            }

            result.Add(field.Text.ToString());
        }

        return result;
    }

    /// <summary>No splitting, no globbing: here-documents, here-strings, [[ ]] operands.</summary>
    public string ExpandString(Word word)
    {
        var builder = new FieldBuilder(Ifs());
        Expand(word.Parts, builder, new Context(Split: false, LiteralSplits: false), tildeAtStart: false);
        return builder.Joined();
    }

    /// <summary>An assignment's value: no splitting or globbing; ~ expands at the start and after ':'.</summary>
    public string ExpandAssignmentValue(Word value)
    {
        var builder = new FieldBuilder(Ifs());
        Expand(value.Parts, builder, new Context(Split: false, LiteralSplits: false, AssignmentTilde: true), tildeAtStart: true);
        return builder.Joined();
    }

    /// <summary>A redirection target: must expand to exactly one word (else bash's "ambiguous redirect").</summary>
    public string? ExpandRedirectionTarget(Word word)
    {
        List<string> fields = ExpandWord(word);
        return fields.Count == 1 ? fields[0] : null;
    }

    /// <summary>A pattern (<c>${x#pat}</c>, <c>[[ x == pat ]]</c>): the text and which characters were quoted.</summary>
    public GlobPattern ExpandPattern(Word word)
    {
        (string text, List<bool> quoted) = ExpandPatternText(word);
        return GlobPattern.Compile(text, quoted);
    }

    /// <summary>A pattern's text and, per character, whether it was quoted.</summary>
    public (string Text, List<bool> Quoted) ExpandPatternText(Word word)
    {
        var builder = new FieldBuilder(Ifs());
        Expand(word.Parts, builder, new Context(Split: false, LiteralSplits: false), tildeAtStart: true);
        return builder.JoinedWithQuoting();
    }

    private string Ifs() => shell.LookupParameter("IFS", io) ?? " \t\n";

    private static int? AssignmentPrefix(Word word)
    {
        if (word.Parts.Count == 0 || word.Parts[0] is not LiteralPart lit)
        {
            return null;
        }

        int eq = lit.Text.IndexOf('=', StringComparison.Ordinal);
        if (eq <= 0)
        {
            return null;
        }

        string name = lit.Text[..eq].TrimEnd('+');
        return ShellLexer.IsName(name) ? eq + 1 : null;
    }

    private readonly record struct Context(bool Split, bool LiteralSplits, bool AssignmentTilde = false);

    private void Expand(IReadOnlyList<WordPart> parts, FieldBuilder builder, Context context, bool tildeAtStart)
    {
        for (int i = 0; i < parts.Count; i++)
        {
            switch (parts[i])
            {
                case LiteralPart lit:
                    string text = lit.Text;
                    if (i == 0 && tildeAtStart && text.StartsWith('~'))
                    {
                        text = ExpandLeadingTilde(text, builder, context.AssignmentTilde);
                    }
                    else if (i == 0 && tildeAtStart && AssignmentPrefix(new Word([lit], text, 0)) is { } eq &&
                             eq < text.Length && text[eq] == '~')
                    {
                        // bash also expands "name=~/dir" given as an argument (export, ip ... but any word).
                        builder.AppendLiteral(text[..eq]);
                        text = ExpandLeadingTilde(text[eq..], builder, assignment: true);
                    }

                    if (context.AssignmentTilde)
                    {
                        text = ExpandTildesAfterColons(text);
                    }

                    if (context.LiteralSplits)
                    {
                        builder.AppendExpansion(text, quoted: false, split: true);
                    }
                    else
                    {
                        builder.AppendLiteral(text);
                    }

                    break;
                case QuotedPart quoted:
                    builder.AppendQuoted(quoted.Text);
                    break;
                case DoubleQuotedPart dq:
                    ExpandDoubleQuoted(dq, builder);
                    break;
                case ParameterPart p:
                    ExpandParameter(p, builder, context, inDoubleQuotes: false);
                    break;
                case CommandSubstitutionPart cs:
                    builder.AppendExpansion(shell.RunCommandSubstitution(cs.Body, io), quoted: false, split: context.Split);
                    break;
                case ArithmeticPart a:
                    builder.AppendExpansion(EvaluateArithmetic(a), quoted: false, split: context.Split);
                    break;
            }
        }
    }

    private void ExpandDoubleQuoted(DoubleQuotedPart dq, FieldBuilder builder)
    {
        // "$@" with no positional parameters is no word at all, not an empty one.
        bool onlyAt = dq.Parts.Count > 0 && dq.Parts.All(p => p is ParameterPart { Name: "@", Operator: ParameterOperator.None });
        if (!(onlyAt && shell.PositionalParameters.Count == 0))
        {
            builder.MarkPresent();
        }

        var context = new Context(Split: false, LiteralSplits: false);
        foreach (WordPart part in dq.Parts)
        {
            switch (part)
            {
                case LiteralPart lit:
                    builder.AppendQuoted(lit.Text);
                    break;
                case QuotedPart quoted:
                    builder.AppendQuoted(quoted.Text);
                    break;
                case DoubleQuotedPart inner:
                    ExpandDoubleQuoted(inner, builder);
                    break;
                case ParameterPart p:
                    ExpandParameter(p, builder, context, inDoubleQuotes: true);
                    break;
                case CommandSubstitutionPart cs:
                    builder.AppendQuoted(shell.RunCommandSubstitution(cs.Body, io));
                    break;
                case ArithmeticPart a:
                    builder.AppendQuoted(EvaluateArithmetic(a));
                    break;
            }
        }
    }

    private string EvaluateArithmetic(ArithmeticPart part)
    {
        string text = ExpandString(part.Expression);
        return shell.EvaluateArithmetic(text, io, shell.CurrentLocation).ToString(CultureInfo.InvariantCulture);
    }

    private void ExpandParameter(ParameterPart p, FieldBuilder builder, Context context, bool inDoubleQuotes)
    {
        if (p.Name is "@" or "*" && p.Operator == ParameterOperator.None)
        {
            ExpandPositional(p.Name, builder, context, inDoubleQuotes);
            return;
        }

        string? value = shell.LookupParameter(p.Name, io);
        bool unset = value is null || (p.TreatEmptyAsUnset && value.Length == 0);
        if (value is null && shell.NounsetEnabled && p.Name is not ("@" or "*") &&
            p.Operator is not (ParameterOperator.UseDefault or ParameterOperator.AssignDefault
                or ParameterOperator.UseAlternative or ParameterOperator.ErrorIfUnset))
        {
            throw shell.Fatal(io, $"{p.Name}: unbound variable");
        }

        string? result;
        switch (p.Operator)
        {
            case ParameterOperator.None:
                result = value;
                break;
            case ParameterOperator.Length:
                result = p.Name is "@" or "*"
                    ? shell.PositionalParameters.Count.ToString(CultureInfo.InvariantCulture)
                    : (value ?? "").Length.ToString(CultureInfo.InvariantCulture);
                break;
            case ParameterOperator.UseDefault:
                if (unset)
                {
                    ExpandArgument(p.Argument!, builder, context, inDoubleQuotes);
                    return;
                }

                result = value;
                break;
            case ParameterOperator.UseAlternative:
                if (!unset)
                {
                    ExpandArgument(p.Argument!, builder, context, inDoubleQuotes);
                }

                return;
            case ParameterOperator.AssignDefault:
                if (unset)
                {
                    if (!ShellLexer.IsName(p.Name))
                    {
                        throw shell.Fatal(io, $"${p.Name}: cannot assign in this way");
                    }

                    value = ExpandString(p.Argument!);
                    shell.AssignVariable(p.Name, value, io);
                }

                result = value;
                break;
            case ParameterOperator.ErrorIfUnset:
                if (unset)
                {
                    string message = p.Argument is null || p.Argument.Parts.Count == 0
                        ? (p.TreatEmptyAsUnset ? "parameter null or not set" : "parameter not set")
                        : ExpandString(p.Argument);
                    throw shell.Fatal(io, $"{p.Name}: {message}");
                }

                result = value;
                break;
            case ParameterOperator.RemoveSmallestPrefix or ParameterOperator.RemoveLargestPrefix
                or ParameterOperator.RemoveSmallestSuffix or ParameterOperator.RemoveLargestSuffix:
                result = value is null ? null : RemoveAffix(value, ExpandPattern(p.Argument!), p.Operator);
                break;
            case ParameterOperator.ReplaceFirst or ParameterOperator.ReplaceAll
                or ParameterOperator.ReplacePrefix or ParameterOperator.ReplaceSuffix:
                string replacement = p.Second is null ? "" : ExpandString(p.Second);
                result = value is null ? null : Replace(value, ExpandPattern(p.Argument!), replacement, p.Operator);
                break;
            case ParameterOperator.Substring:
                result = value is null ? null : Substring(value, p);
                break;
            default:
                result = value;
                break;
        }

        if (result is not null)
        {
            builder.AppendExpansion(result, inDoubleQuotes, context.Split && !inDoubleQuotes);
        }
    }

    // The word of ${x:-word} / ${x:+word}: in double quotes it is one quoted string; unquoted, its
    // own quoting counts and its unquoted text is split like any expansion.
    private void ExpandArgument(Word argument, FieldBuilder builder, Context context, bool inDoubleQuotes)
    {
        if (inDoubleQuotes)
        {
            builder.AppendQuoted(ExpandString(argument));
            return;
        }

        Expand(argument.Parts, builder, context with { LiteralSplits = context.Split }, tildeAtStart: true);
    }

    private void ExpandPositional(string name, FieldBuilder builder, Context context, bool inDoubleQuotes)
    {
        IReadOnlyList<string> args = shell.PositionalParameters;
        if (inDoubleQuotes)
        {
            if (name == "*")
            {
                string ifs = Ifs();
                builder.AppendQuoted(string.Join(ifs.Length > 0 ? ifs[0].ToString() : "", args));
                return;
            }

            for (int i = 0; i < args.Count; i++)
            {
                if (i > 0)
                {
                    builder.NewField();
                }

                builder.AppendQuoted(args[i]);
            }

            return;
        }

        if (!context.Split)
        {
            builder.AppendExpansion(string.Join(' ', args), quoted: false, split: false);
            return;
        }

        for (int i = 0; i < args.Count; i++)
        {
            if (i > 0)
            {
                builder.EndField();
            }

            builder.AppendExpansion(args[i], quoted: false, split: true);
        }
    }

    private string ExpandLeadingTilde(string text, FieldBuilder builder, bool assignment)
    {
        int end = 1;
        while (end < text.Length && text[end] != '/' && !(assignment && text[end] == ':'))
        {
            end++;
        }

        string user = text[1..end];
        string? home = user switch
        {
            "" => shell.LookupParameter("HOME", io) ?? "/root",
            "root" => "/root",
            "+" => shell.LookupParameter("PWD", io),
            "-" => shell.LookupParameter("OLDPWD", io),
            _ => null,
        };
        if (home is null)
        {
            return text;
        }

        builder.AppendQuoted(home);
        return text[end..];
    }

    // In assignments bash also expands ~ after ':' (PATH-like values).
    private string ExpandTildesAfterColons(string text)
    {
        int i = text.IndexOf(":~", StringComparison.Ordinal);
        while (i >= 0)
        {
            int end = i + 2;
            if (end == text.Length || text[end] is '/' or ':')
            {
                string home = shell.LookupParameter("HOME", io) ?? "/root";
                text = text[..(i + 1)] + home + text[end..];
                end = i + 1 + home.Length;
            }

            i = text.IndexOf(":~", end, StringComparison.Ordinal);
        }

        return text;
    }

    private static string RemoveAffix(string value, GlobPattern pattern, ParameterOperator op)
    {
        switch (op)
        {
            case ParameterOperator.RemoveSmallestPrefix:
                for (int n = 0; n <= value.Length; n++)
                {
                    if (pattern.IsMatch(value[..n]))
                    {
                        return value[n..];
                    }
                }

                break;
            case ParameterOperator.RemoveLargestPrefix:
                for (int n = value.Length; n >= 0; n--)
                {
                    if (pattern.IsMatch(value[..n]))
                    {
                        return value[n..];
                    }
                }

                break;
            case ParameterOperator.RemoveSmallestSuffix:
                for (int n = value.Length; n >= 0; n--)
                {
                    if (pattern.IsMatch(value[n..]))
                    {
                        return value[..n];
                    }
                }

                break;
            default:
                for (int n = 0; n <= value.Length; n++)
                {
                    if (pattern.IsMatch(value[n..]))
                    {
                        return value[..n];
                    }
                }

                break;
        }

        return value;
    }

    private static string Replace(string value, GlobPattern pattern, string replacement, ParameterOperator op)
    {
        if (op == ParameterOperator.ReplacePrefix)
        {
            for (int n = value.Length; n >= 0; n--)
            {
                if (pattern.IsMatch(value[..n]))
                {
                    return replacement + value[n..];
                }
            }

            return value;
        }

        if (op == ParameterOperator.ReplaceSuffix)
        {
            for (int n = 0; n <= value.Length; n++)
            {
                if (pattern.IsMatch(value[n..]))
                {
                    return value[..n] + replacement;
                }
            }

            return value;
        }

        var sb = new StringBuilder();
        int i = 0;
        bool replaced = false;
        while (i < value.Length)
        {
            int matchEnd = -1;
            if (!replaced || op == ParameterOperator.ReplaceAll)
            {
                for (int end = value.Length; end > i; end--)
                {
                    if (pattern.IsMatch(value[i..end]))
                    {
                        matchEnd = end;
                        break;
                    }
                }
            }

            if (matchEnd < 0)
            {
                sb.Append(value[i]);
                i++;
                continue;
            }

            sb.Append(replacement);
            i = matchEnd;
            replaced = true;
        }

        return sb.ToString();
    }

    private string Substring(string value, ParameterPart p)
    {
        long offset = shell.EvaluateArithmetic(ExpandString(p.Argument!), io, shell.CurrentLocation);
        if (offset < 0)
        {
            offset = Math.Max(0, value.Length + offset);
        }

        if (offset > value.Length)
        {
            return "";
        }

        long length = value.Length - offset;
        if (p.Second is not null)
        {
            long requested = shell.EvaluateArithmetic(ExpandString(p.Second), io, shell.CurrentLocation);
            length = requested >= 0 ? Math.Min(requested, length) : value.Length + requested - offset;
            if (length < 0)
            {
                throw shell.Fatal(io, $"{requested}: substring expression < 0");
            }
        }

        return value.Substring((int)offset, (int)length);
    }

    // Pathname expansion over the virtual file system; sorted, hidden names only for a leading '.'.
    private List<string> Glob(string text, List<bool> quoted)
    {
        var segments = new List<(string Text, List<bool> Quoted)>();
        int start = 0;
        for (int i = 0; i <= text.Length; i++)
        {
            if (i == text.Length || text[i] == '/')
            {
                segments.Add((text[start..i], quoted.GetRange(start, i - start)));
                start = i + 1;
            }
        }

        var candidates = new List<string> { "" };
        for (int s = 0; s < segments.Count; s++)
        {
            (string segment, List<bool> segmentQuoted) = segments[s];
            bool last = s == segments.Count - 1;
            var next = new List<string>();
            foreach (string prefix in candidates)
            {
                if (segment.Length == 0)
                {
                    next.Add(prefix + (last ? "" : "/"));
                    continue;
                }

                if (!GlobPattern.ContainsWildcard(segment, segmentQuoted))
                {
                    next.Add(prefix + segment + (last ? "" : "/"));
                    continue;
                }

                string dir = prefix.Length == 0 ? shell.WorkingDirectory : VirtualFileSystem.Normalize(prefix, shell.WorkingDirectory);
                GlobPattern pattern = GlobPattern.Compile(segment, segmentQuoted);
                foreach (string name in shell.FileSystem.List(dir) ?? [])
                {
                    if (name.StartsWith('.') && !segment.StartsWith('.'))
                    {
                        continue;
                    }

                    if (pattern.IsMatch(name))
                    {
                        next.Add(prefix + name + (last ? "" : "/"));
                    }
                }
            }

            candidates = next;
        }

        return candidates
            .Where(c => shell.FileSystem.Exists(VirtualFileSystem.Normalize(c.Length == 0 ? "/" : c, shell.WorkingDirectory)))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    private sealed class Field
    {
        public StringBuilder Text { get; } = new();

        public List<bool> Quoted { get; } = [];

        /// <summary>The field exists even if empty (it had quotes: "" or "$empty").</summary>
        public bool Present { get; set; }

        public void Append(string s, bool quoted)
        {
            Text.Append(s);
            Quoted.AddRange(Enumerable.Repeat(quoted, s.Length));
        }
    }

    /// <summary>Accumulates fields as parts expand; only unquoted expansion results are split.</summary>
    private sealed class FieldBuilder(string ifs)
    {
        private readonly List<Field> _fields = [];
        private Field? _current;

        public void AppendQuoted(string s)
        {
            _current ??= new Field();
            _current.Append(s, quoted: true);
            _current.Present = true;
        }

        public void AppendLiteral(string s)
        {
            if (s.Length == 0)
            {
                return;
            }

            _current ??= new Field();
            _current.Append(s, quoted: false);
        }

        public void MarkPresent()
        {
            _current ??= new Field();
            _current.Present = true;
        }

        public void AppendExpansion(string s, bool quoted, bool split)
        {
            if (quoted)
            {
                AppendQuoted(s);
                return;
            }

            if (!split)
            {
                AppendLiteral(s);
                return;
            }

            foreach (char c in s)
            {
                if (ifs.Contains(c, StringComparison.Ordinal))
                {
                    if (char.IsWhiteSpace(c))
                    {
                        EndField();
                    }
                    else
                    {
                        _current ??= new Field();
                        _current.Present = true;
                        EndField();
                    }
                }
                else
                {
                    _current ??= new Field();
                    _current.Append(c.ToString(), quoted: false);
                }
            }
        }

        /// <summary>Ends the current field (unquoted "$@" between parameters, IFS whitespace).</summary>
        public void EndField()
        {
            if (_current is not null && (_current.Text.Length > 0 || _current.Present))
            {
                _fields.Add(_current);
            }

            _current = null;
        }

        /// <summary>Starts a new field that exists even if empty ("$@" between parameters).</summary>
        public void NewField()
        {
            _fields.Add(_current ?? new Field { Present = true });
            _current = new Field { Present = true };
        }

        public List<Field> Finish()
        {
            EndField();
            return _fields;
        }

        public string Joined() => JoinedWithQuoting().Text;

        public (string Text, List<bool> Quoted) JoinedWithQuoting()
        {
            List<Field> fields = Finish();
            var text = new StringBuilder();
            var quoted = new List<bool>();
            for (int i = 0; i < fields.Count; i++)
            {
                if (i > 0)
                {
                    text.Append(' ');
                    quoted.Add(true);
                }

                text.Append(fields[i].Text);
                quoted.AddRange(fields[i].Quoted);
            }

            return (text.ToString(), quoted);
        }
    }
}
