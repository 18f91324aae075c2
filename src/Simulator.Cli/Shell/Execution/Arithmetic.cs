using System.Globalization;

namespace Simulator.Cli.Shell.Execution;

/// <summary>An arithmetic expression bash would reject; the message is bash's, without the "FILE: line N:" prefix.</summary>
internal sealed class ArithmeticException(string message) : Exception(message);

/// <summary>
/// Shell arithmetic (<c>$(( ))</c>, <c>(( ))</c>): 64-bit integers with C operators and
/// precedence, variables by name (unset or empty is 0, a value is itself evaluated), and the
/// assignment operators. Evaluation is by recursive descent over the expanded text.
/// </summary>
internal sealed class Arithmetic
{
    private readonly string _text;
    private readonly Func<string, string?> _get;
    private readonly Action<string, string> _set;
    private readonly int _depth;
    private int _pos;
    private int _operatorStart; // bash names the last operator and what follows as the error token
    private bool _skip; // inside the branch not taken by && || ?: — parse, but change nothing

    private Arithmetic(string text, Func<string, string?> get, Action<string, string> set, int depth)
    {
        _text = text;
        _get = get;
        _set = set;
        _depth = depth;
    }

    public static long Evaluate(string text, Func<string, string?> get, Action<string, string> set) =>
        Evaluate(text, get, set, 0);

    private static long Evaluate(string text, Func<string, string?> get, Action<string, string> set, int depth)
    {
        if (depth > 32)
        {
            throw new ArithmeticException($"{text}: expression recursion level exceeded");
        }

        var parser = new Arithmetic(text, get, set, depth);
        parser.SkipSpaces();
        if (parser.AtEnd)
        {
            return 0;
        }

        long value = parser.Comma();
        parser.SkipSpaces();
        if (!parser.AtEnd)
        {
            throw parser.Error("syntax error in expression", parser.Rest);
        }

        return value;
    }

    private bool AtEnd => _pos >= _text.Length;

    private string Rest => _text[_pos..];

    private ArithmeticException Error(string what, string token) =>
        new($"{_text.TrimStart()}: {what} (error token is \"{token}\")");

    private void SkipSpaces()
    {
        while (!AtEnd && char.IsWhiteSpace(_text[_pos]))
        {
            _pos++;
        }
    }

    private bool Accept(string op)
    {
        SkipSpaces();
        if (string.CompareOrdinal(_text, _pos, op, 0, op.Length) != 0)
        {
            return false;
        }

        _operatorStart = _pos;
        _pos += op.Length;
        return true;
    }

    // Accepts op only when it is not the start of a longer operator (e.g. "<" but not "<<" or "<=").
    private bool AcceptExact(string op, params string[] longer)
    {
        SkipSpaces();
        foreach (string l in longer)
        {
            if (string.CompareOrdinal(_text, _pos, l, 0, l.Length) == 0)
            {
                return false;
            }
        }

        return Accept(op);
    }

    private long Comma()
    {
        long value = Assignment();
        while (Accept(","))
        {
            value = Assignment();
        }

        return value;
    }

    private long Assignment()
    {
        SkipSpaces();
        int start = _pos;
        string? name = TryName();
        if (name is not null)
        {
            SkipSpaces();
            foreach (string op in new[] { "=", "+=", "-=", "*=", "/=", "%=", "<<=", ">>=", "&=", "^=", "|=" })
            {
                if (string.CompareOrdinal(_text, _pos, op, 0, op.Length) == 0 &&
                    !(op == "=" && _pos + 1 < _text.Length && _text[_pos + 1] == '='))
                {
                    _pos += op.Length;
                    long rhs = Assignment();
                    long value = op == "=" ? rhs : Binary(op[..^1], Variable(name), rhs);
                    Store(name, value);
                    return value;
                }
            }
        }

        _pos = start;
        return Conditional();
    }

    private long Conditional()
    {
        long cond = Binary(0);
        if (!Accept("?"))
        {
            return cond;
        }

        bool saved = _skip;
        _skip = saved || cond == 0;
        long a = Assignment();
        _skip = saved;
        if (!Accept(":"))
        {
            throw Error("syntax error in expression", Rest);
        }

        _skip = saved || cond != 0;
        long b = Conditional();
        _skip = saved;
        return cond != 0 ? a : b;
    }

    // Binary operators by precedence level, lowest first.
    private static readonly string[][] Levels =
    [
        ["||"], ["&&"], ["|"], ["^"], ["&"], ["==", "!="], ["<=", ">=", "<", ">"], ["<<", ">>"], ["+", "-"], ["*", "/", "%"],
    ];

    private long Binary(int level)
    {
        if (level == Levels.Length)
        {
            return Power();
        }

        long left = Binary(level + 1);
        while (true)
        {
            string? op = MatchOperator(Levels[level]);
            if (op is null)
            {
                return left;
            }

            if (op is "&&" or "||")
            {
                bool saved = _skip;
                _skip = saved || (op == "&&" ? left == 0 : left != 0);
                long right = Binary(level + 1);
                _skip = saved;
                left = op == "&&" ? (left != 0 && right != 0 ? 1 : 0) : (left != 0 || right != 0 ? 1 : 0);
                continue;
            }

            left = Binary(op, left, Binary(level + 1));
        }
    }

