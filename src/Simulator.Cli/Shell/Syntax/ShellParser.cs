namespace Simulator.Cli.Shell.Syntax;

/// <summary>
/// Recursive-descent parser for the bash subset. Like bash it is incremental:
/// <see cref="ParseNextStatement"/> reads one complete command (up to the newline that ends it),
/// so the caller runs each statement before the next is parsed, and a syntax error on line N
/// stops the script only after lines 1..N-1 have run.
/// </summary>
internal sealed class ShellParser
{
    private static readonly string[] NotCommandStarts = ["then", "else", "elif", "fi", "do", "done", "}", "in", "esac"];

    private readonly ShellLexer _lexer;
    private Token? _peeked;

    public ShellParser(ShellLexer lexer)
    {
        _lexer = lexer;
    }

    public ShellParser(string text, string file)
        : this(new ShellLexer(new SourceReader(text), file, []))
    {
    }

    /// <summary>Warnings met while parsing (here-document ended by end of file).</summary>
    public List<string> Warnings => _lexer.Warnings;

    private string File => _lexer.File;

    /// <summary>The next top-level statement, or null at end of input.</summary>
    public Statement? ParseNextStatement()
    {
        while (Peek().Kind == TokenKind.Newline)
        {
            Consume();
        }

        Token first = Peek();
        if (first.Kind == TokenKind.EndOfInput)
        {
            return null;
        }

        CommandList body = ParseLineList();
        Token end = Peek();
        if (end.Kind == TokenKind.Newline)
        {
            Consume();
        }
        else if (end.Kind != TokenKind.EndOfInput)
        {
            throw Unexpected(end);
        }

        int endLine = Math.Max(_lexer.Reader.LastReadLine, first.StartLine);
        endLine = Math.Max(endLine, _lexer.HereDocumentEndLine);
        return new Statement(body, first.StartLine, endLine);
    }

    /// <summary>All statements, as one list (the body of a backquoted substitution).</summary>
    public CommandList ParseAll()
    {
        var items = new List<(AndOrList, bool)>();
        while (ParseNextStatement() is { } statement)
        {
            items.AddRange(statement.Body.Items);
        }

        return new CommandList(items);
    }

    /// <summary>The body of <c>$( ... )</c>, after the opening parenthesis, through the closing one.</summary>
    public CommandList ParseCommandSubstitution()
    {
        SkipNewlines();
        if (Peek().IsOperator(")"))
        {
            Consume();
            return new CommandList([]);
        }

        CommandList body = ParseCompoundList(")");
        Token close = Consume();
        if (!close.IsOperator(")"))
        {
            throw close.Kind == TokenKind.EndOfInput
                ? ShellSyntaxException.UnmatchedQuote(')', close.StartLine)
                : Unexpected(close);
        }

        return body;
    }

    private Token Peek() => _peeked ??= _lexer.Next();

    private Token Consume()
    {
        Token t = Peek();
        _peeked = null;
        return t;
    }

    private void SkipNewlines()
    {
        while (Peek().Kind == TokenKind.Newline)
        {
            Consume();
        }
    }

    private ShellSyntaxException Unexpected(Token t)
    {
        if (t.Kind == TokenKind.EndOfInput)
        {
            return ShellSyntaxException.UnexpectedEof(t.StartLine);
        }

        return new ShellSyntaxException(
            $"syntax error near unexpected token `{t.Display}'", t.StartLine, _lexer.Reader.LineText(t.StartLine));
    }

    private void Expect(string reserved)
    {
        Token t = Consume();
        if (!t.IsReserved(reserved))
        {
            throw Unexpected(t);
        }
    }

    // and_or ((';' | '&') and_or)* up to the end of the line.
    private CommandList ParseLineList()
    {
        var items = new List<(AndOrList, bool)>();
        while (true)
        {
            AndOrList command = ParseAndOr();
            Token t = Peek();
            bool background = t.IsOperator("&");
            if (background || t.IsOperator(";"))
            {
                Consume();
                items.Add((command, background));
                if (Peek().Kind is TokenKind.Newline or TokenKind.EndOfInput)
                {
                    return new CommandList(items);
                }

                continue;
            }

            items.Add((command, false));
            return new CommandList(items);
        }
    }

