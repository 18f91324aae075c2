namespace Simulator.Cli.Validation;

/// <summary>
/// Which link kinds this machine's kernel can create, found by trying: <c>ip link add … type
/// KIND</c> in a scratch namespace of the run. A kernel built without a driver (no ipvlan, bonding,
/// team or 802.1q module) answers "Unknown device type"; a scenario's commands that need one are
/// then skipped with that reason rather than counted as agreement or difference.
/// </summary>
public sealed class KernelCapabilities(ProcessRunner runner, string probeNamespace)
{
    private const string Lower = "nsvprobe0";
    private readonly Dictionary<string, string?> _kinds = new(StringComparer.Ordinal);
    private bool _prepared;

    /// <summary>Null when the kernel creates links of <paramref name="kind"/>, else why not.</summary>
    public string? WhyNot(string kind)
    {
        if (_kinds.TryGetValue(kind, out var known)) return known;
        var reason = Probe(kind);
        _kinds[kind] = reason;
        return reason;
    }

    private string? Probe(string kind)
    {
        if (!_prepared)
        {
            // A lower device for the kinds that stack on one (vlan, macvlan, ipvlan).
            runner.Execute(["ip", "-n", probeNamespace, "link", "add", Lower, "type", "veth", "peer", "name", Lower + "p"], null, TimeSpan.FromSeconds(10));
            _prepared = true;
        }
        var argv = new List<string> { "ip", "-n", probeNamespace, "link", "add" };
        argv.AddRange(kind switch
        {
            "vlan" => ["link", Lower, "name", "nsvprobe", "type", "vlan", "id", "5"],
            "macvlan" or "macvtap" or "ipvlan" or "ipvtap" => ["link", Lower, "name", "nsvprobe", "type", kind],
            "vxlan" => ["name", "nsvprobe", "type", "vxlan", "id", "5", "dstport", "4789"],
            "veth" => ["name", "nsvprobe", "type", "veth", "peer", "name", "nsvprobep"],
            _ => ["name", "nsvprobe", "type", kind],
        });
        var result = runner.Execute(argv, null, TimeSpan.FromSeconds(10));
        if (result is null) return "the run was stopped";
        runner.Execute(["ip", "-n", probeNamespace, "link", "del", "nsvprobe"], null, TimeSpan.FromSeconds(10));
        if (result.ExitStatus != 0 && result.Stderr.Contains("Unknown device type", StringComparison.Ordinal))
            return $"this kernel cannot create {kind} links (ip link add type {kind}: Unknown device type)";
        return null;
    }
}
