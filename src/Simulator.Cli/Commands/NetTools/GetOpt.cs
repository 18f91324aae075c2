namespace Simulator.Cli.Commands.NetTools;

/// <summary>
/// glibc getopt_long as route, netstat and arp call it: options may come anywhere (the operands
/// are permuted to the end), short options cluster, "x:" takes a value (attached or the next
/// word), "--" ends the options. Every occurrence is kept in order, so "-ee" counts twice.
/// Errors are worded as glibc prints them.
/// </summary>
internal sealed class GetOpt
{
    private GetOpt() { }

    public List<(char Option, string? Value)> Options { get; } = [];
    public List<string> Operands { get; } = [];

    /// <summary>An option glibc rejects is printed to <paramref name="err"/> and recorded as '?'.</summary>
    /// <param name="spec">The short options, a ':' after those that take a value.</param>
    /// <param name="longOptions">Long names, each with the short option it stands for and whether it takes a value.</param>
    public static GetOpt Parse(string program, IReadOnlyList<string> args, string spec,
        IReadOnlyDictionary<string, (char Option, bool HasValue)> longOptions, TextWriter err)
    {
        var result = new GetOpt();
        for (int i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg == "--")
            {
                result.Operands.AddRange(args.Skip(i + 1));
                break;
            }
            if (arg.StartsWith("--", StringComparison.Ordinal))
            {
                var name = arg[2..];
                string? value = null;
                int equals = name.IndexOf('=');
                if (equals >= 0)
                {
                    value = name[(equals + 1)..];
                    name = name[..equals];
                }
                var matches = longOptions.Where(o => o.Key.StartsWith(name, StringComparison.Ordinal)).ToList();
                var exact = matches.Where(o => o.Key == name).ToList();
                if (exact.Count == 1) matches = exact;
                if (matches.Count != 1 || name.Length == 0)
                {
                    err.WriteLine(matches.Count > 1
                        ? $"{program}: option '{arg}' is ambiguous"
                        : $"{program}: unrecognized option '{arg}'");
                    result.Options.Add(('?', null));
                    continue;
                }
                var (longName, (option, hasValue)) = matches[0];
                if (!hasValue && value != null)
                {
                    err.WriteLine($"{program}: option '--{longName}' doesn't allow an argument");
                    result.Options.Add(('?', null));
                    continue;
                }
                if (hasValue && value is null)
                {
                    if (i + 1 >= args.Count)
                    {
                        err.WriteLine($"{program}: option '--{longName}' requires an argument");
                        result.Options.Add(('?', null));
                        continue;
                    }
                    value = args[++i];
                }
                result.Options.Add((option, value));
                continue;
            }
            if (arg.Length < 2 || arg[0] != '-')
            {
                result.Operands.Add(arg);
                continue;
            }
            for (int j = 1; j < arg.Length; j++)
            {
                char c = arg[j];
                int at = c == ':' ? -1 : spec.IndexOf(c);
                if (at < 0)
                {
                    err.WriteLine($"{program}: invalid option -- '{c}'");
                    result.Options.Add(('?', null));
                    continue;
                }
                if (at + 1 < spec.Length && spec[at + 1] == ':')
                {
                    string? value = j + 1 < arg.Length ? arg[(j + 1)..] : i + 1 < args.Count ? args[++i] : null;
                    if (value is null)
                    {
                        err.WriteLine($"{program}: option requires an argument -- '{c}'");
                        result.Options.Add(('?', null));
                        break;
                    }
                    result.Options.Add((c, value));
                    break;
                }
                result.Options.Add((c, null));
            }
        }
        return result;
    }

    public int Count(char option) => Options.Count(o => o.Option == option);

    public bool Has(char option) => Options.Any(o => o.Option == option);
}
