using System.Text;

namespace Simulator.Cli.Tests.Iptables;

/// <summary>
/// A line of a differential scenario: a command, or "printf 'TEXT' | iptables-restore ..." to
/// feed a restore from stdin (TEXT with \n, \r, \\ and \" escapes as printf reads them).
/// </summary>
internal readonly record struct ScenarioLine(string Text, IReadOnlyList<string> Words, string? Stdin)
{
    public static ScenarioLine Parse(string text)
    {
        if (!text.StartsWith("printf '", StringComparison.Ordinal)) return new(text, CommandLine.Split(text), null);
        int close = text.IndexOf('\'', 8);
        string format = text[8..close];
        string command = text[(close + 1)..].TrimStart().TrimStart('|').Trim();
        return new(text, CommandLine.Split(command), Unescape(format));
    }

    private static string Unescape(string format)
    {
        var text = new StringBuilder();
        for (int i = 0; i < format.Length; i++)
        {
            if (format[i] != '\\' || i + 1 == format.Length)
            {
                text.Append(format[i]);
                continue;
            }
            char next = format[++i];
            text.Append(next switch { 'n' => '\n', 'r' => '\r', 't' => '\t', _ => next });
        }
        return text.ToString();
    }
}
