using System.Globalization;
using System.Text.RegularExpressions;
using Simulator.Cli.Shell.Execution;

namespace Simulator.Cli.Shell.Builtins;

/// <summary>
/// GNU grep on text: basic (default), extended (-E) and fixed (-F) patterns translated to .NET
/// regular expressions; -v -i -w -x -c -q -n -o -l -h -H -s -e. Exit 0 on a match, 1 on none, 2 on error.
/// </summary>
internal static class GrepCommand
{
    public static int Run(BuiltinCall call)
    {
        if (CommandOptions.Parse(
                call,
                "EFGvicqwxnolhHsr",
                "e",
                new Dictionary<string, char>
                {
                    ["extended-regexp"] = 'E', ["fixed-strings"] = 'F', ["invert-match"] = 'v', ["ignore-case"] = 'i',
                    ["count"] = 'c', ["quiet"] = 'q', ["silent"] = 'q', ["word-regexp"] = 'w', ["line-regexp"] = 'x',
                    ["line-number"] = 'n', ["only-matching"] = 'o', ["regexp"] = 'e',
                })
            is not { } options)
        {
            call.Err.Write("Usage: grep [OPTION]... PATTERNS [FILE]...\n");
            return 2;
        }

        if (options.Has('r'))
        {
            throw call.Shell.UnsupportedBuiltin(call, "grep -r");
        }

        List<string> operands = options.Operands;
        var patterns = new List<string>();
        if (options.Value('e') is { } explicitPattern)
        {
            patterns.Add(explicitPattern);
        }
        else if (operands.Count > 0)
        {
            patterns.Add(operands[0]);
            operands = operands.Skip(1).ToList();
        }
        else
        {
            call.Err.Write("Usage: grep [OPTION]... PATTERNS [FILE]...\n");
            return 2;
        }

        bool extended = options.Has('E') || call.Name == "egrep";
        bool fixedStrings = options.Has('F') || call.Name == "fgrep";
        Regex regex;
        try
        {
            regex = Compile(patterns.SelectMany(p => p.Split('\n')), extended, fixedStrings, options.Has('w'), options.Has('x'), options.Has('i'));
        }
        catch (ArgumentException)
        {
            call.Err.Write("grep: Invalid regular expression\n");
            return 2;
        }

        List<string> files = operands.Count == 0 ? ["-"] : operands;
        bool prefixNames = (files.Count > 1 || options.Has('H')) && !options.Has('h');
        bool matched = false;
        bool error = false;
        foreach (string file in files)
        {
            string? text = call.ReadFile(file, out string? failure);
            if (text is null)
            {
                if (!options.Has('s'))
                {
                    call.Err.Write($"grep: {file}: {failure}\n");
                }

                error = true;
                continue;
            }

            string label = file == "-" ? "(standard input)" : file;
            int count = 0;
            int lineNumber = 0;
            foreach (string raw in TextCommands.Lines(text))
            {
                lineNumber++;
                string line = raw.EndsWith('\n') ? raw[..^1] : raw;
                bool isMatch = regex.IsMatch(line) != options.Has('v');
                if (!isMatch)
                {
                    continue;
                }

                count++;
                matched = true;
                if (options.Has('q'))
                {
                    return 0;
                }

                if (options.Has('c') || options.Has('l'))
                {
                    continue;
                }

                string prefix = (prefixNames ? label + ":" : "") +
                                (options.Has('n') ? lineNumber.ToString(CultureInfo.InvariantCulture) + ":" : "");
                if (options.Has('o') && !options.Has('v'))
                {
                    foreach (Match m in regex.Matches(line))
                    {
                        if (m.Length > 0)
                        {
                            call.Out.Write(prefix + m.Value + "\n");
                        }
                    }
                }
                else
                {
                    call.Out.Write(prefix + line + "\n");
                }
            }

            if (options.Has('l') && count > 0)
            {
                call.Out.Write(label + "\n");
            }
            else if (options.Has('c'))
            {
                call.Out.Write((prefixNames ? label + ":" : "") + count.ToString(CultureInfo.InvariantCulture) + "\n");
            }
        }

        return error && !(matched && options.Has('q')) ? 2 : matched ? 0 : 1;
    }

    private static Regex Compile(IEnumerable<string> patterns, bool extended, bool fixedStrings, bool word, bool line, bool ignoreCase)
    {
        var alternatives = new List<string>();
        foreach (string p in patterns)
        {
            string translated = fixedStrings ? Regex.Escape(p)
                : extended ? RegexTranslator.FromExtended(p)
                : RegexTranslator.FromBasic(p);
            if (word)
            {
                translated = $@"(?<![\w])(?:{translated})(?![\w])";
            }

            if (line)
            {
                translated = $"^(?:{translated})$";
            }

            alternatives.Add("(?:" + translated + ")");
        }

        RegexOptions options = RegexOptions.CultureInvariant | (ignoreCase ? RegexOptions.IgnoreCase : RegexOptions.None);
        return new Regex(string.Join('|', alternatives), options);
    }
}
