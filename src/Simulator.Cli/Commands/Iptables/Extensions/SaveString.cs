using System.Text;

namespace Simulator.Cli.Commands.Iptables.Extensions;

/// <summary>
/// How iptables-save writes a free-text value (libxtables' xtables_save_string): bare when it is
/// only letters, digits, '_' and '-'; otherwise in double quotes with '"', '\' and '\'' escaped
/// by a backslash. iptables-restore reads it back.
/// </summary>
internal static class SaveString
{
    public static void Append(string value, StringBuilder text)
    {
        text.Append(' ');
        if (value.Length > 0 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
        {
            text.Append(value);
            return;
        }
        text.Append('"');
        foreach (char c in value)
        {
            if (c is '"' or '\\' or '\'') text.Append('\\');
            text.Append(c);
        }
        text.Append('"');
    }
}
