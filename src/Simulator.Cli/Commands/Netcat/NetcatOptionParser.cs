using System.Globalization;
using Simulator.Cli.Commands.Ping;

namespace Simulator.Cli.Commands.Netcat;

/// <summary>
/// netcat-openbsd's option loop and its checks of the operands (main() in netcat.c, Debian
/// 1.219-1, linked with glibc's getopt, which also takes options after the operands). The
/// messages are the real ones; options the model does not carry out are refused by name.
/// </summary>
internal sealed class NetcatOptionParser(TextWriter stderr)
{
    /// <summary>netcat-openbsd 1.219's getopt string.</summary>
    private const string OptionString = "46bCDdFhI:i:klM:m:NnO:P:p:q:rSs:T:tUuV:vW:w:X:x:Z:z";

    private static readonly Dictionary<char, string> Unmodelled = new()
    {
        ['D'] = "-D (SO_DEBUG)",
        ['F'] = "-F (passing the socket to the parent)",
        ['I'] = "-I (TCP receive buffer length)",
        ['i'] = "-i (delay between lines and ports)",
        ['M'] = "-M (outgoing TTL)",
        ['m'] = "-m (minimum incoming TTL)",
        ['O'] = "-O (TCP send buffer length)",
        ['P'] = "-P (proxy user)",
        ['S'] = "-S (TCP MD5 signatures)",
        ['T'] = "-T (TOS)",
        ['t'] = "-t (TELNET negotiation)",
        ['U'] = "-U (UNIX domain sockets)",
        ['V'] = "-V (routing tables)",
        ['W'] = "-W (receive limit)",
        ['X'] = "-X (proxy protocol)",
        ['x'] = "-x (proxy)",
        ['Z'] = "-Z (DCCP)",
    };

    /// <summary>The options, or null when nc would stop here; then <paramref name="status"/> is its exit status.</summary>
    public NetcatOptions? Parse(IReadOnlyList<string> args, out int status)
    {
        status = 1;
        var options = new NetcatOptions();
        var operands = new List<string>();
        var unmodelled = new List<string>();
        foreach (var item in new GnuGetopt(OptionString).Parse("nc", args, operands))
        {
            if (item.IsError)
            {
                stderr.WriteLine(item.Error);
                return Usage(out status);
            }
            var argument = item.Argument ?? "";
            switch (item.Option)
            {
                case '4': options.Ipv6Only = false; break;
                case '6': options.Ipv6Only = true; break;
                case 'b': options.Broadcast = true; break;
                case 'C': options.Crlf = true; break;
                case 'd': options.DetachStdin = true; break;
                case 'h':
                    stderr.WriteLine(NetcatUsage.Banner);
                    foreach (var line in NetcatUsage.Usage) stderr.WriteLine(line);
                    foreach (var line in NetcatUsage.CommandSummary) stderr.WriteLine(line);
                    status = 0;
                    return null;
                case 'k': options.KeepListening = true; break;
                case 'l': options.Listen = true; break;
                case 'N': options.ShutdownOnEof = true; break;
                case 'n': options.Numeric = true; break;
                case 'p': options.SourcePort = argument; break;
                case 'q':
                    if (!StrToNum(argument, int.MinValue, int.MaxValue, out long quit, out var quitError))
                        return Fail($"nc: quit timer {quitError}: {argument}", out status);
                    options.QuitAfterEof = (int)quit;
                    break;
                case 'r': options.RandomPorts = true; break;
                case 's': options.SourceAddress = argument; break;
                case 'u': options.Udp = true; break;
                case 'v': options.Verbose = true; break;
                case 'w':
                    if (!StrToNum(argument, 0, int.MaxValue / 1000, out long seconds, out var timeoutError))
                        return Fail($"nc: timeout {timeoutError}: {argument}", out status);
                    options.Timeout = (int)seconds;
                    break;
                case 'z': options.ZeroIo = true; break;
                default:
                    if (Unmodelled.TryGetValue(item.Option, out var name) && !unmodelled.Contains(name)) unmodelled.Add(name);
                    break;
            }
        }

        // The operands (netcat.c's "cruft to make sure options are clean, and used properly").
        if (options.Listen && options.SourceAddress != null) return Usage(out status);
        switch (operands.Count)
        {
            case 0 when options.Listen:
                if (options.SourcePort is null) return Fail("nc: missing port number", out status);
                options.Ports.Add(options.SourcePort);
                options.SourcePort = null;
                break;
            case 0:
                return Usage(out status);
            case 1 when options.Listen:
                if (options.SourcePort != null) return Usage(out status);
                options.Ports.Add(operands[0]);
                break;
            case 1:
                return Fail("nc: missing port number", out status);
            default:
                if (options.Listen && (options.SourcePort != null || operands.Count > 2)) return Usage(out status);
                options.Host = operands[0];
                options.Ports.AddRange(operands.Skip(1));
                break;
        }
        if (options.Listen && options.ZeroIo) return Fail("nc: cannot use -z and -l", out status);
        if (options.KeepListening && !options.Listen) return Fail("nc: must use -l with -k", out status);
        if (unmodelled.Count > 0)
            return Fail($"netsim: nc: {string.Join(", ", unmodelled)} {(unmodelled.Count == 1 ? "is" : "are")} not modelled", out status);
        return options;
    }

    private NetcatOptions? Usage(out int status)
    {
        foreach (var line in NetcatUsage.Usage) stderr.WriteLine(line);
        status = 1;
        return null;
    }

    private NetcatOptions? Fail(string message, out int status)
    {
        stderr.WriteLine(message);
        status = 1;
        return null;
    }

    /// <summary>
    /// OpenBSD's strtonum: a decimal integer within [min, max], else "invalid", "too small" or
    /// "too large" (the words nc puts in its messages).
    /// </summary>
    public static bool StrToNum(string text, long min, long max, out long value, out string error)
    {
        error = "";
        value = 0;
        var trimmed = text.TrimStart(' ', '\t', '\n', '\v', '\f', '\r');
        if (!long.TryParse(trimmed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value))
        {
            bool digits = trimmed.Length > 0 && trimmed.TrimStart('-', '+').Length > 0 && trimmed.TrimStart('-', '+').All(char.IsAsciiDigit);
            if (digits)
            {
                error = trimmed.StartsWith('-') ? "too small" : "too large";
                return false;
            }
            error = "invalid";
            return false;
        }
        if (value < min)
        {
            error = "too small";
            return false;
        }
        if (value > max)
        {
            error = "too large";
            return false;
        }
        return true;
    }
}