    // A list inside a compound command: newlines separate commands; it ends before a closing word.
    private CommandList ParseCompoundList(params string[] terminators)
    {
        var items = new List<(AndOrList, bool)>();
        SkipNewlines();
        while (true)
        {
            Token t = Peek();
            if (IsTerminator(t, terminators))
            {
                if (items.Count == 0)
                {
                    throw Unexpected(t);
                }

                return new CommandList(items);
            }

            AndOrList command = ParseAndOr();
            t = Peek();
            bool background = t.IsOperator("&");
            if (background || t.IsOperator(";"))
            {
                Consume();
                SkipNewlines();
            }
            else if (t.Kind == TokenKind.Newline)
            {
                SkipNewlines();
            }
            else if (!IsTerminator(t, terminators))
            {
                throw Unexpected(t);
            }

            items.Add((command, background));
        }
    }

    private static bool IsTerminator(Token t, string[] terminators)
    {
        if (t.Kind == TokenKind.EndOfInput)
        {
            return false;
        }

        foreach (string term in terminators)
        {
            if (term == ")" ? t.IsOperator(")") : t.IsReserved(term))
            {
                return true;
            }
        }

        return false;
    }

    private AndOrList ParseAndOr()
    {
        Pipeline first = ParsePipeline();
        var rest = new List<(AndOrOperator, Pipeline)>();
        while (true)
        {
            Token t = Peek();
            AndOrOperator op;
            if (t.IsOperator("&&"))
            {
                op = AndOrOperator.And;
            }
            else if (t.IsOperator("||"))
            {
                op = AndOrOperator.Or;
            }
            else
            {
                return new AndOrList(first, rest);
            }

            Consume();
            SkipNewlines();
            rest.Add((op, ParsePipeline()));
        }
    }

    private Pipeline ParsePipeline()
    {
        bool negated = false;
        while (true)
        {
            Token t = Peek();
            if (t.IsReserved("!"))
            {
                Consume();
                negated = !negated;
            }
            else if (t.IsReserved("time"))
            {
                throw ShellSyntaxException.Unsupported("time", t.StartLine);
            }
            else
            {
                break;
            }
        }

        var commands = new List<Command> { ParseCommand() };
        while (Peek().IsOperator("|") || Peek().IsOperator("|&"))
        {
            Token pipe = Consume();
            if (pipe.Text == "|&")
            {
                // "|&" is "2>&1 |", applied after the command's own redirections.
                Command previous = commands[^1];
                previous.Redirections.Add(new Redirection(2, RedirectionKind.Duplicate, Word.Literal("1", pipe.StartLine)));
            }

            SkipNewlines();
            commands.Add(ParseCommand());
        }

        return new Pipeline(negated, commands);
    }

    private Command ParseCommand()
    {
        Token t = Peek();
        Command command;
        if (t.Kind == TokenKind.Word && t.Word!.PlainText is { } word)
        {
            switch (word)
            {
                case "if":
                    command = ParseIf();
                    break;
                case "while" or "until":
                    command = ParseWhile();
                    break;
                case "for":
                    command = ParseFor();
                    break;
                case "{":
                    Consume();
                    command = new GroupCommand(Here(t), ParseCompoundList("}"));
                    Expect("}");
                    break;
                case "function":
                    return ParseFunctionKeyword();
                case "[[":
                    command = ParseConditional();
                    break;
                case "case":
                    throw ShellSyntaxException.Unsupported("case statement", t.StartLine);
                case "select":
                    throw ShellSyntaxException.Unsupported("select statement", t.StartLine);
                case "coproc":
                    throw ShellSyntaxException.Unsupported("coproc", t.StartLine);
                default:
                    if (NotCommandStarts.Contains(word))
                    {
                        throw Unexpected(t);
                    }

                    return ParseSimpleCommand();
            }
        }
        else if (t.IsOperator("("))
        {
            Consume();
            if (_lexer.Reader.Peek() == '(')
            {
                command = new ArithmeticCommand(Here(t), _lexer.ReadArithmeticCommand());
            }
            else
            {
                CommandList body = ParseCompoundList(")");
                Token close = Consume();
                if (!close.IsOperator(")"))
                {
                    throw Unexpected(close);
                }

                command = new SubshellCommand(Here(t), body);
            }
        }
        else if (t.Kind is TokenKind.Word or TokenKind.IoNumber || IsRedirectionOperator(t))
        {
            return ParseSimpleCommand();
        }
        else
        {
            throw Unexpected(t);
        }

        while (IsRedirectionStart(Peek()))
        {
            command.Redirections.Add(ParseRedirection());
        }

        return command;
    }

