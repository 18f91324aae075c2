using Simulator.Cli.Shell;

namespace Simulator.Cli.Tests.Shell;

/// <summary>A command the fake host received.</summary>
internal sealed record Invocation(
    IReadOnlyList<string> Argv,
    string? Namespace,
    bool Background,
    IReadOnlyDictionary<string, string> Environment,
    SourceLocation Location)
{
    public string Line => string.Join(' ', Argv);
}

/// <summary>
/// Stands in for the simulator: records every external command, knows a few commands by name,
/// keeps kernel files (/proc/sys/...) per namespace, and re-enters the shell for
/// <c>ip netns exec NS cmd</c> the way the real host will.
/// </summary>
internal sealed class FakeHost : ICommandHost
{
    private readonly Dictionary<string, Func<CommandContext, int>> _handlers = new(StringComparer.Ordinal);

    public FakeHost()
    {
        foreach (string name in new[] { "ip", "iptables", "brctl", "sysctl", "ping", "sleep", "tcpdump", "teamd" })
        {
            _handlers[name] = _ => 0;
        }

        _handlers["ip"] = Ip;
        SpecialFiles[(null, "/proc/sys/net/ipv4/ip_forward")] = "0\n";
    }

    public ShellInterpreter? Shell { get; set; }

    public List<Invocation> Invocations { get; } = [];

    /// <summary>Kernel files by (namespace, path).</summary>
    public Dictionary<(string? Namespace, string Path), string> SpecialFiles { get; } = [];

    /// <summary>Writes received, in order: (namespace, path, content, append).</summary>
    public List<(string? Namespace, string Path, string Content, bool Append)> Writes { get; } = [];

    public IEnumerable<string> Lines => Invocations.Select(i => i.Line);

    public void Handle(string name, Func<CommandContext, int> handler) => _handlers[name] = handler;

    public int? RunExternal(CommandContext context)
    {
        Invocations.Add(new Invocation(context.Arguments, context.Namespace, context.Background, context.Environment, context.Location));
        return _handlers.TryGetValue(context.Name, out Func<CommandContext, int>? handler) ? handler(context) : null;
    }

    public string? ReadSpecialFile(string? ns, string path, out string? error)
    {
        error = null;
        if (!IsKernelPath(path))
        {
            return null;
        }

        if (SpecialFiles.TryGetValue((ns, path), out string? content))
        {
            return content;
        }

        error = Errno.NoEntry;
        return null;
    }

    public bool? WriteSpecialFile(string? ns, string path, string content, bool append, out string? error)
    {
        error = null;
        if (!IsKernelPath(path))
        {
            return null;
        }

        Writes.Add((ns, path, content, append));
        if (!SpecialFiles.ContainsKey((ns, path)))
        {
            error = Errno.NoEntry;
            return false;
        }

        if (path.EndsWith("ip_forward", StringComparison.Ordinal) && content.Trim() is not ("0" or "1"))
        {
            error = Errno.InvalidArgument;
            return false;
        }

        SpecialFiles[(ns, path)] = content;
        return true;
    }

    public SpecialPathKind? ProbeSpecialPath(string? ns, string path)
    {
        if (!IsKernelPath(path))
        {
            return null;
        }

        if (SpecialFiles.ContainsKey((ns, path)))
        {
            return SpecialPathKind.File;
        }

        string prefix = path.TrimEnd('/') + "/";
        return SpecialFiles.Keys.Any(k => k.Namespace == ns && k.Path.StartsWith(prefix, StringComparison.Ordinal))
            ? SpecialPathKind.Directory
            : SpecialPathKind.Missing;
    }

    private static bool IsKernelPath(string path) =>
        path.StartsWith("/proc/sys/", StringComparison.Ordinal) || path.StartsWith("/sys/", StringComparison.Ordinal);

    // "ip netns exec NS cmd ..." runs cmd in NS through the shell; other ip commands just succeed.
    private int Ip(CommandContext context)
    {
        IReadOnlyList<string> a = context.Arguments;
        if (a.Count >= 5 && a[1] == "netns" && a[2] == "exec")
        {
            string ns = a[3];
            var inner = a.Skip(4).ToList();
            int? status = Shell!.RunCommand(context.WithNamespace(ns, inner));
            if (status is null)
            {
                context.Stderr.Write($"exec of \"{inner[0]}\" failed: No such file or directory\n");
                return 255;
            }

            return status.Value;
        }

        return 0;
    }
}
