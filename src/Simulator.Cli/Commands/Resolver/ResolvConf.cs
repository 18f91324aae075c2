using System.Globalization;
using Simulator.Core.Addressing;

namespace Simulator.Cli.Commands.Resolver;

/// <summary>
/// /etc/resolv.conf as glibc's res_init reads it (resolv/res_init.c): up to three
/// <c>nameserver</c> lines, the search list from the last <c>search</c> or <c>domain</c> line, and
/// <c>options</c> ndots, timeout and attempts. Without a nameserver line the stub resolver asks
/// 127.0.0.1, as glibc does when the file is missing or names none.
/// </summary>
public sealed class ResolvConf
{
    /// <summary>MAXNS: glibc uses the first three nameservers and ignores the rest.</summary>
    public const int MaxNameservers = 3;
    /// <summary>RES_TIMEOUT, the default of options timeout: (seconds).</summary>
    public const int DefaultTimeout = 5;
    /// <summary>RES_DFLRETRY, the default of options attempts:.</summary>
    public const int DefaultAttempts = 2;
    /// <summary>RES_MAXRETRANS: options timeout: is capped here.</summary>
    public const int MaxTimeout = 30;
    /// <summary>RES_MAXRETRY: options attempts: is capped here.</summary>
    public const int MaxAttempts = 5;
    /// <summary>RES_MAXNDOTS.</summary>
    public const int MaxNdots = 15;

    public IReadOnlyList<Ipv4Address> Nameservers { get; private init; } = [];
    public IReadOnlyList<string> Search { get; private init; } = [];
    public int Ndots { get; private init; } = 1;
    public int Timeout { get; private init; } = DefaultTimeout;
    public int Attempts { get; private init; } = DefaultAttempts;
    /// <summary>options rotate: each lookup starts at the next server.</summary>
    public bool Rotate { get; private init; }
    /// <summary>The resolv.conf features this model does not carry out (use-vc, IPv6 servers…), for a clear error.</summary>
    public IReadOnlyList<string> Unmodelled { get; private init; } = [];

    /// <summary>Reads the file's text; null (no file) gives the defaults.</summary>
    public static ResolvConf Parse(string? text)
    {
        var servers = new List<Ipv4Address>();
        var search = new List<string>();
        var unmodelled = new List<string>();
        int ndots = 1, timeout = DefaultTimeout, attempts = DefaultAttempts;
        bool rotate = false;
        foreach (var raw in (text ?? "").Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Length == 0 || line[0] is '#' or ';') continue;
            var words = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (words.Length == 0) continue;
            switch (words[0])
            {
                case "nameserver" when words.Length > 1:
                    if (servers.Count >= MaxNameservers) break;
                    if (InetAton.TryParse(words[1], out var server)) servers.Add(server);
                    else if (words[1].Contains(':')) unmodelled.Add($"IPv6 nameserver {words[1]}");
                    break;
                case "domain" when words.Length > 1:
                    search = [words[1]];
                    break;
                case "search" when words.Length > 1:
                    search = words.Skip(1).ToList();
                    break;
                case "options":
                    foreach (var option in words.Skip(1))
                        ApplyOption(option, ref ndots, ref timeout, ref attempts, ref rotate, unmodelled);
                    break;
            }
        }
        return new ResolvConf
        {
            Nameservers = servers.Count > 0 ? servers : [Ipv4Address.Loopback],
            Search = search.Select(d => d.TrimEnd('.')).Where(d => d.Length > 0).ToList(),
            Ndots = ndots,
            Timeout = timeout,
            Attempts = attempts,
            Rotate = rotate,
            Unmodelled = unmodelled,
        };
    }

    private static void ApplyOption(string option, ref int ndots, ref int timeout, ref int attempts, ref bool rotate,
        List<string> unmodelled)
    {
        if (TryNumber(option, "ndots:", out int n)) ndots = Math.Min(n, MaxNdots);
        else if (TryNumber(option, "timeout:", out n)) timeout = Math.Min(n, MaxTimeout);
        else if (TryNumber(option, "attempts:", out n)) attempts = Math.Min(n, MaxAttempts);
        else if (option == "rotate") rotate = true;
        else if (option is "use-vc" or "usevc") unmodelled.Add("options use-vc (DNS over TCP)");
        // Other options (edns0, trust-ad, single-request…) change nothing a ping shows here.
    }

    private static bool TryNumber(string option, string prefix, out int value)
    {
        value = 0;
        if (!option.StartsWith(prefix, StringComparison.Ordinal)) return false;
        // res_init reads the digits with atoi: a bad number is 0.
        var digits = new string(option[prefix.Length..].TakeWhile(char.IsAsciiDigit).ToArray());
        value = digits.Length == 0 ? 0 : int.Parse(digits.Length > 9 ? digits[..9] : digits, CultureInfo.InvariantCulture);
        return true;
    }
}
