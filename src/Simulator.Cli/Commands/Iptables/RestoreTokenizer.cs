using System.Text;

namespace Simulator.Cli.Commands.Iptables;

/// <summary>
/// Splits an iptables-restore rule line into words as libxtables' add_param_to_argv does:
/// blanks separate words; "..." quotes, within which a backslash escapes the next character;
/// a closing quote ends the word (so "" is an empty word). Outside quotes a backslash is an
/// ordinary character.
/// </summary>
internal static class RestoreTokenizer
{
    public static List<string> Split(string line)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        bool quoteOpen = false, escaped = false;
        foreach (char c in line)
        {
            if (quoteOpen)
            {
                if (escaped)
                {
                    word.Append(c);
                    escaped = false;
                    continue;
                }
                if (c == '\\')
                {
                    escaped = true;
                    continue;
                }
                if (c != '"')
                {
                    word.Append(c);
                    continue;
                }
                quoteOpen = false;
            }
            else if (c == '"')
            {
                quoteOpen = true;
                continue;
            }

            if (c is ' ' or '\t' or '\n')
            {
                if (word.Length == 0) continue;
            }
            else if (c != '"')
            {
                word.Append(c);
                continue;
            }
            words.Add(word.ToString());
            word.Clear();
        }
        if (word.Length > 0) words.Add(word.ToString());
        return words;
    }
}
