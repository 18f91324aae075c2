using System.Globalization;
using System.Text;

namespace Simulator.Cli.Shell.Builtins;

/// <summary>Small coreutils text filters: head, tail, wc, sort, uniq, tr, cut, basename, dirname, seq.</summary>
internal static class TextCommands
{
    /// <summary>Reads the file operands (standard input when none); reports unreadable ones as the utility would.</summary>
    internal static List<(string Name, string Text)> ReadInputs(BuiltinCall call, List<string> operands, ref int status)
    {
        var inputs = new List<(string, string)>();
        foreach (string name in operands.Count == 0 ? ["-"] : operands)
        {
            string? text = call.ReadFile(name, out string? error);
            if (text is null)
            {
                call.Err.Write($"{call.Name}: {(call.Name is "head" or "tail" or "wc" ? $"cannot open '{name}' for reading" : name)}: {error}\n");
                status = 1;
                continue;
            }

            inputs.Add((name, text));
        }

        return inputs;
    }

    /// <summary>Lines, each with its newline (the last may lack one).</summary>
    internal static List<string> Lines(string text)
    {
        var lines = new List<string>();
        int start = 0;
        while (start < text.Length)
        {
            int nl = text.IndexOf('\n', start);
            if (nl < 0)
            {
                lines.Add(text[start..]);
                break;
            }

            lines.Add(text[start..(nl + 1)]);
            start = nl + 1;
        }

        return lines;
    }

    private static string Chomp(string line) => line.EndsWith('\n') ? line[..^1] : line;

    public static int Head(BuiltinCall call) => HeadOrTail(call, head: true);

    public static int Tail(BuiltinCall call) => HeadOrTail(call, head: false);

    private static int HeadOrTail(BuiltinCall call, bool head)
    {
        if (CommandOptions.Parse(call, "qvf", "nc", new Dictionary<string, char> { ["lines"] = 'n', ["bytes"] = 'c' }, numeric: true)
            is not { } options)
        {
            return 1;
        }

        if (options.Has('c'))
        {
            throw call.Shell.UnsupportedBuiltin(call, call.Name + " -c");
        }

        string count = options.Value('n') ?? options.NumericOption?.ToString(CultureInfo.InvariantCulture) ?? "10";
        bool fromStart = !head && count.StartsWith('+');
        bool allBut = head && count.StartsWith('-');
        if (!int.TryParse(count.TrimStart('+', '-'), NumberStyles.None, CultureInfo.InvariantCulture, out int n))
        {
            call.Err.Write($"{call.Name}: invalid number of lines: '{count}'\n");
            return 1;
        }

        int status = 0;
        List<(string Name, string Text)> inputs = ReadInputs(call, options.Operands, ref status);
        bool headers = (inputs.Count > 1 || options.Has('v')) && !options.Has('q');
        for (int i = 0; i < inputs.Count; i++)
        {
            if (headers)
            {
                call.Out.Write($"{(i > 0 ? "\n" : "")}==> {(inputs[i].Name == "-" ? "standard input" : inputs[i].Name)} <==\n");
            }

            List<string> lines = Lines(inputs[i].Text);
            IEnumerable<string> selected = head
                ? allBut ? lines.Take(Math.Max(0, lines.Count - n)) : lines.Take(n)
                : fromStart ? lines.Skip(Math.Max(0, n - 1)) : lines.Skip(Math.Max(0, lines.Count - n));
            call.Out.Write(string.Concat(selected));
        }

        return status;
    }

