using System.Globalization;
using Simulator.Cli.Host;
using Simulator.Core.Addressing;
using Simulator.Netfilter.Conntrack;

namespace Simulator.Cli.Commands.Conntrack;

/// <summary>
/// conntrack (conntrack-tools 1.4.7) on the namespace's connection table: -L lists, -D deletes,
/// -F flushes, -C counts, -S shows statistics, -E follows events until stopped. The summary line
/// goes to stderr, as the real tool writes it. Creating or updating entries (-I, -U, -G) and
/// expectation tables other than listing them empty are not modelled and fail saying so.
/// </summary>
public sealed class ConntrackCommand : INetworkCommand
{
    private const string Program = "conntrack v1.4.7 (conntrack-tools)";

    public IReadOnlyList<string> Names { get; } = ["conntrack"];

    private enum Verb { None, List, Delete, Flush, Count, Stats, Events }

    private sealed class Options
    {
        public Verb Verb;
        public string Table = "conntrack";
        public ConntrackFilter Filter = new();
        public bool Extended;
        public HashSet<ConntrackEventKind>? EventMask;
        public List<string> FilterOptionsUsed = [];
    }

    private sealed class UsageError(string message) : Exception(message);

    public int Run(Invocation invocation)
    {
        Options options;
        try
        {
            options = Parse(invocation.Args);
        }
        catch (UsageError error)
        {
            invocation.Err.Write($"{Program}: {error.Message}\nTry `conntrack -h' or 'conntrack --help' for more information.\n");
            return 2;
        }
        var firewall = invocation.Namespace.Firewall;
        var table = firewall.Connections;
        long now = invocation.World.Simulation.Now;
        switch (options.Verb)
        {
            case Verb.None:
                invocation.Out.Write(ConntrackUsage.Text);
                return 0;
            case Verb.List:
            {
                if (options.Table == "expect")
                {
                    invocation.Err.WriteLine($"{Program}: 0 expectations have been shown.");
                    return 0;
                }
                var shown = options.Table == "conntrack"
                    ? table.Entries.Where(options.Filter.Matches).ToList()
                    : [];
                foreach (var entry in shown) invocation.Out.WriteLine(ConntrackFormat.Listing(entry, now, options.Extended));
                invocation.Err.WriteLine($"{Program}: {shown.Count} flow entries have been shown.");
                return 0;
            }
            case Verb.Delete:
            {
                var doomed = table.Entries.Where(options.Filter.Matches).ToList();
                // conntrack -D dumps on one netlink socket and deletes on a second, which gets an
                // autobound port id from the negative range (netlink_autobind).
                int portId = unchecked((int)(0x80000000u + (uint)invocation.World.Simulation.Random.Next(int.MaxValue - 4096)));
                foreach (var entry in doomed)
                {
                    invocation.Out.WriteLine(ConntrackFormat.Listing(entry, now, options.Extended));
                    table.Kill(entry, portId);
                }
                invocation.Err.WriteLine($"{Program}: {doomed.Count} flow entries have been deleted.");
                return doomed.Count == 0 ? 1 : 0;
            }
            case Verb.Flush:
                table.Flush(invocation.Machine.Jobs.AllocatePid());
                invocation.Err.WriteLine($"{Program}: connection tracking table has been emptied.");
                return 0;
            case Verb.Count:
                invocation.Out.WriteLine(table.Count.ToString(CultureInfo.InvariantCulture));
                return 0;
            case Verb.Stats:
                WriteStatistics(invocation.Out, table.Statistics);
                return 0;
            default:
                return new ConntrackEventsCommand(options.Filter, options.EventMask, options.Extended).Run(invocation);
        }
    }

    /// <summary>
    /// conntrack -S: one line per CPU. The model counts on the first of the reference machine's
    /// two CPUs; found, insert and search_restart are not counted by current kernels.
    /// </summary>
    private static void WriteStatistics(TextWriter output, ConntrackStatistics stats)
    {
        for (int cpu = 0; cpu < 2; cpu++)
        {
            bool first = cpu == 0;
            output.Write($"cpu={cpu,-4}\tfound=0 invalid={(first ? stats.Invalid : 0)} insert=0 insert_failed={(first ? stats.InsertFailed : 0)} " +
                         $"drop={(first ? stats.Drop : 0)} early_drop={(first ? stats.EarlyDrop : 0)} error={(first ? stats.Error : 0)} " +
                         "search_restart=0 clash_resolve=0 chaintoolong=0 \n");
        }
    }

