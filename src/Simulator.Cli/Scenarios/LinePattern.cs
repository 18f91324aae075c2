using System.Text;
using System.Text.RegularExpressions;

namespace Simulator.Cli.Scenarios;

/// <summary>
/// A pattern for one output line. Literal text, with wildcards for what legitimately varies:
/// <c>*</c> any text, <c>?</c> one character, <c>{mac}</c> a MAC address, <c>{ip}</c> an IPv4
/// address, <c>{n}</c> an integer, <c>{time}</c> a decimal number. <c>\</c> escapes the next
/// character. The whole line must match; trailing blanks are ignored on both sides (iproute2
/// ends many lines with a space).
/// </summary>
public sealed class LinePattern
{
    private static readonly Dictionary<string, string> Tokens = new(StringComparer.Ordinal)
    {
        ["{mac}"] = "[0-9a-fA-F]{2}(?::[0-9a-fA-F]{2}){5}",
        ["{ip}"] = @"\d{1,3}(?:\.\d{1,3}){3}",
        ["{n}"] = @"\d+",
        ["{time}"] = @"\d+(?:\.\d+)?",
    };

    private readonly Regex _regex;

    public LinePattern(string text)
    {
        Text = text.TrimEnd();
        _regex = new Regex("^" + Translate(Text) + "$", RegexOptions.CultureInvariant);
    }

    public string Text { get; }

    public bool Matches(string line) => _regex.IsMatch(line.TrimEnd());

    private static string Translate(string pattern)
    {
        var regex = new StringBuilder();
        for (int i = 0; i < pattern.Length; i++)
        {
            char c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length)
            {
                regex.Append(Regex.Escape(pattern[++i].ToString()));
                continue;
            }
            if (c == '*') { regex.Append(".*"); continue; }
            if (c == '?') { regex.Append('.'); continue; }
            if (c == '{')
            {
                int close = pattern.IndexOf('}', i);
                if (close > 0 && Tokens.TryGetValue(pattern[i..(close + 1)], out var token))
                {
                    regex.Append(token);
                    i = close;
                    continue;
                }
            }
            regex.Append(Regex.Escape(c.ToString()));
        }
        return regex.ToString();
    }

    public override string ToString() => Text;
}