    public static int Wc(BuiltinCall call)
    {
        if (CommandOptions.Parse(call, "lwcm", longNames: new Dictionary<string, char> { ["lines"] = 'l', ["words"] = 'w', ["bytes"] = 'c', ["chars"] = 'm' })
            is not { } options)
        {
            return 1;
        }

        bool lines = options.Has('l');
        bool words = options.Has('w');
        bool bytes = options.Has('c') || options.Has('m');
        if (!lines && !words && !bytes)
        {
            lines = words = bytes = true;
        }

        int status = 0;
        List<(string Name, string Text)> inputs = ReadInputs(call, options.Operands, ref status);
        var rows = new List<(long[] Counts, string? Name)>();
        long[] total = new long[3];
        foreach ((string name, string text) in inputs)
        {
            long[] counts =
            [
                text.Count(c => c == '\n'),
                text.Split([' ', '\t', '\n', '\r', '\v', '\f'], StringSplitOptions.RemoveEmptyEntries).Length,
                Encoding.UTF8.GetByteCount(text),
            ];
            for (int k = 0; k < 3; k++)
            {
                total[k] += counts[k];
            }

            rows.Add((counts, name == "-" && options.Operands.Count == 0 ? null : name));
        }

        if (inputs.Count > 1)
        {
            rows.Add((total, "total"));
        }

        bool[] shown = [lines, words, bytes];
        int columns = shown.Count(s => s);
        // GNU wc pads to a common width unless it prints a single number for standard input.
        int width = columns == 1 && rows.Count == 1 && rows[0].Name is null
            ? 1
            : Math.Max(rows[0].Name is null ? 7 : 1, total.Max().ToString(CultureInfo.InvariantCulture).Length);
        foreach ((long[] counts, string? name) in rows)
        {
            var parts = new List<string>();
            for (int k = 0; k < 3; k++)
            {
                if (shown[k])
                {
                    parts.Add(counts[k].ToString(CultureInfo.InvariantCulture).PadLeft(width));
                }
            }

            call.Out.Write(string.Join(' ', parts) + (name is null ? "" : " " + name) + "\n");
        }

        return status;
    }

    public static int Sort(BuiltinCall call)
    {
        if (CommandOptions.Parse(call, "nruf", "tk") is not { } options)
        {
            return 1;
        }

        int status = 0;
        var all = new List<string>();
        foreach ((_, string text) in ReadInputs(call, options.Operands, ref status))
        {
            all.AddRange(Lines(text).Select(Chomp));
        }

        char? separator = options.Value('t') is { Length: > 0 } t ? t[0] : null;
        int? keyField = options.Value('k') is { } k && int.TryParse(k.Split(',', '.')[0], CultureInfo.InvariantCulture, out int f) ? f : null;
        string Key(string line)
        {
            if (keyField is not { } field)
            {
                return line;
            }

            string[] fields = separator is { } s ? line.Split(s) : line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            return field - 1 < fields.Length ? fields[field - 1] : "";
        }

        Comparison<string> compare = options.Has('n')
            ? (a, b) => NumericPrefix(Key(a)).CompareTo(NumericPrefix(Key(b))) is var c && c != 0 ? c : string.CompareOrdinal(a, b)
            : options.Has('f')
                ? (a, b) => string.Compare(Key(a), Key(b), StringComparison.OrdinalIgnoreCase)
                : (a, b) => string.CompareOrdinal(Key(a), Key(b));
        all.Sort(compare);
        if (options.Has('r'))
        {
            all.Reverse();
        }

        IEnumerable<string> result = options.Has('u')
            ? all.Where((line, i) => i == 0 || compare(all[i - 1], line) != 0)
            : all;
        foreach (string line in result)
        {
            call.Out.Write(line + "\n");
        }

        return status;
    }

    private static double NumericPrefix(string s)
    {
        string t = s.TrimStart();
        int end = 0;
        while (end < t.Length && (char.IsAsciiDigit(t[end]) || (end == 0 && t[end] == '-') || t[end] == '.'))
        {
            end++;
        }

        return double.TryParse(t[..end], NumberStyles.Float, CultureInfo.InvariantCulture, out double d) ? d : 0;
    }

    public static int Uniq(BuiltinCall call)
    {
        if (CommandOptions.Parse(call, "cdu") is not { } options)
        {
            return 1;
        }

        int status = 0;
        List<(string Name, string Text)> inputs = ReadInputs(call, options.Operands.Take(1).ToList(), ref status);
        if (inputs.Count == 0)
        {
            return status;
        }

        List<string> lines = Lines(inputs[0].Text).Select(Chomp).ToList();
        for (int i = 0; i < lines.Count;)
        {
            int j = i;
            while (j < lines.Count && lines[j] == lines[i])
            {
                j++;
            }

            int count = j - i;
            if ((!options.Has('d') || count > 1) && (!options.Has('u') || count == 1))
            {
                call.Out.Write((options.Has('c') ? count.ToString(CultureInfo.InvariantCulture).PadLeft(7) + " " : "") + lines[i] + "\n");
            }

            i = j;
        }

        return status;
    }

