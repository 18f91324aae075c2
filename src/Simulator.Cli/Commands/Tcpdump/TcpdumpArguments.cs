using System.Globalization;
using Simulator.Cli.Commands.Tcpdump.Printing;

namespace Simulator.Cli.Commands.Tcpdump;

/// <summary>
/// tcpdump 4.99.3's command line, read as glibc's getopt_long reads it: options may follow the
/// expression (<c>tcpdump -i veth3 icmp -en</c>), short options cluster (<c>-en</c>), an option's
/// argument may be attached (<c>-c5</c>) or the next word, <c>--</c> ends the options. Errors are
/// worded as tcpdump words them, and the options tcpdump has but the model does not say so.
/// </summary>
public static class TcpdumpArguments
{
    // getopt's SHORTOPTS: a colon after a letter means it takes an argument.
    private const string ShortOptions = "aAbB:c:C:dDeE:fF:G:hHi:Ij:JKlLm:M:nNOpqQ:r:s:StT:uUvV:w:W:xXy:Yz:Z:#";

    private static readonly Dictionary<string, (char Short, bool Argument)> LongOptions = new()
    {
        ["buffer-size"] = ('B', true), ["list-interfaces"] = ('D', false), ["help"] = ('h', false),
        ["interface"] = ('i', true), ["monitor-mode"] = ('I', false), ["time-stamp-type"] = ('j', true),
        ["list-time-stamp-types"] = ('J', false), ["dont-verify-checksums"] = ('K', false),
        ["list-data-link-types"] = ('L', false), ["no-optimize"] = ('O', false), ["no-promiscuous-mode"] = ('p', false),
        ["direction"] = ('Q', true), ["snapshot-length"] = ('s', true), ["relinquish-privileges"] = ('Z', true),
        ["number"] = ('#', false), ["version"] = ('\u0001', false), ["print"] = ('\u0002', false),
        ["immediate-mode"] = ('\u0003', false), ["count"] = ('\u0004', false), ["micro"] = ('\u0005', false),
        ["nano"] = ('\u0006', false), ["time-stamp-precision"] = ('\u0007', true),
    };

    public const string Version = "tcpdump version 4.99.3\nlibpcap version 1.10.3 (with TPACKET_V3)\nOpenSSL 3.0.19 27 Jan 2026\n";

    public const string Usage =
        "Usage: tcpdump [-AbdDefhHIJKlLnNOpqStuUvxX#] [ -B size ] [ -c count ] [--count]\n" +
        "\t\t[ -C file_size ] [ -E algo:secret ] [ -F file ] [ -G seconds ]\n" +
        "\t\t[ -i interface ] [ --immediate-mode ] [ -j tstamptype ]\n" +
        "\t\t[ -M secret ] [ --number ] [ --print ] [ -Q in|out|inout ]\n" +
        "\t\t[ -r file ] [ -s snaplen ] [ -T type ] [ --version ]\n" +
        "\t\t[ -V file ] [ -w file ] [ -W filecount ] [ -y datalinktype ]\n" +
        "\t\t[ --time-stamp-precision precision ] [ --micro ] [ --nano ]\n" +
        "\t\t[ -z postrotate-command ] [ -Z user ] [ expression ]\n";

    /// <summary>The outcome: options to run with, or text to print and a status to exit with.</summary>
    public sealed record Result(TcpdumpOptions? Options, string Stdout = "", string Stderr = "", int Status = 0);

