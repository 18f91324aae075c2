namespace Simulator.Cli.Commands.NetTools;

/// <summary>The C library's number readers as net-tools calls them: atoi and strtoul(…, 0).</summary>
public static class CNumbers
{
    /// <summary>atoi: white space, an optional sign, then decimal digits; 0 when there are none.</summary>
    public static int Atoi(string text)
    {
        int j = 0;
        while (j < text.Length && char.IsWhiteSpace(text[j])) j++;
        int sign = 1;
        if (j < text.Length && text[j] is '+' or '-') sign = text[j++] == '-' ? -1 : 1;
        long value = 0;
        for (; j < text.Length && char.IsAsciiDigit(text[j]) && value <= int.MaxValue; j++) value = value * 10 + (text[j] - '0');
        return (int)Math.Clamp(sign * value, int.MinValue, int.MaxValue);
    }

    /// <summary>
    /// strtoul(text, &amp;end, 0): white space, a sign (a negative value wraps), then hex (0x),
    /// octal (leading 0) or decimal digits. <paramref name="end"/> is where reading stopped, 0
    /// when there were no digits.
    /// </summary>
    public static ulong Strtoul(string text, out int end)
    {
        ulong value = 0;
        end = 0;
        int j = 0;
        while (j < text.Length && char.IsWhiteSpace(text[j])) j++;
        bool negative = false;
        if (j < text.Length && text[j] is '+' or '-') negative = text[j++] == '-';
        uint radix = 10;
        if (j + 2 < text.Length && text[j] == '0' && text[j + 1] is 'x' or 'X' && char.IsAsciiHexDigit(text[j + 2]))
        {
            radix = 16;
            j += 2;
        }
        else if (j < text.Length && text[j] == '0')
        {
            radix = 8;
        }
        int start = j;
        for (; j < text.Length; j++)
        {
            int digit = char.IsAsciiDigit(text[j]) ? text[j] - '0'
                : char.IsAsciiHexDigit(text[j]) ? char.ToLowerInvariant(text[j]) - 'a' + 10
                : -1;
            if (digit < 0 || digit >= radix) break;
            value = unchecked(value * radix + (uint)digit);
        }
        if (j == start) return 0;
        end = j;
        return negative ? unchecked(0 - value) : value;
    }
}
