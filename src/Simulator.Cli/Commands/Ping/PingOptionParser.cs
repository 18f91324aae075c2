using System.Globalization;
using Simulator.Cli.Commands.Resolver;
using Simulator.Core.Addressing;

namespace Simulator.Cli.Commands.Ping;

/// <summary>
/// ping's option loop (main() in ping/ping.c of iputils 20221126): the getopt string, each
/// option's checks and messages. Options iputils has and NetSim does not carry out are named
/// after the loop, as a clear error.
/// </summary>
internal sealed class PingOptionParser(string program, TextWriter stdout, TextWriter stderr)
{
    /// <summary>iputils 20221126's getopt string.</summary>
    private const string OptionString = "h?4bRT:6F:N:aABc:CdDe:fi:I:l:Lm:M:nOp:qQ:rs:S:t:UvVw:W:";

    private static readonly Dictionary<char, string> Unmodelled = new()
    {
        ['A'] = "-A (adaptive interval)",
        ['C'] = "-C (connect() on the ICMP socket)",
        ['f'] = "-f (flood)",
        ['F'] = "-F (IPv6 flow label)",
        ['L'] = "-L (multicast loopback)",
        ['m'] = "-m (socket mark)",
        ['M'] = "-M (path MTU discovery mode; IPv4 fragmentation is not modelled)",
        ['N'] = "-N (IPv6 node information queries)",
        ['r'] = "-r (SO_DONTROUTE)",
        ['R'] = "-R (record route)",
        ['S'] = "-S (socket send buffer)",
        ['T'] = "-T (IP timestamp option)",
        ['v'] = "-v (verbose)",
    };

    public List<string> Operands { get; } = [];

    /// <summary>Parses <paramref name="args"/>; writes and exits (<see cref="PingExit"/>) as ping would.</summary>
    public PingOptions Parse(IReadOnlyList<string> args)
    {
        var options = new PingOptions();
        var numbers = new OptionArguments(program, stderr);
        var unmodelled = new List<string>();
        foreach (var item in new GnuGetopt(OptionString).Parse(program, args, Operands))
        {
            if (item.IsError)
            {
                stderr.WriteLine(item.Error);
                Usage();
            }
            var arg = item.Argument ?? "";
            switch (item.Option)
            {
                case 'h' or '?':
                    Usage();
                    break;
                case '4' or '6':
                    int family = item.Option - '0';
                    if (options.Family != 0 && options.Family != family)
                        Exit(2, $"{program}: only one -4 or -6 option may be specified");
                    options.Family = family;
                    break;
                case 'b': options.Broadcast = true; break;
                case 'a': options.Audible = true; break;
                case 'B': options.StrictSource = true; break;
                case 'c': options.Count = numbers.Integer(arg, 1, long.MaxValue); break;
                case 'd': break; // SO_DEBUG: a flag on the socket that changes nothing for ICMP.
                case 'D': options.Timestamps = true; break;
                case 'e': options.Identifier = (int)numbers.Integer(arg, 0, 0xFFFF); break;
                case 'i':
                {
                    double seconds = numbers.Double(arg, "bad timing interval");
                    if (seconds > int.MaxValue / 1000) Exit(2, $"{program}: bad timing interval: {arg}");
                    options.IntervalMs = (int)(seconds * 1000);
                    break;
                }
                case 'I':
                    if (arg.Contains(':')) unmodelled.Add("-I with an IPv6 address");
                    else if (Ipv4Address.TryParse(arg, out var source))
                    {
                        options.Source = source;
                        options.StrictSource = true;
                    }
                    else options.Device = arg;
                    break;
                case 'l': options.Preload = (int)numbers.Integer(arg, 1, 65536); break;
                case 'n': options.Numeric = true; break;
                case 'O': options.Outstanding = true; break;
                case 'p': options.Pattern = Fill(arg, options.Quiet); break;
                case 'q': options.Quiet = true; break;
                case 'Q': options.Tos = numbers.Tos(arg); break;
                case 's': options.DataLength = (int)numbers.Integer(arg, 0, int.MaxValue); break;
                case 't': options.Ttl = (int)numbers.Integer(arg, 0, 255); break;
                case 'U': options.Latency = true; break;
                case 'V':
                    stdout.WriteLine($"{program} from iputils 20221126");
                    stdout.WriteLine("libcap: yes, IDN: yes, NLS: no, error.h: yes, getrandom(): yes, __fpending(): yes");
                    throw new PingExit(0);
                case 'w': options.Deadline = (int)numbers.Integer(arg, 0, int.MaxValue); break;
                case 'W':
                {
                    double seconds = numbers.Double(arg, "bad linger time");
                    if (seconds < 0 || seconds > int.MaxValue / 1000) Exit(2, $"{program}: bad linger time: {arg}");
                    options.LingerMs = (int)(seconds * 1000);
                    break;
                }
                default:
                    unmodelled.Add(Unmodelled[item.Option]);
                    break;
            }
        }
        if (unmodelled.Count > 0)
            throw new NotModelledException($"option {unmodelled[0]} is not modelled");
        return options;
    }

    /// <summary>
    /// fill(): up to 16 bytes given as hex digits, repeated through the data; says what it took
    /// unless -q came before it.
    /// </summary>
    private byte[] Fill(string pattern, bool quiet)
    {
        for (int i = 0; i < pattern.Length; i++)
            if (!char.IsAsciiHexDigit(pattern[i]))
                Exit(2, $"{program}: patterns must be specified as hex digits: {pattern[i..]}");
        var bytes = new List<byte>();
        for (int i = 0; i < pattern.Length && bytes.Count < 16; i += 2)
            bytes.Add(byte.Parse(pattern.AsSpan(i, Math.Min(2, pattern.Length - i)), NumberStyles.AllowHexSpecifier,
                CultureInfo.InvariantCulture));
        if (!quiet) stdout.WriteLine("PATTERN: 0x" + string.Concat(bytes.Select(b => b.ToString("x2", CultureInfo.InvariantCulture))));
        return bytes.ToArray();
    }

    private void Usage()
    {
        stderr.Write(PingUsage.Text);
        throw new PingExit(2);
    }

    private void Exit(int status, string message)
    {
        stderr.WriteLine(message);
        throw new PingExit(status);
    }
}