    private static Options Parse(IReadOnlyList<string> args)
    {
        var options = new Options();
        var filter = options.Filter;
        for (int i = 0; i < args.Count; i++)
        {
            string arg = args[i];
            string Value()
            {
                if (i + 1 >= args.Count) throw new UsageError($"option `{arg}' requires an argument");
                return args[++i];
            }
            string? OptionalValue() => i + 1 < args.Count && !args[i + 1].StartsWith('-') ? args[++i] : null;
            void SetVerb(Verb verb)
            {
                if (options.Verb != Verb.None) throw new UsageError("Invalid parameters");
                options.Verb = verb;
                if (verb is Verb.List or Verb.Delete or Verb.Flush or Verb.Count or Verb.Events
                    && i + 1 < args.Count && args[i + 1] is "conntrack" or "expect" or "dying" or "unconfirmed")
                    options.Table = args[++i];
            }
            void Filtering(string longName)
            {
                options.FilterOptionsUsed.Add(longName);
            }
            switch (arg)
            {
                case "-L" or "--dump": SetVerb(Verb.List); break;
                case "-D" or "--delete": SetVerb(Verb.Delete); break;
                case "-F" or "--flush": SetVerb(Verb.Flush); break;
                case "-C" or "--count": SetVerb(Verb.Count); break;
                case "-S" or "--stats":
                    SetVerb(Verb.Stats);
                    if (i + 1 < args.Count && !args[i + 1].StartsWith('-')) throw new UsageError($"unknown type `{args[i + 1]}'");
                    break;
                case "-E" or "--event": SetVerb(Verb.Events); break;
                case "-h" or "--help": options.Verb = Verb.None; return options;
                case "-I" or "--create" or "-U" or "--update" or "-G" or "--get":
                    throw new UsageError($"`{arg}' is not modelled by NetSim (entries are created by packets only)");
                case "-p" or "--protonum" or "--proto":
                    Filtering("--protonum");
                    string proto = Value();
                    filter.Protocol = proto switch
                    {
                        "tcp" => 6,
                        "udp" => 17,
                        "icmp" => 1,
                        _ when byte.TryParse(proto, NumberStyles.None, CultureInfo.InvariantCulture, out byte n) && n is 6 or 17 or 1 => n,
                        _ => throw new UsageError($"`{proto}' unsupported protocol"),
                    };
                    break;
                case "-s" or "--src" or "--orig-src": Filtering("--orig-src"); filter.OrigSource = Address(Value()); break;
                case "-d" or "--dst" or "--orig-dst": Filtering("--orig-dst"); filter.OrigDestination = Address(Value()); break;
                case "-r" or "--reply-src": Filtering("--reply-src"); filter.ReplySource = Address(Value()); break;
                case "-q" or "--reply-dst": Filtering("--reply-dst"); filter.ReplyDestination = Address(Value()); break;
                case "--sport" or "--orig-port-src" or "--dport" or "--orig-port-dst" or "--reply-port-src" or "--reply-port-dst":
                    if (filter.Protocol is not (6 or 17)) throw new UsageError($"unknown option `{arg}'");
                    Filtering(arg);
                    ushort port = Port(Value());
                    if (arg is "--sport" or "--orig-port-src") filter.OrigSourcePort = port;
                    else if (arg is "--dport" or "--orig-port-dst") filter.OrigDestinationPort = port;
                    else if (arg == "--reply-port-src") filter.ReplySourcePort = port;
                    else filter.ReplyDestinationPort = port;
                    break;
                case "--icmp-type" or "--icmp-code" or "--icmp-id":
                    if (filter.Protocol != 1) throw new UsageError($"unknown option `{arg}'");
                    Filtering(arg);
                    string icmpValue = Value();
                    if (!ushort.TryParse(icmpValue, NumberStyles.None, CultureInfo.InvariantCulture, out ushort number))
                        throw new UsageError($"invalid value `{icmpValue}' for {arg}");
                    if (arg == "--icmp-type") filter.IcmpType = (byte)number;
                    else if (arg == "--icmp-code") filter.IcmpCode = (byte)number;
                    else filter.IcmpId = number;
                    break;
                case "-n" or "--src-nat":
                    Filtering("--src-nat");
                    filter.SrcNat = true;
                    if (OptionalValue() is { } snat) filter.NatAddress = Address(snat);
                    break;
                case "-g" or "--dst-nat":
                    Filtering("--dst-nat");
                    filter.DstNat = true;
                    if (OptionalValue() is { } dnat) filter.NatAddress = Address(dnat);
                    break;
                case "-j" or "--any-nat":
                    Filtering("--any-nat");
                    filter.AnyNat = true;
                    if (OptionalValue() is { } any) filter.NatAddress = Address(any);
                    break;
                case "-m" or "--mark":
                    Filtering("--mark");
                    filter.Mark = Mark(Value());
                    break;
                case "-u" or "--status":
                    Filtering("--status");
                    filter.Status = Status(Value());
                    break;
                case "-f" or "--family":
                    string family = Value();
                    if (family is not ("ipv4" or "ipv6")) throw new UsageError($"`{family}' unsupported protocol");
                    filter.Ipv6 = family == "ipv6";
                    break;
                case "-o" or "--output":
                    foreach (var format in Value().Split(','))
                    {
                        if (format == "extended") options.Extended = true;
                        else throw new UsageError($"output format `{format}' is not modelled by NetSim");
                    }
                    break;
                case "-e" or "--event-mask":
                    options.EventMask = [];
                    foreach (var name in Value().Split(','))
                    {
                        options.EventMask.Add(name switch
                        {
                            "NEW" => ConntrackEventKind.New,
                            "UPDATE" => ConntrackEventKind.Update,
                            "DESTROY" => ConntrackEventKind.Destroy,
                            "ALL" => ConntrackEventKind.New,
                            _ => throw new UsageError($"unknown event type `{name}'"),
                        });
                        if (name == "ALL") options.EventMask.UnionWith([ConntrackEventKind.Update, ConntrackEventKind.Destroy]);
                    }
                    break;
                default:
                    throw new UsageError($"unknown option `{arg}'");
            }
        }
        if (options.Verb is Verb.Count or Verb.Flush or Verb.Stats && options.FilterOptionsUsed.Count > 0)
            throw new UsageError($"Illegal option `{options.FilterOptionsUsed[0]}' with this command");
        return options;
    }