    private string? MatchOperator(string[] ops)
    {
        foreach (string op in ops)
        {
            bool matched = op switch
            {
                "|" => AcceptExact("|", "||", "|="),
                "&" => AcceptExact("&", "&&", "&="),
                "^" => AcceptExact("^", "^="),
                "<" => AcceptExact("<", "<<", "<="),
                ">" => AcceptExact(">", ">>", ">="),
                "<<" => AcceptExact("<<", "<<="),
                ">>" => AcceptExact(">>", ">>="),
                "+" => AcceptExact("+", "++", "+="),
                "-" => AcceptExact("-", "--", "-="),
                "*" => AcceptExact("*", "**", "*="),
                "/" => AcceptExact("/", "/="),
                "%" => AcceptExact("%", "%="),
                _ => Accept(op),
            };
            if (matched)
            {
                return op;
            }
        }

        return null;
    }

    private long Binary(string op, long a, long b)
    {
        switch (op)
        {
            case "+": return a + b;
            case "-": return a - b;
            case "*": return a * b;
            case "/" or "%":
                if (b == 0)
                {
                    if (_skip)
                    {
                        return 0;
                    }

                    throw Error("division by 0", Rest.Length > 0 ? Rest.Trim() : "0");
                }

                return op == "/" ? a / b : a % b;
            case "<<": return a << (int)b;
            case ">>": return a >> (int)b;
            case "<": return a < b ? 1 : 0;
            case "<=": return a <= b ? 1 : 0;
            case ">": return a > b ? 1 : 0;
            case ">=": return a >= b ? 1 : 0;
            case "==": return a == b ? 1 : 0;
            case "!=": return a != b ? 1 : 0;
            case "&": return a & b;
            case "^": return a ^ b;
            case "|": return a | b;
            default: throw Error("syntax error: invalid arithmetic operator", op);
        }
    }

    private long Power()
    {
        long b = Unary();
        if (Accept("**"))
        {
            long e = Power();
            if (e < 0)
            {
                throw Error("exponent less than 0", e.ToString(CultureInfo.InvariantCulture));
            }

            long r = 1;
            for (long i = 0; i < e; i++)
            {
                r *= b;
            }

            return r;
        }

        return b;
    }

    private long Unary()
    {
        SkipSpaces();
        if (Accept("++") || Accept("--"))
        {
            bool inc = _text[_pos - 1] == '+';
            SkipSpaces();
            string name = TryName() ?? throw Error("syntax error: operand expected", Rest);
            long value = Variable(name) + (inc ? 1 : -1);
            Store(name, value);
            return value;
        }

        if (Accept("!"))
        {
            return Unary() == 0 ? 1 : 0;
        }

        if (Accept("~"))
        {
            return ~Unary();
        }

        if (Accept("-"))
        {
            return -Unary();
        }

        if (Accept("+"))
        {
            return Unary();
        }

        return Postfix();
    }

    private long Postfix()
    {
        SkipSpaces();
        if (AtEnd)
        {
            throw Error("syntax error: operand expected", _text[_operatorStart..].TrimStart());
        }

        if (Accept("("))
        {
            long inner = Comma();
            if (!Accept(")"))
            {
                throw Error("missing `)'", Rest);
            }

            return inner;
        }

        if (char.IsAsciiDigit(_text[_pos]))
        {
            return Number();
        }

        string? name = TryName();
        if (name is null)
        {
            throw Error("syntax error: operand expected", Rest);
        }

        long value = Variable(name);
        if (Accept("++") || Accept("--"))
        {
            Store(name, value + (_text[_pos - 1] == '+' ? 1 : -1));
        }

        return value;
    }

    private long Number()
    {
        int start = _pos;
        while (!AtEnd && (char.IsAsciiLetterOrDigit(_text[_pos]) || _text[_pos] is '#' or '_' or '@'))
        {
            _pos++;
        }

        string token = _text[start.._pos];
        try
        {
            if (token.Contains('#', StringComparison.Ordinal))
            {
                string[] bp = token.Split('#', 2);
                return ParseInBase(bp[1], int.Parse(bp[0], CultureInfo.InvariantCulture), token);
            }

            if (token.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
            {
                return ParseInBase(token[2..], 16, token);
            }

            if (token.Length > 1 && token[0] == '0')
            {
                return ParseInBase(token[1..], 8, token);
            }

            return ParseInBase(token, 10, token);
        }
        catch (FormatException)
        {
            throw Error("value too great for base", token);
        }
    }

    private long ParseInBase(string digits, int radix, string token)
    {
        if (digits.Length == 0 || radix is < 2 or > 64)
        {
            throw Error("invalid number", token);
        }

        long value = 0;
        foreach (char c in digits)
        {
            int d = c switch
            {
                >= '0' and <= '9' => c - '0',
                >= 'a' and <= 'z' => c - 'a' + 10,
                >= 'A' and <= 'Z' => radix <= 36 ? c - 'A' + 10 : c - 'A' + 36,
                '@' => 62,
                '_' => 63,
                _ => 99,
            };
            if (d >= radix)
            {
                throw Error("value too great for base", token);
            }

            value = (value * radix) + d;
        }

        return value;
    }

    private string? TryName()
    {
        if (AtEnd || !(char.IsAsciiLetter(_text[_pos]) || _text[_pos] == '_'))
        {
            return null;
        }

        int start = _pos;
        while (!AtEnd && (char.IsAsciiLetterOrDigit(_text[_pos]) || _text[_pos] == '_'))
        {
            _pos++;
        }

        return _text[start.._pos];
    }

    private long Variable(string name)
    {
        string? value = _get(name);
        if (string.IsNullOrWhiteSpace(value))
        {
            return 0;
        }

        return Evaluate(value.Trim(), _get, _set, _depth + 1);
    }

    private void Store(string name, long value)
    {
        if (!_skip)
        {
            _set(name, value.ToString(CultureInfo.InvariantCulture));
        }
    }
}
