using System.Globalization;

namespace Simulator.Cli.Commands.Ping;

/// <summary>printf conversions .NET does not spell the same way.</summary>
public static class CFormat
{
    /// <summary>
    /// %g: six significant digits, trailing zeros dropped, an exponent (e-05, e+06) when it is
    /// below -4 or at least the precision.
    /// </summary>
    public static string G(double value)
    {
        if (value == 0) return "0";
        if (double.IsNaN(value)) return "nan";
        if (double.IsInfinity(value)) return value > 0 ? "inf" : "-inf";
        var text = value.ToString("E5", CultureInfo.InvariantCulture);
        int exponent = int.Parse(text[(text.IndexOf('E') + 1)..], CultureInfo.InvariantCulture);
        if (exponent < -4 || exponent >= 6)
        {
            var mantissa = text[..text.IndexOf('E')];
            if (mantissa.Contains('.')) mantissa = mantissa.TrimEnd('0').TrimEnd('.');
            return string.Create(CultureInfo.InvariantCulture, $"{mantissa}e{(exponent < 0 ? '-' : '+')}{Math.Abs(exponent):D2}");
        }
        var fixedText = value.ToString("F" + Math.Max(0, 5 - exponent), CultureInfo.InvariantCulture);
        if (fixedText.Contains('.')) fixedText = fixedText.TrimEnd('0').TrimEnd('.');
        return fixedText;
    }
}
