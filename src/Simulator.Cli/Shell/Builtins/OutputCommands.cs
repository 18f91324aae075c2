using System.Globalization;
using System.Text;

namespace Simulator.Cli.Shell.Builtins;

/// <summary><c>echo</c> and <c>printf</c>, as bash's builtins behave.</summary>
internal static class OutputCommands
{
    public static int Echo(BuiltinCall call)
    {
        bool newline = true;
        bool escapes = false;
        int i = 1;
        // Only leading words made entirely of n, e and E after a '-' are options.
        for (; i < call.Args.Count; i++)
        {
            string arg = call.Args[i];
            if (arg.Length < 2 || arg[0] != '-' || arg[1..].Any(c => c is not ('n' or 'e' or 'E')))
            {
                break;
            }

            foreach (char c in arg[1..])
            {
                switch (c)
                {
                    case 'n':
                        newline = false;
                        break;
                    case 'e':
                        escapes = true;
                        break;
                    default:
                        escapes = false;
                        break;
                }
            }
        }

        string text = string.Join(' ', call.Args.Skip(i));
        if (escapes)
        {
            text = EscapeSequences.Decode(text, EscapeSequences.Dialect.Echo, out bool stop);
            if (stop)
            {
                call.Out.Write(text);
                return 0;
            }
        }

        call.Out.Write(newline ? text + "\n" : text);
        return 0;
    }

    public static int Printf(BuiltinCall call)
    {
        int first = 1;
        if (call.Args.Count > 1 && call.Args[1] == "--")
        {
            first = 2;
        }

        if (call.Args.Count <= first)
        {
            call.Error("usage: printf [-v var] format [arguments]");
            return 2;
        }

        if (call.Args[first] == "-v")
        {
            throw call.Shell.UnsupportedBuiltin(call, "printf -v");
        }

        string format = call.Args[first];
        var args = call.Args.Skip(first + 1).ToList();
        var output = new StringBuilder();
        int status = 0;
        int used = 0;
        do
        {
            int before = used;
            if (!FormatOnce(call, format, args, ref used, output, ref status))
            {
                break;
            }

            if (used == before)
            {
                break;
            }
        }
        while (used < args.Count);

        call.Out.Write(output.ToString());
        return status;
    }

