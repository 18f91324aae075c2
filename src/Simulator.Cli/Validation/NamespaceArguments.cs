namespace Simulator.Cli.Validation;

/// <summary>A command's argv for the real machine, or why it must not run there.</summary>
public sealed record ArgumentMapping(IReadOnlyList<string> Argv, string? Refusal)
{
    public static ArgumentMapping Refuse(string reason) => new([], reason);
}

/// <summary>
/// Rewrites every namespace a command names to the run's real namespace (NAME → PREFIX-NAME),
/// from a table of which arguments of which tools name a namespace, and refuses what could
/// reach a namespace the run did not create: a process id or a path where a namespace name goes
/// (<c>ip link set X netns 1</c> is the machine's own namespace), <c>ip -all netns …</c>, batch
/// files of the machine, <c>/proc/PID/ns/…</c>.
/// </summary>
public sealed class NamespaceArguments(RealNamespaces names)
{
    private const string RunNetns = "/run/netns/";
    private const string VarRunNetns = "/var/run/netns/";

    /// <summary>Maps <paramref name="argv"/> and, for <c>ip netns exec NS CMD</c>, the command it runs.</summary>
    public ArgumentMapping Map(IReadOnlyList<string> argv)
    {
        var result = new List<string>(argv.Count);
        var refusal = MapInto(argv, result);
        return refusal is null ? new ArgumentMapping(result, null) : ArgumentMapping.Refuse(refusal);
    }

    private string? MapInto(IReadOnlyList<string> argv, List<string> result)
    {
        foreach (var arg in argv)
        {
            if (arg.Contains("/ns/", StringComparison.Ordinal) && arg.Contains("/proc/", StringComparison.Ordinal))
                return $"\"{arg}\" names a process's namespace, which may be the machine's own";
        }
        return ToolName(argv[0]) switch
        {
            "ip" => MapIp(argv, result),
            "tc" or "bridge" => MapGlobalNetnsOption(argv, result, batchOptions: ["-b", "-batch"]),
            "ss" => MapSs(argv, result),
            "timeout" => MapWrapped(argv, result, TimeoutCommandStart(argv)),
            "nohup" => MapWrapped(argv, result, 1),
            _ => CopyWithPaths(argv, 0, result),
        };
    }

    public static string ToolName(string argv0) => Path.GetFileName(argv0);

    /// <summary>The mapped form of a namespace value, or a refusal.</summary>
    private string? MapNamespaceValue(string value, List<string> result)
    {
        if (value.Length > 0 && value.All(char.IsAsciiDigit))
            return $"namespace \"{value}\" is a process id: it could be the machine's own namespace";
        if (value.Contains('/', StringComparison.Ordinal))
        {
            var mapped = MapPath(value);
            if (mapped == value) return $"namespace \"{value}\" is a path outside the run's namespaces";
            result.Add(mapped);
            return null;
        }
        result.Add(names.Map(value));
        return null;
    }

    /// <summary>/run/netns/NAME and /var/run/netns/NAME inside any argument (nsenter --net=…).</summary>
    private string MapPath(string arg)
    {
        foreach (var dir in new[] { VarRunNetns, RunNetns })
        {
            int at = arg.IndexOf(dir, StringComparison.Ordinal);
            if (at < 0) continue;
            int start = at + dir.Length;
            if (start < arg.Length && !names.Owns(arg[start..])) return arg[..start] + names.Map(arg[start..]);
            return arg;
        }
        return arg;
    }

    private string? CopyWithPaths(IReadOnlyList<string> argv, int from, List<string> result)
    {
        for (int i = from; i < argv.Count; i++) result.Add(MapPath(argv[i]));
        return null;
    }

    private string? MapWrapped(IReadOnlyList<string> argv, List<string> result, int commandStart)
    {
        for (int i = 0; i < commandStart && i < argv.Count; i++) result.Add(argv[i]);
        return commandStart < argv.Count ? MapInto(argv.Skip(commandStart).ToList(), result) : null;
    }

    /// <summary>Where the command of <c>timeout [OPTIONS] DURATION COMMAND…</c> starts.</summary>
    public static int TimeoutCommandStart(IReadOnlyList<string> argv)
    {
        int i = 1;
        while (i < argv.Count && argv[i].StartsWith('-') && argv[i] != "--")
        {
            // -s SIGNAL and -k DURATION take a value unless it is attached.
            if (argv[i] is "-s" or "-k" or "--signal" or "--kill-after") i++;
            i++;
        }
        if (i < argv.Count && argv[i] == "--") i++;
        return i + 1;
    }

    // ----- ip -----

    /// <summary>What an ip global option is, by iproute2's prefix matching (ip.c tests them in this order).</summary>
    public static string? IpOption(string option)
    {
        if (option.StartsWith("--", StringComparison.Ordinal)) option = option[1..];
        static bool Is(string opt, string full, int min) => opt.Length >= min && full.StartsWith(opt, StringComparison.Ordinal);
        if (Is(option, "-loops", 2)) return "loops";
        if (Is(option, "-family", 2)) return "family";
        if (Is(option, "-batch", 2)) return "batch";
        if (Is(option, "-rcvbuf", 3)) return "rcvbuf";
        if (Is(option, "-netns", 2)) return "netns";
        if (Is(option, "-all", 2)) return "all";
        return null;
    }