    /// <summary>inet_aton, as conntrack parses addresses: "1.2.3" is 1.2.0.3.</summary>
    private static Ipv4Address Address(string text)
    {
        var parts = text.Split('.');
        if (parts.Length is < 1 or > 4 || parts.Any(p => !uint.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
            throw new UsageError($"Bad parameter `{text}'");
        var numbers = parts.Select(p => uint.Parse(p, CultureInfo.InvariantCulture)).ToArray();
        uint value = numbers.Length switch
        {
            1 => numbers[0],
            2 => numbers[0] << 24 | numbers[1],
            3 => numbers[0] << 24 | numbers[1] << 16 | numbers[2],
            _ => numbers[0] << 24 | numbers[1] << 16 | numbers[2] << 8 | numbers[3],
        };
        return new Ipv4Address(value);
    }

    private static ushort Port(string text) =>
        ushort.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out ushort port) ? port : throw new UsageError($"Bad parameter `{text}'");

    private static (uint, uint) Mark(string text)
    {
        var parts = text.Split('/');
        uint Parse(string s) => s.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? uint.Parse(s[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture)
            : uint.Parse(s, CultureInfo.InvariantCulture);
        try
        {
            return parts.Length == 2 ? (Parse(parts[0]), Parse(parts[1])) : (Parse(parts[0]), uint.MaxValue);
        }
        catch (FormatException)
        {
            throw new UsageError($"Bad parameter `{text}'");
        }
    }

    private static ConntrackStatus Status(string text)
    {
        var status = ConntrackStatus.None;
        foreach (var name in text.Split(','))
        {
            status |= name switch
            {
                "ASSURED" => ConntrackStatus.Assured,
                "SEEN_REPLY" => ConntrackStatus.SeenReply,
                "SRC_NAT" => ConntrackStatus.SrcNat,
                "DST_NAT" => ConntrackStatus.DstNat,
                "CONFIRMED" => ConntrackStatus.Confirmed,
                _ => throw new UsageError($"Bad parameter `{name}'"),
            };
        }
        return status;
    }
}