    // One pass over the format. Returns false when \c stopped output.
    private static bool FormatOnce(BuiltinCall call, string format, List<string> args, ref int used, StringBuilder output, ref int status)
    {
        for (int i = 0; i < format.Length; i++)
        {
            char c = format[i];
            if (c == '\\')
            {
                int end = i + 1;
                if (end < format.Length && format[end] is >= '0' and <= '7')
                {
                    while (end < format.Length && end - i <= 3 && format[end] is >= '0' and <= '7')
                    {
                        end++;
                    }
                }
                else if (end < format.Length && format[end] == 'x')
                {
                    end++;
                    while (end < format.Length && end - i <= 3 && char.IsAsciiHexDigit(format[end]))
                    {
                        end++;
                    }
                }
                else
                {
                    end = Math.Min(end + 1, format.Length);
                }

                output.Append(EscapeSequences.Decode(format[i..end], EscapeSequences.Dialect.Printf, out _));
                i = end - 1;
                continue;
            }

            if (c != '%')
            {
                output.Append(c);
                continue;
            }

            if (i + 1 < format.Length && format[i + 1] == '%')
            {
                output.Append('%');
                i++;
                continue;
            }

            // %[flags][width][.precision]conversion
            int start = i;
            i++;
            var flags = new StringBuilder();
            while (i < format.Length && format[i] is '-' or '+' or ' ' or '#' or '0')
            {
                flags.Append(format[i++]);
            }

            int? width = ReadNumber(format, ref i, args, ref used);
            int? precision = null;
            if (i < format.Length && format[i] == '.')
            {
                i++;
                precision = ReadNumber(format, ref i, args, ref used) ?? 0;
            }

            if (i >= format.Length)
            {
                call.Error($"`{format[start..]}': missing format character");
                status = 1;
                return false;
            }

            char conversion = format[i];
            string? arg = used < args.Count ? args[used++] : null;
            string text;
            switch (conversion)
            {
                case 's':
                    text = arg ?? "";
                    if (precision is { } p && p < text.Length)
                    {
                        text = text[..p];
                    }

                    break;
                case 'b':
                    text = EscapeSequences.Decode(arg ?? "", EscapeSequences.Dialect.Echo, out bool stop);
                    if (stop)
                    {
                        output.Append(text);
                        return false;
                    }

                    break;
                case 'q':
                    text = ShellQuoting.Quote(arg ?? "");
                    break;
                case 'c':
                    text = string.IsNullOrEmpty(arg) ? "" : arg[..1];
                    break;
                case 'd' or 'i' or 'u' or 'o' or 'x' or 'X':
                    long n = ParseInteger(call, arg, ref status);
                    text = conversion switch
                    {
                        'o' => Convert.ToString(n, 8),
                        'x' => n.ToString("x", CultureInfo.InvariantCulture),
                        'X' => n.ToString("X", CultureInfo.InvariantCulture),
                        _ => Math.Abs(n).ToString(CultureInfo.InvariantCulture),
                    };
                    if (precision is { } digits)
                    {
                        text = text.PadLeft(digits, '0');
                    }

                    if (conversion is 'd' or 'i' or 'u')
                    {
                        text = (n < 0 ? "-" : flags.ToString().Contains('+', StringComparison.Ordinal) ? "+"
                            : flags.ToString().Contains(' ', StringComparison.Ordinal) ? " " : "") + text;
                    }

                    break;
                case 'f' or 'F' or 'e' or 'E' or 'g' or 'G':
                    double d = double.TryParse(arg ?? "0", NumberStyles.Float, CultureInfo.InvariantCulture, out double parsed) ? parsed : 0;
                    text = conversion is 'f' or 'F'
                        ? d.ToString("F" + (precision ?? 6).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)
                        : d.ToString(conversion.ToString() + (precision ?? 6).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
                    break;
                default:
                    call.Error($"%{conversion}: invalid format character");
                    status = 1;
                    return false;
            }

            if (width is { } w && text.Length < w)
            {
                bool left = flags.ToString().Contains('-', StringComparison.Ordinal);
                bool zero = flags.ToString().Contains('0', StringComparison.Ordinal) && conversion is not ('s' or 'b' or 'q' or 'c');
                if (left)
                {
                    text = text.PadRight(w);
                }
                else if (zero && text.Length > 0 && text[0] is '-' or '+')
                {
                    text = text[0] + text[1..].PadLeft(w - 1, '0');
                }
                else
                {
                    text = text.PadLeft(w, zero ? '0' : ' ');
                }
            }

            output.Append(text);
        }

        return true;
    }

    private static int? ReadNumber(string format, ref int i, List<string> args, ref int used)
    {
        if (i < format.Length && format[i] == '*')
        {
            i++;
            string arg = used < args.Count ? args[used++] : "0";
            return int.TryParse(arg, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int star) ? star : 0;
        }

        int start = i;
        while (i < format.Length && char.IsAsciiDigit(format[i]))
        {
            i++;
        }

        return i > start ? int.Parse(format[start..i], CultureInfo.InvariantCulture) : null;
    }

    private static long ParseInteger(BuiltinCall call, string? arg, ref int status)
    {
        if (string.IsNullOrEmpty(arg))
        {
            return 0;
        }

        if (arg[0] is '\'' or '"')
        {
            return arg.Length > 1 ? arg[1] : 0;
        }

        string t = arg.Trim();
        if (long.TryParse(t, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long n))
        {
            return n;
        }

        if (t.StartsWith("0x", StringComparison.OrdinalIgnoreCase) &&
            long.TryParse(t[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out n))
        {
            return n;
        }

        call.Error($"{arg}: invalid number");
        status = 1;
        return 0;
    }
}
