namespace Simulator.Cli.Commands.Iptables;

/// <summary>
/// Numbers as the C tools read them: strtoul with base 0 (decimal, 0x hex, 0 octal), the whole
/// string consumed, as libxtables' xtables_strtoui does.
/// </summary>
internal static class CNumber
{
    /// <summary>strtoumax(s, &amp;end, 0) with *end == '\0'; leading blanks and a '+' or '-' sign allowed, as in C.</summary>
    public static bool TryParseUnsigned(string s, out ulong value, bool allowSign = true)
    {
        value = 0;
        int i = 0;
        while (i < s.Length && char.IsWhiteSpace(s[i])) i++;
        bool negative = false;
        if (allowSign && i < s.Length && (s[i] == '+' || s[i] == '-'))
        {
            negative = s[i] == '-';
            i++;
        }
        int numberBase = 10;
        if (i + 1 < s.Length && s[i] == '0' && (s[i + 1] == 'x' || s[i + 1] == 'X')
            && i + 2 < s.Length && Uri.IsHexDigit(s[i + 2]))
        {
            numberBase = 16;
            i += 2;
        }
        else if (i < s.Length && s[i] == '0')
        {
            numberBase = 8;
        }
        int start = i;
        ulong result = 0;
        bool overflow = false;
        for (; i < s.Length; i++)
        {
            int digit = DigitValue(s[i]);
            if (digit < 0 || digit >= numberBase) break;
            ulong next = unchecked(result * (ulong)numberBase + (ulong)digit);
            if (result > (ulong.MaxValue - (ulong)digit) / (ulong)numberBase) overflow = true;
            result = next;
        }
        if (i == start || i != s.Length || overflow) return false;
        value = negative ? unchecked(0 - result) : result;
        return true;
    }

    /// <summary>xtables_strtoui: a number within [min, max].</summary>
    public static bool TryParseInRange(string s, ulong min, ulong max, out ulong value) =>
        TryParseUnsigned(s, out value) && value >= min && value <= max;

    private static int DigitValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };
}
