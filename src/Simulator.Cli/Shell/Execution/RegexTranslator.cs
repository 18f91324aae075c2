using System.Text;

namespace Simulator.Cli.Shell.Execution;

/// <summary>
/// POSIX regular expressions (grep's basic and extended syntax, <c>[[ =~ ]]</c>) rewritten for
/// .NET: bracket expressions and their [:classes:], BRE's backslashed operators, and GNU's
/// <c>\&lt;</c> <c>\&gt;</c> word anchors.
/// </summary>
internal static class RegexTranslator
{
    public static string FromBasic(string pattern) => Translate(pattern, extended: false);

    public static string FromExtended(string pattern) => Translate(pattern, extended: true);

    private static string Translate(string p, bool extended)
    {
        var sb = new StringBuilder();
        for (int i = 0; i < p.Length; i++)
        {
            char c = p[i];
            bool atStart = sb.Length == 0 || sb[^1] == '(' || (sb.Length == 1 && sb[0] == '^') || sb.ToString().EndsWith("(^", StringComparison.Ordinal);
            switch (c)
            {
                case '\\' when i + 1 < p.Length:
                    char n = p[++i];
                    switch (n)
                    {
                        case '<' or '>':
                            sb.Append("\\b");
                            break;
                        case '(' or ')' or '{' or '}' or '|' or '+' or '?' when !extended:
                            sb.Append(n);
                            break;
                        case 'w' or 'W' or 's' or 'S' or 'b' or 'B':
                            sb.Append('\\').Append(n);
                            break;
                        case >= '1' and <= '9':
                            sb.Append('\\').Append(n);
                            break;
                        default:
                            sb.Append(EscapeLiteral(n));
                            break;
                    }

                    break;
                case '[':
                    int end = BracketEnd(p, i);
                    if (end < 0)
                    {
                        sb.Append("\\[");
                        break;
                    }

                    sb.Append(GlobPattern.BracketToRegex(p[(i + 1)..end]));
                    i = end;
                    break;
                case '(' or ')' or '{' or '}' or '|' or '+' or '?':
                    sb.Append(extended ? c.ToString() : "\\" + c);
                    break;
                case '*' when atStart && !extended:
                    sb.Append("\\*");
                    break;
                case '.' or '^' or '$' or '*':
                    sb.Append(c);
                    break;
                default:
                    sb.Append(EscapeLiteral(c));
                    break;
            }
        }

        return sb.ToString();
    }

    private static string EscapeLiteral(char c) =>
        char.IsAsciiLetterOrDigit(c) || c is ' ' or '_' or '-' or '/' or ':' or '=' or ',' or '@' or '%' or '"' or '\'' or '!' or '~' or ';' or '<' or '>' or '&'
            ? c.ToString()
            : "\\" + c;

    private static int BracketEnd(string p, int open)
    {
        int i = open + 1;
        if (i < p.Length && p[i] == '^')
        {
            i++;
        }

        if (i < p.Length && p[i] == ']')
        {
            i++;
        }

        for (; i < p.Length; i++)
        {
            if (p[i] == '[' && i + 1 < p.Length && p[i + 1] is ':' or '.' or '=')
            {
                int close = p.IndexOf(p[i + 1] + "]", i + 2, StringComparison.Ordinal);
                if (close > 0)
                {
                    i = close + 1;
                    continue;
                }
            }

            if (p[i] == ']')
            {
                return i;
            }
        }

        return -1;
    }
}