    public static int Tr(BuiltinCall call)
    {
        if (CommandOptions.Parse(call, "dsc") is not { } options)
        {
            return 1;
        }

        if (options.Has('c'))
        {
            throw call.Shell.UnsupportedBuiltin(call, "tr -c");
        }

        bool delete = options.Has('d');
        bool squeeze = options.Has('s');
        if (options.Operands.Count < 1 || (!delete && !squeeze && options.Operands.Count < 2))
        {
            call.Err.Write("tr: missing operand\n");
            return 1;
        }

        string set1 = ExpandSet(options.Operands[0]);
        string set2 = options.Operands.Count > 1 ? ExpandSet(options.Operands[1]) : "";
        string input = call.In.ReadToEnd();
        var sb = new StringBuilder();
        char? last = null;
        foreach (char c in input)
        {
            int index = set1.IndexOf(c, StringComparison.Ordinal);
            char? mapped = c;
            if (index >= 0)
            {
                if (delete)
                {
                    mapped = null;
                }
                else if (set2.Length > 0)
                {
                    mapped = set2[Math.Min(index, set2.Length - 1)];
                }
            }

            if (mapped is not { } m)
            {
                continue;
            }

            string squeezeSet = set2.Length > 0 && !delete ? set2 : set1;
            if (squeeze && last == m && squeezeSet.Contains(m, StringComparison.Ordinal))
            {
                continue;
            }

            sb.Append(m);
            last = m;
        }

        call.Out.Write(sb.ToString());
        return 0;
    }

    // "a-z", "[:upper:]", "\n" into the characters they stand for.
    private static string ExpandSet(string set)
    {
        string decoded = EscapeSequences.Decode(set, EscapeSequences.Dialect.Printf, out _);
        var sb = new StringBuilder();
        for (int i = 0; i < decoded.Length; i++)
        {
            if (decoded[i] == '[' && decoded.IndexOf(":]", i, StringComparison.Ordinal) is > 0 and var close && i + 1 < decoded.Length && decoded[i + 1] == ':')
            {
                string name = decoded[(i + 2)..close];
                sb.Append(name switch
                {
                    "upper" => "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
                    "lower" => "abcdefghijklmnopqrstuvwxyz",
                    "digit" => "0123456789",
                    "space" => " \t\n\r\v\f",
                    "blank" => " \t",
                    "alpha" => "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
                    "alnum" => "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
                    _ => "",
                });
                i = close + 1;
                continue;
            }

            if (i + 2 < decoded.Length && decoded[i + 1] == '-' && decoded[i + 2] >= decoded[i])
            {
                for (char c = decoded[i]; c <= decoded[i + 2]; c++)
                {
                    sb.Append(c);
                }

                i += 2;
                continue;
            }

            sb.Append(decoded[i]);
        }

        return sb.ToString();
    }

    public static int Cut(BuiltinCall call)
    {
        if (CommandOptions.Parse(call, "s", "dfc", new Dictionary<string, char> { ["delimiter"] = 'd', ["fields"] = 'f' })
            is not { } options)
        {
            return 1;
        }

        string? list = options.Value('f') ?? options.Value('c');
        if (list is null)
        {
            call.Err.Write("cut: you must specify a list of bytes, characters, or fields\n");
            return 1;
        }

        bool byFields = options.Value('f') is not null;
        char delimiter = options.Value('d') is { Length: > 0 } d ? d[0] : '\t';
        Func<int, bool>? selected = ParseList(list);
        if (selected is null)
        {
            call.Err.Write($"cut: invalid field value '{list}'\n");
            return 1;
        }

        int status = 0;
        foreach ((_, string text) in ReadInputs(call, options.Operands, ref status))
        {
            foreach (string line in Lines(text).Select(Chomp))
            {
                if (byFields)
                {
                    if (!line.Contains(delimiter, StringComparison.Ordinal))
                    {
                        if (!options.Has('s'))
                        {
                            call.Out.Write(line + "\n");
                        }

                        continue;
                    }

                    string[] fields = line.Split(delimiter);
                    call.Out.Write(string.Join(delimiter, fields.Where((_, i) => selected(i + 1))) + "\n");
                }
                else
                {
                    call.Out.Write(string.Concat(line.Where((_, i) => selected(i + 1))) + "\n");
                }
            }
        }

        return status;
    }