    private SourceLocation Here(Token t) => new(File, t.StartLine);

    private Command ParseSimpleCommand()
    {
        SimpleCommand? command = null;
        var assignments = new List<Assignment>();
        var words = new List<Word>();
        var redirections = new List<Redirection>();
        int line = 0;
        while (true)
        {
            Token t = Peek();
            if (IsRedirectionStart(t))
            {
                redirections.Add(ParseRedirection());
            }
            else if (t.Kind == TokenKind.Word)
            {
                Consume();
                if (words.Count == 0 && TryParseAssignment(t.Word!) is { } assignment)
                {
                    assignments.Add(assignment);
                }
                else
                {
                    words.Add(t.Word!);
                }

                if (words.Count == 1 && assignments.Count == 0 && redirections.Count == 0 && Peek().IsOperator("("))
                {
                    return ParseFunctionAfterName(t);
                }
            }
            else
            {
                break;
            }

            // bash dates a simple command by the line its reader was on when the first element was
            // complete, i.e. after the token that follows it ("a \<newline> b" is reported on b's line).
            if (line == 0)
            {
                line = Peek().Kind == TokenKind.Newline ? Peek().StartLine : Peek().EndLine;
            }
        }

        if (assignments.Count + words.Count + redirections.Count == 0)
        {
            throw Unexpected(Peek());
        }

        command = new SimpleCommand(new SourceLocation(File, line));
        command.Assignments.AddRange(assignments);
        command.Words.AddRange(words);
        command.Redirections.AddRange(redirections);
        return command;
    }

    private static Assignment? TryParseAssignment(Word word)
    {
        if (word.Parts.Count == 0 || word.Parts[0] is not LiteralPart first)
        {
            return null;
        }

        int bracket = first.Text.IndexOf('[', StringComparison.Ordinal);
        if (bracket > 0 && ShellLexer.IsName(first.Text[..bracket]) && word.Raw.Contains("]=", StringComparison.Ordinal) &&
            word.Raw.IndexOf("]=", StringComparison.Ordinal) < word.Raw.IndexOf('=', StringComparison.Ordinal) + 1)
        {
            throw ShellSyntaxException.Unsupported("arrays", word.Line);
        }

        int eq = first.Text.IndexOf('=', StringComparison.Ordinal);
        if (eq <= 0)
        {
            return null;
        }

        bool append = first.Text[eq - 1] == '+';
        string name = first.Text[..(append ? eq - 1 : eq)];
        if (!ShellLexer.IsName(name))
        {
            return null;
        }

        var valueParts = new List<WordPart>();
        string rest = first.Text[(eq + 1)..];
        if (rest.Length > 0)
        {
            valueParts.Add(new LiteralPart(rest));
        }

        valueParts.AddRange(word.Parts.Skip(1));
        return new Assignment(name, new Word(valueParts, word.Raw[(word.Raw.IndexOf('=', StringComparison.Ordinal) + 1)..], word.Line), append);
    }

    private FunctionDefinition ParseFunctionAfterName(Token nameToken)
    {
        Consume();
        Token close = Consume();
        if (!close.IsOperator(")"))
        {
            throw Unexpected(close);
        }

        return FinishFunction(nameToken);
    }

    // "function name { ... }" or "function name() { ... }".
    private FunctionDefinition ParseFunctionKeyword()
    {
        Consume();
        Token name = Consume();
        if (name.Kind != TokenKind.Word)
        {
            throw Unexpected(name);
        }

        if (Peek().IsOperator("("))
        {
            Consume();
            Token close = Consume();
            if (!close.IsOperator(")"))
            {
                throw Unexpected(close);
            }
        }

        return FinishFunction(name);
    }

