using System.Globalization;
using System.Text.RegularExpressions;
using Simulator.Cli.Shell.Syntax;

namespace Simulator.Cli.Shell.Execution;

/// <summary>A <c>test</c> expression bash rejects; status 2.</summary>
internal sealed class TestSyntaxException(string message) : Exception(message);

/// <summary>The unary and binary primaries shared by <c>test</c>/<c>[</c> and <c>[[ ]]</c>.</summary>
internal static class TestPrimaries
{
    private static readonly HashSet<string> UnaryOperators = new(StringComparer.Ordinal)
    {
        "-e", "-a", "-f", "-d", "-s", "-r", "-w", "-x", "-L", "-h", "-b", "-c", "-p", "-S", "-g", "-u", "-k", "-O", "-G", "-N",
        "-z", "-n", "-t", "-v", "-o",
    };

    private static readonly HashSet<string> BinaryOperators = new(StringComparer.Ordinal)
    {
        "=", "==", "!=", "<", ">", "-eq", "-ne", "-lt", "-le", "-gt", "-ge", "-nt", "-ot", "-ef",
    };

    public static bool IsUnary(string op) => UnaryOperators.Contains(op);

    public static bool IsBinary(string op) => BinaryOperators.Contains(op);

    public static bool Unary(ShellInterpreter shell, string op, string operand, string? ns)
    {
        switch (op)
        {
            case "-z":
                return operand.Length == 0;
            case "-n":
                return operand.Length > 0;
            case "-v":
                return shell.GetVariable(operand) is not null;
            case "-t" or "-o" or "-L" or "-h" or "-b" or "-p" or "-S" or "-g" or "-u" or "-k" or "-N":
                return false;
            case "-c":
                return operand == "/dev/null";
        }

        PathKind kind = operand.Length == 0 ? PathKind.Missing : shell.Stat(operand, ns);
        return op switch
        {
            "-e" or "-a" or "-r" or "-w" or "-O" or "-G" => kind != PathKind.Missing,
            "-f" => kind == PathKind.File,
            "-d" => kind == PathKind.Directory,
            "-x" => kind == PathKind.Directory || (kind == PathKind.File && shell.FileSystem.IsExecutable(shell.ResolvePath(operand, ns))),
            "-s" => kind == PathKind.Directory ||
                    (kind == PathKind.File && (shell.ReadFile(operand, ns, TextReader.Null, out _)?.Length ?? 0) > 0),
            _ => false,
        };
    }

    /// <summary>String and integer comparisons; <paramref name="integer"/> parses an operand of -eq and friends.</summary>
    public static bool Binary(string left, string op, string right, Func<string, long> integer) => op switch
    {
        "=" or "==" => left == right,
        "!=" => left != right,
        "<" => string.CompareOrdinal(left, right) < 0,
        ">" => string.CompareOrdinal(left, right) > 0,
        "-eq" => integer(left) == integer(right),
        "-ne" => integer(left) != integer(right),
        "-lt" => integer(left) < integer(right),
        "-le" => integer(left) <= integer(right),
        "-gt" => integer(left) > integer(right),
        "-ge" => integer(left) >= integer(right),
        _ => false,
    };

    /// <summary>An integer as <c>test</c> reads it: optional blanks and sign, decimal digits.</summary>
    public static long ParseInteger(string s)
    {
        string t = s.Trim();
        if (long.TryParse(t, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value))
        {
            return value;
        }

        throw new TestSyntaxException($"{s}: integer expression expected");
    }
}

/// <summary>
/// <c>test</c> and <c>[</c>: POSIX's rules by argument count (so <c>[ -n ]</c> is a one-argument
/// test of the string "-n"), then a recursive-descent parse with <c>!</c>, <c>-a</c>, <c>-o</c>
/// and parentheses.
/// </summary>
internal sealed class TestCommand(ShellInterpreter shell, IReadOnlyList<string> args, string? ns)
{
    private int _pos;

    /// <summary>0 true, 1 false; throws <see cref="TestSyntaxException"/> for status 2.</summary>
    public int Evaluate() => Evaluate(0, args.Count) ? 0 : 1;