    // "1,3-5,7-" as a membership test on 1-based positions.
    private static Func<int, bool>? ParseList(string list)
    {
        var ranges = new List<(int From, int To)>();
        foreach (string part in list.Split(','))
        {
            string[] bounds = part.Split('-');
            if (bounds.Length > 2)
            {
                return null;
            }

            int from = bounds[0].Length == 0 ? 1 : int.TryParse(bounds[0], CultureInfo.InvariantCulture, out int a) ? a : -1;
            int to = bounds.Length == 1 ? from : bounds[1].Length == 0 ? int.MaxValue
                : int.TryParse(bounds[1], CultureInfo.InvariantCulture, out int b) ? b : -1;
            if (from < 1 || to < from)
            {
                return null;
            }

            ranges.Add((from, to));
        }

        return i => ranges.Any(r => i >= r.From && i <= r.To);
    }

    public static int Basename(BuiltinCall call)
    {
        if (call.Args.Count < 2)
        {
            call.Err.Write("basename: missing operand\n");
            return 1;
        }

        string path = call.Args[1].TrimEnd('/');
        string name = path.Length == 0 ? "/" : path[(path.LastIndexOf('/') + 1)..];
        if (call.Args.Count > 2 && name.EndsWith(call.Args[2], StringComparison.Ordinal) && name != call.Args[2])
        {
            name = name[..^call.Args[2].Length];
        }

        call.Out.Write(name + "\n");
        return 0;
    }

    public static int Dirname(BuiltinCall call)
    {
        if (call.Args.Count < 2)
        {
            call.Err.Write("dirname: missing operand\n");
            return 1;
        }

        foreach (string arg in call.Args.Skip(1))
        {
            string path = arg.TrimEnd('/');
            int slash = path.LastIndexOf('/');
            string dir = slash < 0 ? (arg.StartsWith('/') ? "/" : ".") : slash == 0 ? "/" : path[..slash].TrimEnd('/');
            call.Out.Write((dir.Length == 0 ? "/" : dir) + "\n");
        }

        return 0;
    }

    public static int Seq(BuiltinCall call)
    {
        if (CommandOptions.Parse(call, "w", "s") is not { } options)
        {
            return 1;
        }

        var numbers = new List<long>();
        foreach (string operand in options.Operands)
        {
            if (!long.TryParse(operand, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long n))
            {
                call.Err.Write($"seq: invalid floating point argument: '{operand}'\n");
                return 1;
            }

            numbers.Add(n);
        }

        (long first, long step, long last) = numbers.Count switch
        {
            1 => (1L, 1L, numbers[0]),
            2 => (numbers[0], 1L, numbers[1]),
            3 => (numbers[0], numbers[1], numbers[2]),
            _ => (0L, 0L, 0L),
        };
        if (numbers.Count is < 1 or > 3 || step == 0)
        {
            call.Err.Write("seq: missing operand\n");
            return 1;
        }

        var values = new List<string>();
        for (long v = first; step > 0 ? v <= last : v >= last; v += step)
        {
            values.Add(v.ToString(CultureInfo.InvariantCulture));
        }

        if (options.Has('w') && values.Count > 0)
        {
            int width = values.Max(v => v.Length);
            values = values.Select(v => v.PadLeft(width, '0')).ToList();
        }

        if (values.Count > 0)
        {
            call.Out.Write(string.Join(options.Value('s') ?? "\n", values) + "\n");
        }

        return 0;
    }
}
