using System.Globalization;

namespace Simulator.Cli.Commands.Ping;

/// <summary>
/// How iputils reads option arguments, with its messages: strtol_or_err (iputils_common.c),
/// ping_strtod and parsetos (ping/ping.c). Each writes the error and exits as the C code does.
/// </summary>
internal sealed class OptionArguments(string program, TextWriter err)
{
    /// <summary>strtol_or_err: a whole decimal number within [min, max], else exit 1.</summary>
    public long Integer(string text, long min, long max, string message = "invalid argument")
    {
        if (!TryStrtol(text, out long value, out bool overflow))
        {
            err.WriteLine(overflow
                ? $"{program}: {message}: '{text}': Numerical result out of range"
                : $"{program}: {message}: '{text}'");
            throw new PingExit(1);
        }
        if (value < min || value > max)
        {
            err.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{program}: {message}: '{text}': out of range: {min} <= value <= {max}"));
            throw new PingExit(1);
        }
        return value;
    }

    /// <summary>
    /// ping_strtod: a C double; trailing garbage is only warned about (the number read so far
    /// counts), an empty argument or an infinite or NaN value exits with 2.
    /// </summary>
    public double Double(string text, string errorMessage)
    {
        if (text.Length == 0)
        {
            err.WriteLine($"{program}: {errorMessage}: ");
            throw new PingExit(2);
        }
        int end = StrtodPrefix(text, out double value);
        bool outOfRange = double.IsInfinity(value) && end > 0 && !text.Contains("inf", StringComparison.OrdinalIgnoreCase)
                          || (value != 0 && double.IsSubnormal(value));
        if (outOfRange || end == 0 || end < text.Length)
        {
            err.WriteLine($"{program}: option argument contains garbage: {(end == 0 ? text : text[end..])}");
            err.WriteLine($"{program}: this will become fatal error in the future");
        }
        if (double.IsNaN(value) || double.IsInfinity(value) || (value != 0 && double.IsSubnormal(value)))
        {
            err.WriteLine($"{program}: {errorMessage}: {text}: Numerical result out of range");
            throw new PingExit(2);
        }
        return value;
    }

    /// <summary>parsetos: decimal, or hex after 0x; at most 255.</summary>
    public byte Tos(string text)
    {
        bool hex = text.Length > 1 && text[0] == '0' && (text[1] is 'x' or 'X');
        var digits = hex ? text[2..] : text;
        bool ok = hex
            ? long.TryParse(digits.Length == 0 ? "0" : digits, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out long tos)
            : long.TryParse(digits.Length == 0 ? "0" : digits, NumberStyles.AllowLeadingSign | NumberStyles.AllowLeadingWhite,
                CultureInfo.InvariantCulture, out tos);
        if (!ok)
        {
            err.WriteLine($"{program}: bad TOS value: {text}");
            throw new PingExit(2);
        }
        if (tos > 255)
        {
            err.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{program}: the decimal value of TOS bits must be in range 0-255: {(int)tos}"));
            throw new PingExit(2);
        }
        return (byte)tos;
    }

    /// <summary>strtol(str, &amp;end, 10) that must consume everything: leading blanks and a sign allowed.</summary>
    private static bool TryStrtol(string text, out long value, out bool overflow)
    {
        value = 0;
        overflow = false;
        int i = 0;
        while (i < text.Length && text[i] is ' ' or '\t' or '\n' or '\v' or '\f' or '\r') i++;
        bool negative = false;
        if (i < text.Length && text[i] is '+' or '-')
        {
            negative = text[i] == '-';
            i++;
        }
        int start = i;
        decimal magnitude = 0;
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            magnitude = Math.Min(magnitude * 10 + (text[i] - '0'), (decimal)long.MaxValue + 2);
            i++;
        }
        if (i == start || i != text.Length) return false;
        var signed = negative ? -magnitude : magnitude;
        if (signed > long.MaxValue || signed < long.MinValue)
        {
            overflow = true;
            return false;
        }
        value = (long)signed;
        return true;
    }

    /// <summary>The longest prefix strtod reads (blanks, sign, digits, point, exponent; inf/nan); its length.</summary>
    private static int StrtodPrefix(string text, out double value)
    {
        value = 0;
        int i = 0;
        while (i < text.Length && char.IsWhiteSpace(text[i])) i++;
        int signAt = i;
        if (i < text.Length && text[i] is '+' or '-') i++;
        foreach (var word in new[] { "infinity", "inf", "nan" })
        {
            if (text.Length - i >= word.Length && string.Compare(text, i, word, 0, word.Length, StringComparison.OrdinalIgnoreCase) == 0)
            {
                bool minus = text[signAt] == '-';
                value = word == "nan" ? double.NaN : minus ? double.NegativeInfinity : double.PositiveInfinity;
                return i + word.Length;
            }
        }
        int mantissa = i;
        while (i < text.Length && char.IsAsciiDigit(text[i])) i++;
        if (i < text.Length && text[i] == '.') i++;
        while (i < text.Length && char.IsAsciiDigit(text[i])) i++;
        if (i == mantissa || (i == mantissa + 1 && text[mantissa] == '.')) return 0;
        if (i < text.Length && text[i] is 'e' or 'E')
        {
            int e = i + 1;
            if (e < text.Length && text[e] is '+' or '-') e++;
            if (e < text.Length && char.IsAsciiDigit(text[e]))
            {
                while (e < text.Length && char.IsAsciiDigit(text[e])) e++;
                i = e;
            }
        }
        value = double.Parse(text[signAt..i], NumberStyles.Float, CultureInfo.InvariantCulture);
        return i;
    }
}