    private bool Evaluate(int start, int end)
    {
        int n = end - start;
        string At(int i) => args[start + i];
        switch (n)
        {
            case 0:
                return false;
            case 1:
                return At(0).Length > 0;
            case 2:
                if (At(0) == "!")
                {
                    return At(1).Length == 0;
                }

                if (TestPrimaries.IsUnary(At(0)))
                {
                    return TestPrimaries.Unary(shell, At(0), At(1), ns);
                }

                throw new TestSyntaxException($"{At(0)}: unary operator expected");
            case 3:
                if (TestPrimaries.IsBinary(At(1)))
                {
                    return TestPrimaries.Binary(At(0), At(1), At(2), TestPrimaries.ParseInteger);
                }

                if (At(1) is "-a" or "-o")
                {
                    break;
                }

                if (At(0) == "!")
                {
                    return !Evaluate(start + 1, end);
                }

                if (At(0) == "(" && At(2) == ")")
                {
                    return At(1).Length > 0;
                }

                throw new TestSyntaxException($"{At(1)}: binary operator expected");
            case 4:
                if (At(0) == "!")
                {
                    return !Evaluate(start + 1, end);
                }

                if (At(0) == "(" && At(3) == ")")
                {
                    return Evaluate(start + 1, end - 1);
                }

                break;
        }

        _pos = start;
        bool result = Or(end);
        if (_pos != end)
        {
            throw new TestSyntaxException("too many arguments");
        }

        return result;
    }

    private bool Or(int end)
    {
        bool value = And(end);
        while (_pos < end && args[_pos] == "-o")
        {
            _pos++;
            value |= And(end);
        }

        return value;
    }

    private bool And(int end)
    {
        bool value = Not(end);
        while (_pos < end && args[_pos] == "-a")
        {
            _pos++;
            value &= Not(end);
        }

        return value;
    }

    private bool Not(int end)
    {
        if (_pos < end && args[_pos] == "!")
        {
            _pos++;
            return !Not(end);
        }

        return Primary(end);
    }

    private bool Primary(int end)
    {
        if (_pos >= end)
        {
            throw new TestSyntaxException("argument expected");
        }

        string a = args[_pos];
        if (a == "(")
        {
            _pos++;
            bool inner = Or(end);
            if (_pos >= end || args[_pos] != ")")
            {
                throw new TestSyntaxException("`)' expected");
            }

            _pos++;
            return inner;
        }

        if (_pos + 2 < end && TestPrimaries.IsBinary(args[_pos + 1]))
        {
            bool r = TestPrimaries.Binary(a, args[_pos + 1], args[_pos + 2], TestPrimaries.ParseInteger);
            _pos += 3;
            return r;
        }

        if (TestPrimaries.IsUnary(a) && _pos + 1 < end)
        {
            bool r = TestPrimaries.Unary(shell, a, args[_pos + 1], ns);
            _pos += 2;
            return r;
        }

        _pos++;
        return a.Length > 0;
    }
}

/// <summary>
/// <c>[[ ... ]]</c>: operands are expanded without splitting or globbing, the right side of
/// <c>==</c>/<c>!=</c> is a pattern, <c>=~</c> an extended regular expression, and the integer
/// operators evaluate arithmetic. Traced like bash, one <c>[[ ... ]]</c> line per primary.
/// </summary>
internal sealed class ConditionalExpression(ShellInterpreter shell, Io io, ConditionalCommand command)
{
    private readonly IReadOnlyList<ConditionToken> _tokens = command.Tokens;
    private readonly WordExpander _expander = new(shell, io);
    private int _pos;

    public int Evaluate()
    {
        try
        {
            _pos = 0;
            bool value = Or(evaluate: true);
            if (_pos != _tokens.Count)
            {
                throw new TestSyntaxException("syntax error in conditional expression");
            }

            return value ? 0 : 1;
        }
        catch (TestSyntaxException e)
        {
            shell.ReportError(io, command.Location, e.Message);
            return 2;
        }
    }