    private FunctionDefinition FinishFunction(Token nameToken)
    {
        string? name = nameToken.Word!.PlainText;
        if (name is null || name.Length == 0 || name.Contains('$', StringComparison.Ordinal))
        {
            throw new ShellSyntaxException($"`{nameToken.Text}': not a valid identifier", nameToken.StartLine);
        }

        SkipNewlines();
        Token t = Peek();
        Command body = ParseCommand();
        if (body is SimpleCommand)
        {
            throw Unexpected(t);
        }

        return new FunctionDefinition(new SourceLocation(File, nameToken.StartLine), name, body);
    }

    private IfCommand ParseIf()
    {
        Token ifToken = Consume();
        var command = new IfCommand(Here(ifToken));
        CommandList condition = ParseCompoundList("then");
        Expect("then");
        CommandList body = ParseCompoundList("elif", "else", "fi");
        command.Clauses.Add((condition, body));
        while (true)
        {
            Token t = Consume();
            if (t.IsReserved("elif"))
            {
                condition = ParseCompoundList("then");
                Expect("then");
                body = ParseCompoundList("elif", "else", "fi");
                command.Clauses.Add((condition, body));
            }
            else if (t.IsReserved("else"))
            {
                command.ElseBody = ParseCompoundList("fi");
                Expect("fi");
                return command;
            }
            else if (t.IsReserved("fi"))
            {
                return command;
            }
            else
            {
                throw Unexpected(t);
            }
        }
    }

    private WhileCommand ParseWhile()
    {
        Token keyword = Consume();
        CommandList condition = ParseCompoundList("do");
        Expect("do");
        CommandList body = ParseCompoundList("done");
        Expect("done");
        return new WhileCommand(Here(keyword), keyword.Word!.PlainText == "until", condition, body);
    }

    private ForCommand ParseFor()
    {
        Token keyword = Consume();
        if (Peek().IsOperator("("))
        {
            throw ShellSyntaxException.Unsupported("C-style for loop", keyword.StartLine);
        }

        Token nameToken = Consume();
        if (nameToken.Kind != TokenKind.Word)
        {
            throw Unexpected(nameToken);
        }

        string? name = nameToken.Word!.PlainText;
        if (name is null || !ShellLexer.IsName(name))
        {
            throw new ShellSyntaxException($"`{nameToken.Text}': not a valid identifier", nameToken.StartLine);
        }

        List<Word>? words = null;
        SkipNewlines();
        if (Peek().IsReserved("in"))
        {
            Consume();
            words = [];
            while (Peek().Kind == TokenKind.Word)
            {
                words.Add(Consume().Word!);
            }

            Token end = Consume();
            if (!end.IsOperator(";") && end.Kind != TokenKind.Newline)
            {
                throw Unexpected(end);
            }
        }
        else if (Peek().IsOperator(";"))
        {
            Consume();
        }

        SkipNewlines();
        Expect("do");
        CommandList body = ParseCompoundList("done");
        Expect("done");
        string header = words is null
            ? $"for {name} in \"$@\""
            : $"for {name} in {string.Join(' ', words.Select(w => w.Raw))}";
        return new ForCommand(Here(keyword), name, words, body, header);
    }

    private ConditionalCommand ParseConditional()
    {
        Token open = Consume();
        var tokens = new List<ConditionToken>();
        bool regexNext = false;
        while (true)
        {
            Token t = regexNext ? ConsumeRegexWord() : Consume();
            regexNext = false;
            if (t.Kind == TokenKind.Newline)
            {
                continue;
            }

            if (t.Kind == TokenKind.EndOfInput)
            {
                throw Unexpected(t);
            }

            if (t.IsReserved("]]"))
            {
                break;
            }

            ConditionToken token = t switch
            {
                { Kind: TokenKind.Operator, Text: "&&" } => new ConditionToken(ConditionTokenKind.And),
                { Kind: TokenKind.Operator, Text: "||" } => new ConditionToken(ConditionTokenKind.Or),
                { Kind: TokenKind.Operator, Text: "(" } => new ConditionToken(ConditionTokenKind.Open),
                { Kind: TokenKind.Operator, Text: ")" } => new ConditionToken(ConditionTokenKind.Close),
                { Kind: TokenKind.Operator, Text: "<" or ">" } =>
                    new ConditionToken(ConditionTokenKind.Word, Word.Literal(t.Text, t.StartLine)),
                { Kind: TokenKind.Word } when t.IsReserved("!") => new ConditionToken(ConditionTokenKind.Not),
                { Kind: TokenKind.Word } => new ConditionToken(ConditionTokenKind.Word, t.Word),
                _ => throw Unexpected(t),
            };
            regexNext = t.IsReserved("=~");
            tokens.Add(token);
        }

        if (tokens.Count == 0)
        {
            throw Unexpected(new Token(TokenKind.Word, "]]", open.StartLine, open.StartLine));
        }

        return new ConditionalCommand(Here(open), tokens);
    }

