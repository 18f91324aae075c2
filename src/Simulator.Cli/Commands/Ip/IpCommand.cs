using Simulator.Cli.Host;

namespace Simulator.Cli.Commands.Ip;

/// <summary>
/// iproute2's ip (6.1): global options, then an object (abbreviated as ip allows: "a", "r",
/// "l", "n") and its command. Objects NetSim has no model for fail with a clear error.
/// </summary>
public sealed class IpCommand : INetworkCommand
{
    public IReadOnlyList<string> Names { get; } = ["ip"];

    /// <summary>ip.c's object table, in its order: the first object a word abbreviates wins.</summary>
    private static readonly string[] Objects =
    [
        "address", "addrlabel", "maddress", "route", "rule", "neighbor", "neighbour", "ntable", "ntbl", "link",
        "l2tp", "fou", "ila", "macsec", "tunnel", "tunl", "tuntap", "tap", "token", "tcpmetrics", "tcp_metrics",
        "monitor", "xfrm", "mroute", "mrule", "netns", "netconf", "vrf", "sr", "nexthop", "mptcp", "ioam", "help",
        "stats",
    ];

    public int Run(Invocation invocation)
    {
        try
        {
            var args = new IpArguments(invocation.Args);
            var options = ParseOptions(args);
            var ns = invocation.Namespace;
            if (options.Netns != null)
            {
                ns = invocation.World.FindNamespace(options.Netns)
                     ?? throw new IpUsageError($"Cannot open network namespace \"{options.Netns}\": No such file or directory");
            }
            if (!args.HasMore) throw IpUsageError.NotModelled("ip without an object (iproute2 prints its usage)");
            var ip = new IpContext(invocation, ns, options);
            var word = args.Next();
            var name = Objects.FirstOrDefault(o => IpArguments.Matches(word, o))
                       ?? throw new IpUsageError($"Object \"{word}\" is unknown, try \"ip help\".", IpUsageError.Failure);
            return name switch
            {
                "address" => IpAddrCommand.Run(ip, args),
                "route" => IpRouteCommand.Run(ip, args),
                "rule" => IpRuleCommand.Run(ip, args),
                "neighbor" or "neighbour" => IpNeighCommand.Run(ip, args),
                "link" => IpLinkCommand.Run(ip, args),
                "netns" => IpNetnsCommand.Run(ip, args),
                _ => throw IpUsageError.NotModelled($"ip {name}"),
            };
        }
        catch (IpUsageError error)
        {
            invocation.Err.WriteLine(error.Message);
            return error.Status;
        }
    }

    /// <summary>
    /// ip.c's option loop: words starting with '-' (or "--"), each abbreviated as far as ip
    /// allows in its own order ("-s" statistics, "-d" details, "-o" oneline, "-br" brief, "-n" netns).
    /// </summary>
    private static IpOptions ParseOptions(IpArguments args)
    {
        var options = new IpOptions();
        while (args.HasMore && args.Current.Length > 1 && args.Current[0] == '-')
        {
            var word = args.Next();
            var option = word.StartsWith("--", StringComparison.Ordinal) ? word[1..] : word;
            if (IpArguments.Matches(option, "-loops")) { args.Value(); continue; }
            if (IpArguments.Matches(option, "-family"))
            {
                var family = args.Value();
                if (family != "inet") throw IpUsageError.NotModelled($"ip -f {family} (NetSim models IPv4 only)");
                options = options with { Inet = true };
                continue;
            }
            switch (option)
            {
                case "-4": options = options with { Inet = true }; continue;
                case "-6": throw IpUsageError.NotModelled("ip -6 (NetSim models IPv4 only)");
                case "-0" or "-M" or "-B": throw IpUsageError.NotModelled($"ip {option} (NetSim models IPv4 only)");
            }
            if (IpArguments.Matches(option, "-human") || IpArguments.Matches(option, "-human-readable") || IpArguments.Matches(option, "-iec"))
                throw IpUsageError.NotModelled($"ip {word}");
            if (IpArguments.Matches(option, "-stats") || IpArguments.Matches(option, "-statistics"))
            {
                if (options.Stats >= 1) throw IpUsageError.NotModelled("ip -s -s (the error counters)");
                options = options with { Stats = options.Stats + 1 };
                continue;
            }
            if (IpArguments.Matches(option, "-details")) { options = options with { Details = true }; continue; }
            if (IpArguments.Matches(option, "-resolve") || IpArguments.Matches(option, "-timestamp") || IpArguments.Matches(option, "-tshort"))
                throw IpUsageError.NotModelled($"ip {word}");
            if (IpArguments.Matches(option, "-oneline")) { options = options with { OneLine = true }; continue; }
            if (IpArguments.Matches(option, "-Version")) throw IpUsageError.NotModelled("ip -V");
            if (IpArguments.Matches(option, "-force") || IpArguments.Matches(option, "-batch") || IpArguments.Matches(option, "-rcvbuf"))
                throw IpUsageError.NotModelled($"ip {word}");
            if (IsColor(option, out var color))
            {
                // Output is never a terminal here, so "auto" and "never" print plain text alike.
                if (color == "always") throw IpUsageError.NotModelled("ip -color=always");
                continue;
            }
            if (IpArguments.Matches(option, "-help")) throw IpUsageError.NotModelled("ip -help");
            if (IpArguments.Matches(option, "-netns")) { options = options with { Netns = args.Value() }; continue; }
            if (IpArguments.Matches(option, "-Numeric")) continue;
            if (IpArguments.Matches(option, "-all")) throw IpUsageError.NotModelled("ip -all");
            if (IpArguments.Matches(option, "-brief")) { options = options with { Brief = true }; continue; }
            if (IpArguments.Matches(option, "-json") || IpArguments.Matches(option, "-pretty"))
                throw IpUsageError.NotModelled($"ip {word} (JSON output)");
            throw new IpUsageError($"Option \"{word}\" is unknown, try \"ip -help\".");
        }
        return options;
    }

    /// <summary>matches_color: "-c", "-color", "-color=WHEN" (WHEN: always, auto, never).</summary>
    private static bool IsColor(string option, out string when)
    {
        var equals = option.IndexOf('=');
        var name = equals < 0 ? option : option[..equals];
        when = equals < 0 ? "always" : option[(equals + 1)..];
        return IpArguments.Matches(name, "-color");
    }
}
