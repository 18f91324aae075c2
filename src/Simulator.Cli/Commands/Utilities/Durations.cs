using System.Globalization;

namespace Simulator.Cli.Commands.Utilities;

/// <summary>coreutils' duration operands (sleep, timeout): a decimal number with an optional s/m/h/d suffix.</summary>
public static class Durations
{
    public static bool TryParseSeconds(string text, out double seconds)
    {
        double unit = 1;
        if (text.Length > 0 && char.IsLetter(text[^1]))
        {
            unit = text[^1] switch { 's' => 1, 'm' => 60, 'h' => 3600, 'd' => 86400, _ => double.NaN };
            text = text[..^1];
        }
        seconds = 0;
        if (double.IsNaN(unit) || !double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double value))
            return false;
        seconds = value * unit;
        return true;
    }
}
