using System.Text;

namespace Simulator.Cli.Commands.Iptables;

/// <summary>
/// Counters as libxtables' xtables_print_num writes them: exact with -x (8 wide), otherwise up
/// to 99999 as is and then rounded to K, M, G or T (5 wide: "198K", " 10M"). The rounding adds
/// 500 before each division, in 64 bits, wrapping as the C code does.
/// </summary>
internal static class CounterFormat
{
    /// <param name="value">The counter.</param>
    /// <param name="exact">-x.</param>
    /// <param name="table">Padded for the table columns, or bare (chain headers, echo).</param>
    /// <param name="text">Where to write it, with its trailing space.</param>
    public static void Append(ulong value, bool exact, bool table, StringBuilder text)
    {
        if (exact)
        {
            Pad(value.ToString(System.Globalization.CultureInfo.InvariantCulture), table ? 8 : 0, text);
            text.Append(' ');
            return;
        }
        if (value <= 99999)
        {
            Pad(value.ToString(System.Globalization.CultureInfo.InvariantCulture), table ? 5 : 0, text);
            text.Append(' ');
            return;
        }
        foreach (char unit in "KMG")
        {
            value = unchecked(value + 500) / 1000;
            if (value <= 9999)
            {
                Pad(value.ToString(System.Globalization.CultureInfo.InvariantCulture), table ? 4 : 0, text);
                text.Append(unit).Append(' ');
                return;
            }
        }
        value = unchecked(value + 500) / 1000;
        Pad(value.ToString(System.Globalization.CultureInfo.InvariantCulture), table ? 4 : 0, text);
        text.Append("T ");
    }

    private static void Pad(string digits, int width, StringBuilder text) =>
        text.Append(' ', Math.Max(0, width - digits.Length)).Append(digits);
}
