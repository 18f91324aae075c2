using System.Text;
using System.Text.RegularExpressions;

namespace Simulator.Cli.Shell.Execution;

/// <summary>
/// A shell pattern (<c>*</c>, <c>?</c>, <c>[...]</c>) as used by pathname expansion,
/// <c>${x#pattern}</c> and <c>[[ x == pattern ]]</c>. Characters that were quoted in the script
/// match only themselves.
/// </summary>
internal sealed class GlobPattern
{
    private readonly Regex _regex;

    private GlobPattern(Regex regex, bool hasWildcards)
    {
        _regex = regex;
        HasWildcards = hasWildcards;
    }

    /// <summary>The pattern has an unquoted wildcard; without one it matches only its own text.</summary>
    public bool HasWildcards { get; }

    /// <param name="text">The pattern after expansion.</param>
    /// <param name="quoted">Per character: true when it came from quoted text.</param>
    public static GlobPattern Compile(string text, IReadOnlyList<bool>? quoted = null)
    {
        var sb = new StringBuilder("^(?:");
        bool wild = false;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            bool isQuoted = quoted is not null && quoted[i];
            if (isQuoted)
            {
                sb.Append(Regex.Escape(c.ToString()));
                continue;
            }

            switch (c)
            {
                case '*':
                    wild = true;
                    sb.Append("[\\s\\S]*");
                    break;
                case '?':
                    wild = true;
                    sb.Append("[\\s\\S]");
                    break;
                case '[':
                    int end = BracketEnd(text, quoted, i);
                    if (end < 0)
                    {
                        sb.Append("\\[");
                    }
                    else
                    {
                        wild = true;
                        sb.Append(BracketToRegex(text[(i + 1)..end]));
                        i = end;
                    }

                    break;
                case '\\' when i + 1 < text.Length:
                    sb.Append(Regex.Escape(text[++i].ToString()));
                    break;
                default:
                    sb.Append(Regex.Escape(c.ToString()));
                    break;
            }
        }

        sb.Append(")$");
        return new GlobPattern(new Regex(sb.ToString(), RegexOptions.CultureInvariant), wild);
    }

    /// <summary>True when an unquoted wildcard appears (so pathname expansion should be tried).</summary>
    public static bool ContainsWildcard(string text, IReadOnlyList<bool> quoted)
    {
        for (int i = 0; i < text.Length; i++)
        {
            if (quoted[i])
            {
                continue;
            }

            if (text[i] is '*' or '?' || (text[i] == '[' && BracketEnd(text, quoted, i) > 0))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Matches the whole of <paramref name="s"/>.</summary>
    public bool IsMatch(string s) => _regex.IsMatch(s);

    private static int BracketEnd(string text, IReadOnlyList<bool>? quoted, int open)
    {
        int i = open + 1;
        if (i < text.Length && text[i] is '!' or '^')
        {
            i++;
        }

        if (i < text.Length && text[i] == ']')
        {
            i++;
        }

        for (; i < text.Length; i++)
        {
            if (text[i] == '[' && i + 1 < text.Length && text[i + 1] == ':')
            {
                int close = text.IndexOf(":]", i + 2, StringComparison.Ordinal);
                if (close > 0)
                {
                    i = close + 1;
                    continue;
                }
            }

            if (text[i] == ']' && (quoted is null || !quoted[i]))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Translates the inside of a bracket expression (shell or POSIX regex) to .NET.</summary>
    internal static string BracketToRegex(string inner)
    {
        var sb = new StringBuilder("[");
        int i = 0;
        if (inner.Length > 0 && inner[0] is '!' or '^')
        {
            sb.Append('^');
            i++;
        }

        for (; i < inner.Length; i++)
        {
            char c = inner[i];
            if (c == '[' && i + 1 < inner.Length && inner[i + 1] == ':')
            {
                int close = inner.IndexOf(":]", i + 2, StringComparison.Ordinal);
                if (close > 0)
                {
                    sb.Append(PosixClass(inner[(i + 2)..close]));
                    i = close + 1;
                    continue;
                }
            }

            if (c is '\\' or '[' or ']' or '^')
            {
                sb.Append('\\');
            }

            sb.Append(c);
        }

        return sb.Append(']').ToString();
    }

    private static string PosixClass(string name) => name switch
    {
        "alpha" => "a-zA-Z",
        "digit" => "0-9",
        "alnum" => "a-zA-Z0-9",
        "upper" => "A-Z",
        "lower" => "a-z",
        "space" => "\\s",
        "blank" => " \\t",
        "punct" => "!-/:-@\\[-`{-~",
        "xdigit" => "0-9A-Fa-f",
        "word" => "\\w",
        "cntrl" => "\\x00-\\x1f\\x7f",
        "print" => "\\x20-\\x7e",
        "graph" => "\\x21-\\x7e",
        _ => "",
    };
}
