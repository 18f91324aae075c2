using System.Text;

namespace Simulator.Cli.Shell;

/// <summary>
/// Quotes words the way bash does when it shows them back (<c>set -x</c> traces): a word that
/// needs no quoting is left alone, an empty word becomes <c>''</c>, a word with shell
/// metacharacters goes in single quotes, and a word with control characters in <c>$'...'</c>.
/// </summary>
public static class ShellQuoting
{
    /// <summary>Quotes one word for reuse as shell input, as bash's xtrace prints it.</summary>
    public static string Quote(string word)
    {
        if (word.Length == 0)
        {
            return "''";
        }

        if (NeedsAnsiCQuoting(word))
        {
            return AnsiCQuote(word);
        }

        return ContainsShellMetas(word) ? SingleQuote(word) : word;
    }

    /// <summary>Quotes an assignment as xtrace shows it: the name as is, the value quoted if it needs it.</summary>
    public static string QuoteAssignment(string name, string value) =>
        value.Length == 0 ? name + "=" : name + "=" + QuoteValue(value);

    /// <summary>Joins words with single spaces, each quoted by <see cref="Quote"/>.</summary>
    public static string Join(IEnumerable<string> words) => string.Join(' ', words.Select(Quote));

    private static string QuoteValue(string value)
    {
        if (NeedsAnsiCQuoting(value))
        {
            return AnsiCQuote(value);
        }

        return ContainsShellMetas(value) ? SingleQuote(value) : value;
    }

    // Mirrors bash's sh_contains_shell_metas (lib/sh/shquote.c): '~' matters only where tilde
    // expansion could happen, '#' only where it would start a comment.
    private static bool ContainsShellMetas(string s)
    {
        for (int i = 0; i < s.Length; i++)
        {
            switch (s[i])
            {
                case ' ' or '\t' or '\n' or '\'' or '"' or '\\' or '|' or '&' or ';' or '(' or ')'
                    or '<' or '>' or '!' or '{' or '}' or '*' or '[' or '?' or ']' or '^' or '$' or '`':
                    return true;
                case '~' when i == 0 || s[i - 1] == '=' || s[i - 1] == ':':
                    return true;
                case '#' when i == 0:
                    return true;
            }
        }

        return false;
    }

    private static bool NeedsAnsiCQuoting(string s)
    {
        foreach (char c in s)
        {
            if ((c < ' ' && c != '\t' && c != '\n') || c == '\x7f')
            {
                return true;
            }
        }

        return false;
    }

    private static string SingleQuote(string s) => "'" + s.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private static string AnsiCQuote(string s)
    {
        var sb = new StringBuilder("$'");
        foreach (char c in s)
        {
            switch (c)
            {
                case '\a': sb.Append("\\a"); break;
                case '\b': sb.Append("\\b"); break;
                case '\x1b': sb.Append("\\E"); break;
                case '\f': sb.Append("\\f"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\v': sb.Append("\\v"); break;
                case '\\': sb.Append("\\\\"); break;
                case '\'': sb.Append("\\'"); break;
                default:
                    if (c < ' ' || c == '\x7f')
                    {
                        sb.Append('\\').Append(Convert.ToString(c, 8).PadLeft(3, '0'));
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        return sb.Append('\'').ToString();
    }
}
