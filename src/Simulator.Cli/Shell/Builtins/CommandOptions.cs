namespace Simulator.Cli.Shell.Builtins;

/// <summary>
/// GNU-style option parsing for the utilities: clustered short options (<c>-rf</c>), options
/// with values (<c>-n 5</c>, <c>-n5</c>), long names mapped to short ones, options anywhere
/// before <c>--</c>, and <c>-N</c> as a number for head/tail.
/// </summary>
internal sealed class CommandOptions
{
    private readonly Dictionary<char, string?> _values = [];

    private CommandOptions()
    {
    }

    public List<string> Operands { get; } = [];

    /// <summary>A bare <c>-N</c> (head -3, tail -20).</summary>
    public int? NumericOption { get; private set; }

    public bool Has(char option) => _values.ContainsKey(option);

    public string? Value(char option) => _values.GetValueOrDefault(option);

    /// <param name="flags">Options without a value.</param>
    /// <param name="withValue">Options that take a value.</param>
    /// <param name="longNames">Long option names and the short option each stands for.</param>
    /// <param name="numeric">Accept <c>-N</c>.</param>
    public static CommandOptions? Parse(
        BuiltinCall call, string flags, string withValue = "", IReadOnlyDictionary<string, char>? longNames = null, bool numeric = false)
    {
        var options = new CommandOptions();
        IReadOnlyList<string> args = call.Args;
        bool onlyOperands = false;
        for (int i = 1; i < args.Count; i++)
        {
            string arg = args[i];
            if (onlyOperands || arg.Length < 2 || arg[0] != '-')
            {
                options.Operands.Add(arg);
                continue;
            }

            if (arg == "--")
            {
                onlyOperands = true;
                continue;
            }

            if (arg.StartsWith("--", StringComparison.Ordinal))
            {
                string name = arg[2..];
                string? value = null;
                int eq = name.IndexOf('=', StringComparison.Ordinal);
                if (eq >= 0)
                {
                    value = name[(eq + 1)..];
                    name = name[..eq];
                }

                if (longNames is null || !longNames.TryGetValue(name, out char shortName))
                {
                    call.Error($"unrecognized option '{arg}'");
                    return null;
                }

                if (withValue.Contains(shortName, StringComparison.Ordinal) && value is null)
                {
                    value = i + 1 < args.Count ? args[++i] : "";
                }

                options._values[shortName] = value;
                continue;
            }

            if (numeric && arg[1..].All(char.IsAsciiDigit))
            {
                options.NumericOption = int.Parse(arg[1..], System.Globalization.CultureInfo.InvariantCulture);
                continue;
            }

            for (int j = 1; j < arg.Length; j++)
            {
                char c = arg[j];
                if (withValue.Contains(c, StringComparison.Ordinal))
                {
                    string value;
                    if (j + 1 < arg.Length)
                    {
                        value = arg[(j + 1)..];
                    }
                    else if (i + 1 < args.Count)
                    {
                        value = args[++i];
                    }
                    else
                    {
                        call.Error($"option requires an argument -- '{c}'");
                        return null;
                    }

                    options._values[c] = value;
                    break;
                }

                if (!flags.Contains(c, StringComparison.Ordinal))
                {
                    call.Error($"invalid option -- '{c}'");
                    return null;
                }

                options._values[c] = null;
            }
        }

        return options;
    }
}