    public static Result Parse(IReadOnlyList<string> args)
    {
        var options = new TcpdumpOptions();
        var print = new PrintOptions();
        var expression = new List<string>();
        int verbosity = 0, timestamps = 0, hex = 0, hexAscii = 0, ascii = 0;
        bool optionsEnded = false;

        for (int i = 0; i < args.Count; i++)
        {
            string arg = args[i];
            if (optionsEnded || arg.Length < 2 || arg[0] != '-')
            {
                expression.Add(arg);
                continue;
            }
            if (arg == "--")
            {
                optionsEnded = true;
                continue;
            }

            var found = new List<(char Option, string? Argument)>();
            if (arg.StartsWith("--", StringComparison.Ordinal))
            {
                string body = arg[2..];
                int equals = body.IndexOf('=');
                string name = equals < 0 ? body : body[..equals];
                var matches = LongOptions.Where(o => o.Key.StartsWith(name, StringComparison.Ordinal)).ToList();
                if (LongOptions.ContainsKey(name)) matches = [new(name, LongOptions[name])];
                if (matches.Count != 1)
                    return Failure(matches.Count == 0
                        ? $"tcpdump: unrecognized option '{arg.Split('=')[0]}'"
                        : $"tcpdump: option '{arg.Split('=')[0]}' is ambiguous");
                var (shortName, takesArgument) = matches[0].Value;
                string? value = equals < 0 ? null : body[(equals + 1)..];
                if (takesArgument && value is null)
                {
                    if (i + 1 >= args.Count) return Failure($"tcpdump: option '--{matches[0].Key}' requires an argument");
                    value = args[++i];
                }
                else if (!takesArgument && value is not null)
                {
                    return Failure($"tcpdump: option '--{matches[0].Key}' doesn't allow an argument");
                }
                found.Add((shortName, value));
            }
            else
            {
                for (int j = 1; j < arg.Length; j++)
                {
                    char c = arg[j];
                    int at = ShortOptions.IndexOf(c);
                    if (at < 0 || c == ':') return Failure($"tcpdump: invalid option -- '{c}'");
                    bool takesArgument = at + 1 < ShortOptions.Length && ShortOptions[at + 1] == ':';
                    if (!takesArgument)
                    {
                        found.Add((c, null));
                        continue;
                    }
                    string? value = j + 1 < arg.Length ? arg[(j + 1)..] : i + 1 < args.Count ? args[++i] : null;
                    if (value is null) return Failure($"tcpdump: option requires an argument -- '{c}'");
                    found.Add((c, value));
                    break;
                }
            }

            foreach (var (option, value) in found)
            {
                switch (option)
                {
                    case 'A': ascii++; break;
                    case 'e': print = print with { LinkHeader = true }; break;
                    case 'K': print = print with { NoChecksumVerification = true }; break;
                    case 'n': print = print with { Numeric = true }; break;
                    case 'q': print = print with { Quiet = true }; break;
                    case 'S': print = print with { AbsoluteSequenceNumbers = true }; break;
                    case 't': timestamps++; break;
                    case 'v': verbosity++; break;
                    case 'x': hex++; break;
                    case 'X': hexAscii++; break;
                    case 'p': options = options with { NoPromiscuousMode = true }; break;
                    case '#': options = options with { PacketNumbers = true }; break;
                    // Line buffering and immediate delivery change nothing in simulated time; -N
                    // strips domains from host names, which are never printed here; -O only
                    // skips the BPF optimiser.
                    case 'l' or 'U' or 'N' or 'O' or '\u0003': break;
                    case '\u0002': options = options with { PrintWhileWriting = true }; break;
                    case 'h':
                        return new Result(null, Stdout: Version + Usage);
                    case '\u0001':
                        return new Result(null, Stdout: Version);
                    case 'c':
                        if (!long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out long count) || count <= 0)
                            return new Result(null, Stderr: $"tcpdump: invalid packet count {value}\n", Status: 1);
                        options = options with { Count = count };
                        break;
                    case 'i': options = options with { Interface = value }; break;
                    case 'r': options = options with { ReadFile = value }; break;
                    case 'w': options = options with { WriteFile = value }; break;
                    case 'F': options = options with { FilterFile = value }; break;
                    case 's':
                        if (!int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int snaplen)
                            || snaplen < 0 || snaplen > TcpdumpOptions.DefaultSnapshotLength)
                            return new Result(null, Stderr: $"tcpdump: invalid snaplen {value} (must be >= 0 and <= 262144)\n", Status: 1);
                        options = options with { SnapshotLength = snaplen == 0 ? TcpdumpOptions.DefaultSnapshotLength : snaplen };
                        break;
                    case 'B':
                        if (!int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int size) || size <= 0)
                            return new Result(null, Stderr: $"tcpdump: invalid packet buffer size {value}\n", Status: 1);
                        break;
                    case 'Q':
                        var direction = value switch
                        {
                            "in" => CaptureDirection.In,
                            "out" => CaptureDirection.Out,
                            "inout" => CaptureDirection.InOut,
                            _ => (CaptureDirection?)null,
                        };
                        if (direction is null) return new Result(null, Stderr: $"tcpdump: unknown capture direction `{value}'\n", Status: 1);
                        options = options with { Direction = direction.Value };
                        break;
                    case 'y': options = options with { DataLinkType = value }; break;
                    case 'Z':
                        // Dropping privileges to a user changes nothing the model shows.
                        break;
                    default:
                        return new Result(null, Stderr: $"tcpdump: netsim: option {Spelling(option)} is not modelled\n", Status: 1);
                }
            }
        }

        if (timestamps > 5) return new Result(null, Stderr: "tcpdump: only -t, -tt, -ttt, -tttt and -ttttt are supported\n", Status: 1);
        if (verbosity > 2)
            return new Result(null, Stderr: "tcpdump: netsim: -vvv is not modelled (-v and -vv are)\n", Status: 1);
        print = print with
        {
            Verbosity = verbosity,
            Timestamps = timestamps switch
            {
                1 => TimestampStyle.None,
                2 => TimestampStyle.Unix,
                3 => TimestampStyle.SincePrevious,
                4 => TimestampStyle.DateAndTime,
                5 => TimestampStyle.SinceFirst,
                _ => TimestampStyle.TimeOfDay,
            },
            // tcpdump checks -X, then -x, then -A: the first given wins.
            Dump = hexAscii > 0 ? (hexAscii > 1 ? RawDump.HexAndAsciiWithLinkHeader : RawDump.HexAndAscii)
                : hex > 0 ? (hex > 1 ? RawDump.HexWithLinkHeader : RawDump.Hex)
                : ascii > 0 ? (ascii > 1 ? RawDump.AsciiWithLinkHeader : RawDump.Ascii)
                : RawDump.None,
        };
        return new Result(options with { Print = print, Expression = string.Join(' ', expression) });
    }

    private static string Spelling(char option) => option switch
    {
        '\u0004' => "--count",
        '\u0005' => "--micro",
        '\u0006' => "--nano",
        '\u0007' => "--time-stamp-precision",
        _ => $"-{option}",
    };

    // getopt's complaint, then tcpdump's version and usage, all on stderr.
    private static Result Failure(string message) => new(null, Stderr: message + "\n" + Version + Usage, Status: 1);
}