    private Token ConsumeRegexWord()
    {
        if (_peeked is not null)
        {
            return Consume();
        }

        return _lexer.NextConditionRegex();
    }

    private static bool IsRedirectionOperator(Token t) =>
        t.Kind == TokenKind.Operator && t.Text is "<" or ">" or ">>" or ">|" or "<>" or "<&" or ">&" or "&>" or "&>>"
            or "<<" or "<<-" or "<<<";

    private static bool IsRedirectionStart(Token t) => t.Kind == TokenKind.IoNumber || IsRedirectionOperator(t);

    private Redirection ParseRedirection()
    {
        int? fd = null;
        Token t = Consume();
        if (t.Kind == TokenKind.IoNumber)
        {
            fd = int.Parse(t.Text, System.Globalization.CultureInfo.InvariantCulture);
            t = Consume();
            if (!IsRedirectionOperator(t))
            {
                throw Unexpected(t);
            }
        }

        Token target = Consume();
        if (target.Kind != TokenKind.Word)
        {
            throw Unexpected(target);
        }

        Word word = target.Word!;
        switch (t.Text)
        {
            case "<<" or "<<-":
                string raw = word.Raw;
                bool quoted = raw.IndexOfAny(['\'', '"', '\\']) >= 0;
                string delimiter = RemoveQuotes(raw);
                var doc = new HereDocument(delimiter, quoted, t.Text == "<<-", t.StartLine);
                _lexer.AddHereDocument(doc);
                return new Redirection(fd ?? 0, RedirectionKind.HereDocument, null, doc);
            case "<<<":
                return new Redirection(fd ?? 0, RedirectionKind.HereString, word);
            case "<":
                return new Redirection(fd ?? 0, RedirectionKind.Input, word);
            case "<>":
                return new Redirection(fd ?? 0, RedirectionKind.ReadWrite, word);
            case ">" or ">|":
                return new Redirection(fd ?? 1, RedirectionKind.Output, word);
            case ">>":
                return new Redirection(fd ?? 1, RedirectionKind.Append, word);
            case "&>":
                return new Redirection(-1, RedirectionKind.OutputAndError, word);
            case "&>>":
                return new Redirection(-1, RedirectionKind.AppendOutputAndError, word);
            case "<&":
                return new Redirection(fd ?? 0, RedirectionKind.Duplicate, word);
            default:
                // ">&word": a descriptor or "-" duplicates or closes; anything else is "&>word".
                if (fd is null && word.PlainText is { } text && !text.All(char.IsAsciiDigit) && text != "-")
                {
                    return new Redirection(-1, RedirectionKind.OutputAndError, word);
                }

                return new Redirection(fd ?? 1, RedirectionKind.Duplicate, word);
        }
    }

    private static string RemoveQuotes(string raw)
    {
        var sb = new System.Text.StringBuilder();
        char quote = '\0';
        for (int i = 0; i < raw.Length; i++)
        {
            char c = raw[i];
            if (quote != '\0')
            {
                if (c == quote)
                {
                    quote = '\0';
                }
                else
                {
                    sb.Append(c);
                }
            }
            else if (c is '\'' or '"')
            {
                quote = c;
            }
            else if (c == '\\' && i + 1 < raw.Length)
            {
                sb.Append(raw[++i]);
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }
}