    private bool Or(bool evaluate)
    {
        bool value = And(evaluate);
        while (Peek(ConditionTokenKind.Or))
        {
            _pos++;
            bool right = And(evaluate && !value);
            value = value || right;
        }

        return value;
    }

    private bool And(bool evaluate)
    {
        bool value = Not(evaluate);
        while (Peek(ConditionTokenKind.And))
        {
            _pos++;
            bool right = Not(evaluate && value);
            value = value && right;
        }

        return value;
    }

    private bool Not(bool evaluate, string negations = "")
    {
        if (Peek(ConditionTokenKind.Not))
        {
            _pos++;
            return !Not(evaluate, negations + "! ");
        }

        if (Peek(ConditionTokenKind.Open))
        {
            _pos++;
            bool inner = Or(evaluate);
            if (!Peek(ConditionTokenKind.Close))
            {
                throw new TestSyntaxException("syntax error in conditional expression");
            }

            _pos++;
            return inner;
        }

        return Primary(evaluate, negations);
    }

    private bool Peek(ConditionTokenKind kind) => _pos < _tokens.Count && _tokens[_pos].Kind == kind;

    private Word? WordAt(int i) =>
        i < _tokens.Count && _tokens[i].Kind == ConditionTokenKind.Word ? _tokens[i].Word : null;

    // bash traces a negated primary with its '!': "[[ ! -z x ]]".
    private bool Primary(bool evaluate, string negations)
    {
        Word first = WordAt(_pos) ?? throw new TestSyntaxException("syntax error in conditional expression");
        Word? op = WordAt(_pos + 1);
        Word? third = WordAt(_pos + 2);
        string? opText = op?.PlainText ?? (op?.Parts is [QuotedPart { Text: "<" or ">" } q] ? q.Text : null);
        if (opText is not null && third is not null && (TestPrimaries.IsBinary(opText) || opText == "=~"))
        {
            _pos += 3;
            if (!evaluate)
            {
                return false;
            }

            string left = _expander.ExpandString(first);
            string rightText = _expander.ExpandString(third);
            if (shell.Trace)
            {
                // bash shows the left side as is and the right side with its quoted characters backslashed.
                (string text, List<bool> quoted) = _expander.ExpandPatternText(third);
                var shown = new System.Text.StringBuilder();
                for (int i = 0; i < text.Length; i++)
                {
                    shown.Append(quoted[i] && opText is "==" or "=" or "!=" or "=~" ? "\\" + text[i] : text[i].ToString());
                }

                shell.TraceLine(io, $"[[ {negations}{Shown(left)} {opText} {Shown(shown.ToString())} ]]");
            }

            switch (opText)
            {
                case "==" or "=" or "!=":
                    bool match = _expander.ExpandPattern(third).IsMatch(left);
                    return opText == "!=" ? !match : match;
                case "=~":
                    try
                    {
                        return Regex.IsMatch(left, RegexTranslator.FromExtended(rightText), RegexOptions.CultureInvariant);
                    }
                    catch (ArgumentException)
                    {
                        return false;
                    }

                default:
                    return TestPrimaries.Binary(left, opText, rightText, Arithmetic);
            }
        }

        if (first.PlainText is { } unary && TestPrimaries.IsUnary(unary) && op is not null)
        {
            _pos += 2;
            if (!evaluate)
            {
                return false;
            }

            string operand = _expander.ExpandString(op);
            Trace($"{negations}{unary} {Shown(operand)}");
            return TestPrimaries.Unary(shell, unary, operand, shell.Namespace);
        }

        _pos++;
        if (!evaluate)
        {
            return false;
        }

        string value = _expander.ExpandString(first);
        Trace(negations + "-n " + Shown(value));
        return value.Length > 0;
    }

    private long Arithmetic(string text) => shell.EvaluateArithmetic(text, io, command.Location);

    private void Trace(string text)
    {
        if (shell.Trace)
        {
            shell.TraceLine(io, "[[ " + text + " ]]");
        }
    }

    private static string Shown(string word) => word.Length == 0 ? "''" : word;
}
