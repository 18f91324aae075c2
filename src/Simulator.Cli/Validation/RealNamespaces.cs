using System.Globalization;
using System.Text.RegularExpressions;

namespace Simulator.Cli.Validation;

/// <summary>
/// The real network namespaces one validation run owns. Every name the scenario uses maps to
/// <c>PREFIX-NAME</c>; the run's own namespaces (the scenario's host, the capability probe, the
/// declared world) are <c>PREFIX.ROLE</c>, a form no scenario name can collide with. PREFIX is
/// <c>nsv&lt;pid&gt;-&lt;run&gt;</c>, so a later run can tell the namespaces of a dead process
/// (one killed with SIGKILL, which no handler sees) and remove them.
/// </summary>
public sealed partial class RealNamespaces
{
    /// <summary>Where <c>ip netns add</c> pins named namespaces.</summary>
    public const string NetnsDirectory = "/run/netns";

    private static int _runs;

    public RealNamespaces(int processId, int run)
    {
        Prefix = string.Create(CultureInfo.InvariantCulture, $"nsv{processId}-{run}");
    }

    /// <summary>A prefix unique to this process and run.</summary>
    public static RealNamespaces ForThisProcess() => new(Environment.ProcessId, Interlocked.Increment(ref _runs));

    /// <summary><c>nsv&lt;pid&gt;-&lt;run&gt;</c>.</summary>
    public string Prefix { get; }

    /// <summary>The namespace the scenario's initial ("host") namespace is on the real machine.</summary>
    public string Host => Prefix + ".host";

    /// <summary>A namespace of the run itself: <c>PREFIX.ROLE</c>.</summary>
    public string Own(string role) => $"{Prefix}.{role}";

    /// <summary>The real name of a namespace the scenario names.</summary>
    public string Map(string scenarioName) => $"{Prefix}-{scenarioName}";

    /// <summary>The real namespace a command the model runs in <paramref name="scenarioNamespace"/> runs in.</summary>
    public string MapContext(string? scenarioNamespace) => scenarioNamespace is null ? Host : Map(scenarioNamespace);

    /// <summary>True for a real name that belongs to this run (scenario or own).</summary>
    public bool Owns(string realName) =>
        realName.StartsWith(Prefix + "-", StringComparison.Ordinal) || realName.StartsWith(Prefix + ".", StringComparison.Ordinal);

    /// <summary>The names of this run's namespaces that exist now.</summary>
    public IReadOnlyList<string> Existing() => List().Where(Owns).ToList();

    /// <summary>Every named namespace on the machine (the entries of /run/netns).</summary>
    public static IReadOnlyList<string> List()
    {
        try
        {
            return Directory.Exists(NetnsDirectory)
                ? Directory.EnumerateFileSystemEntries(NetnsDirectory).Select(p => Path.GetFileName(p)!).Order(StringComparer.Ordinal).ToList()
                : [];
        }
        catch (IOException)
        {
            return [];
        }
        catch (UnauthorizedAccessException)
        {
            return [];
        }
    }

    /// <summary>
    /// Deletes every namespace of this run. Deleting a namespace destroys its devices (a veth
    /// goes with its peer), routes, neighbours and netfilter rules: nothing of the run is left.
    /// </summary>
    public IReadOnlyList<string> DeleteAll() => Delete(Existing());

    /// <summary>
    /// Deletes the namespaces left by validation runs whose process no longer exists
    /// (a run killed with SIGKILL cannot clean up after itself).
    /// </summary>
    public static IReadOnlyList<string> SweepStale() =>
        Delete(List().Where(name => OwnerProcess(name) is { } pid && !ProcessExists(pid)).ToList());

    /// <summary>The process id in a name this class made, or null for anyone else's namespace.</summary>
    public static int? OwnerProcess(string realName)
    {
        var match = OwnedName().Match(realName);
        return match.Success && int.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out int pid) ? pid : null;
    }

    private static bool ProcessExists(int pid) => Directory.Exists($"/proc/{pid}");

    private static List<string> Delete(IReadOnlyList<string> names)
    {
        var deleted = new List<string>();
        foreach (var name in names)
        {
            // "ip netns del" unmounts the pin and removes the file; the namespace dies with its
            // last reference, taking its devices and rules with it.
            var result = ProcessRunner.Run(["ip", "netns", "delete", name], null, TimeSpan.FromSeconds(20));
            if (result.ExitStatus == 0 || !File.Exists(Path.Combine(NetnsDirectory, name))) deleted.Add(name);
        }
        return deleted;
    }

    [GeneratedRegex(@"^nsv(\d+)-\d+[.-]")]
    private static partial Regex OwnedName();
}
