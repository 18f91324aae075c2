using System.Globalization;
using System.Text;

namespace Simulator.Cli.Shell;

/// <summary>Backslash escapes shared by <c>$'...'</c>, <c>echo -e</c> and <c>printf</c>.</summary>
internal static class EscapeSequences
{
    /// <summary>How an escape is read: the three users differ in octal and in <c>\c</c>.</summary>
    internal enum Dialect
    {
        /// <summary><c>$'...'</c>: octal <c>\nnn</c>, <c>\cX</c> is a control character.</summary>
        AnsiC,

        /// <summary><c>echo -e</c> and <c>printf %b</c>: octal is <c>\0nnn</c>, <c>\c</c> stops output.</summary>
        Echo,

        /// <summary><c>printf</c> format: octal <c>\nnn</c>, <c>\c</c> is not special.</summary>
        Printf,
    }

    /// <summary>Decodes escapes in <paramref name="s"/>; <paramref name="stop"/> is set when <c>\c</c> ended it.</summary>
    public static string Decode(string s, Dialect dialect, out bool stop)
    {
        stop = false;
        var sb = new StringBuilder(s.Length);
        for (int i = 0; i < s.Length; i++)
        {
            char c = s[i];
            if (c != '\\' || i + 1 >= s.Length)
            {
                sb.Append(c);
                continue;
            }

            char n = s[++i];
            switch (n)
            {
                case 'a': sb.Append('\a'); break;
                case 'b': sb.Append('\b'); break;
                case 'e' or 'E': sb.Append('\x1b'); break;
                case 'f': sb.Append('\f'); break;
                case 'n': sb.Append('\n'); break;
                case 'r': sb.Append('\r'); break;
                case 't': sb.Append('\t'); break;
                case 'v': sb.Append('\v'); break;
                case '\\': sb.Append('\\'); break;
                case '\'' when dialect == Dialect.AnsiC: sb.Append('\''); break;
                case '"' when dialect != Dialect.Echo: sb.Append('"'); break;
                case '?' when dialect == Dialect.AnsiC: sb.Append('?'); break;
                case 'c' when dialect == Dialect.Echo:
                    stop = true;
                    return sb.ToString();
                case 'c' when dialect == Dialect.AnsiC && i + 1 < s.Length:
                    sb.Append((char)(s[++i] & 0x1f));
                    break;
                case 'x':
                    i = AppendNumber(s, i + 1, 16, 2, sb, fallback: "\\x") - 1;
                    break;
                case 'u' or 'U':
                    i = AppendNumber(s, i + 1, 16, n == 'u' ? 4 : 8, sb, fallback: "\\" + n) - 1;
                    break;
                case '0' when dialect == Dialect.Echo:
                    i = AppendNumber(s, i + 1, 8, 3, sb, fallback: "\0") - 1;
                    break;
                case >= '0' and <= '7' when dialect != Dialect.Echo:
                    i = AppendNumber(s, i, 8, 3, sb, fallback: "") - 1;
                    break;
                default:
                    sb.Append('\\').Append(n);
                    break;
            }
        }

        return sb.ToString();
    }

    // Reads up to maxDigits digits at start; appends the character they name (or the fallback
    // text when there are none) and returns the index after them.
    private static int AppendNumber(string s, int start, int radix, int maxDigits, StringBuilder sb, string fallback)
    {
        int end = start;
        while (end < s.Length && end - start < maxDigits && IsDigit(s[end], radix))
        {
            end++;
        }

        if (end == start)
        {
            sb.Append(fallback);
            return start;
        }

        int value = int.Parse(
            radix == 16 ? s[start..end] : Convert.ToInt32(s[start..end], 8).ToString(CultureInfo.InvariantCulture),
            radix == 16 ? NumberStyles.HexNumber : NumberStyles.None,
            CultureInfo.InvariantCulture);
        if (radix == 8 || value < 0x80)
        {
            sb.Append((char)(value & 0xff));
        }
        else if (value is >= 0xD800 and <= 0xDFFF || value > 0x10FFFF)
        {
            sb.Append('\uFFFD');
        }
        else
        {
            sb.Append(char.ConvertFromUtf32(value));
        }

        return end;
    }

    private static bool IsDigit(char c, int radix) =>
        radix == 16 ? char.IsAsciiHexDigit(c) : c is >= '0' and <= '7';
}