    /// <summary>Where the object (link, addr, netns…) of an ip command line is; argv.Count when none.</summary>
    public static int IpObjectIndex(IReadOnlyList<string> argv)
    {
        int i = 1;
        while (i < argv.Count && argv[i].StartsWith('-'))
        {
            if (argv[i] == "--") return i + 1;
            if (IpOption(argv[i]) is "loops" or "family" or "batch" or "rcvbuf" or "netns") i++;
            i++;
        }
        return i;
    }

    /// <summary>ip's object words: "netns" is matched from "net" (neighbour takes "n" and "ne").</summary>
    public static bool IsNetnsObject(string word) => word.Length >= 3 && "netns".StartsWith(word, StringComparison.Ordinal);

    private string? MapIp(IReadOnlyList<string> argv, List<string> result)
    {
        result.Add(argv[0]);
        int i = 1;
        while (i < argv.Count && argv[i].StartsWith('-') && argv[i] != "--")
        {
            var option = IpOption(argv[i]);
            switch (option)
            {
                case "all":
                    return "ip -all acts on every namespace of the machine";
                case "batch":
                    return "ip -batch reads commands from a file of the machine";
                case "netns":
                    result.Add(argv[i]);
                    if (i + 1 >= argv.Count) return null;
                    if (MapNamespaceValue(argv[i + 1], result) is { } refusal) return refusal;
                    i += 2;
                    continue;
                case "loops" or "family" or "rcvbuf":
                    result.Add(argv[i]);
                    if (i + 1 < argv.Count) result.Add(argv[i + 1]);
                    i += 2;
                    continue;
                default:
                    result.Add(argv[i++]);
                    continue;
            }
        }
        if (i < argv.Count && argv[i] == "--") result.Add(argv[i++]);
        if (i >= argv.Count) return null;
        if (IsNetnsObject(argv[i])) return MapIpNetns(argv, i, result);

        // ip link … netns NAME, peer … netns NAME, link-netns NAME.
        for (; i < argv.Count; i++)
        {
            result.Add(argv[i]);
            if (argv[i] is "netns" or "link-netns" && i + 1 < argv.Count)
            {
                if (MapNamespaceValue(argv[++i], result) is { } refusal) return refusal;
            }
        }
        return null;
    }

    private string? MapIpNetns(IReadOnlyList<string> argv, int objectIndex, List<string> result)
    {
        result.Add(argv[objectIndex]);
        int i = objectIndex + 1;
        if (i >= argv.Count) return null;
        var verb = argv[i];
        result.Add(verb);
        i++;
        switch (IpNetnsVerb(verb))
        {
            case "attach":
                return "ip netns attach names a process's namespace, which may be the machine's own";
            case "identify" when i < argv.Count:
                return "ip netns identify PID looks at a process of the machine";
            case "add" or "delete" or "set" or "pids" when i < argv.Count:
                if (MapNamespaceValue(argv[i], result) is { } refusal) return refusal;
                return CopyWithPaths(argv, i + 1, result);
            case "exec" when i < argv.Count:
                if (MapNamespaceValue(argv[i], result) is { } execRefusal) return execRefusal;
                return i + 1 < argv.Count ? MapInto(argv.Skip(i + 1).ToList(), result) : null;
            default:
                return CopyWithPaths(argv, i, result);
        }
    }

    /// <summary>The ip netns subcommand a word stands for, tested in ipnetns.c's order ("s" is show, "a" add).</summary>
    public static string? IpNetnsVerb(string word)
    {
        static bool Is(string w, string full) => w.Length > 0 && full.StartsWith(w, StringComparison.Ordinal);
        if (Is(word, "list") || Is(word, "show") || Is(word, "lst")) return "list";
        foreach (var verb in new[] { "list-id", "help", "add", "set", "delete", "identify", "pids", "exec", "monitor", "attach" })
            if (Is(word, verb)) return verb;
        return null;
    }

    // ----- tc, bridge, ss -----

    private string? MapGlobalNetnsOption(IReadOnlyList<string> argv, List<string> result, string[] batchOptions)
    {
        result.Add(argv[0]);
        int i = 1;
        for (; i < argv.Count && argv[i].StartsWith('-'); i++)
        {
            var option = argv[i].StartsWith("--", StringComparison.Ordinal) ? argv[i][1..] : argv[i];
            if (batchOptions.Contains(option)) return $"{ToolName(argv[0])} {argv[i]} reads commands from a file of the machine";
            result.Add(argv[i]);
            if (option is "-n" or "-netns" && i + 1 < argv.Count)
            {
                if (MapNamespaceValue(argv[++i], result) is { } refusal) return refusal;
            }
        }
        return CopyWithPaths(argv, i, result);
    }

    private string? MapSs(IReadOnlyList<string> argv, List<string> result)
    {
        result.Add(argv[0]);
        for (int i = 1; i < argv.Count; i++)
        {
            var arg = argv[i];
            if (arg is "-N" or "--net" && i + 1 < argv.Count)
            {
                result.Add(arg);
                if (MapNamespaceValue(argv[++i], result) is { } refusal) return refusal;
            }
            else if (arg.StartsWith("--net=", StringComparison.Ordinal))
            {
                var values = new List<string>();
                if (MapNamespaceValue(arg["--net=".Length..], values) is { } refusal) return refusal;
                result.Add("--net=" + values[0]);
            }
            else
            {
                result.Add(MapPath(arg));
            }
        }
        return null;
    }
}
