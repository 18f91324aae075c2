using System.Globalization;
using Simulator.Cli.Scenarios;
using Simulator.Devices.Namespaces;

namespace Simulator.Cli.Host;

/// <summary>
/// The world a scenario declares with <c># netsim:</c> directives. Known directives:
/// <list type="bullet">
/// <item><c>seed N</c>: the random seed (MACs, ids, ports).</item>
/// <item><c>event-budget N</c>: how many events one command may run before the run is stopped
/// as a likely forwarding loop (default 50,000,000); a scenario that demonstrates a loop sets a
/// small one so it stops in seconds.</item>
/// <item><c>uplink NIC [ADDRESS/LEN] [gateway GW] [mac MAC]</c>: the host has a physical NIC
/// (eth0, enp0s3, ens9f0…) cabled to a LAN outside it, up, with that address (and the subnet
/// broadcast) and, with <c>gateway</c>, a default route via GW and a router at GW on the LAN (a
/// hidden machine labelled "gateway" that forwards). Each uplink is its own LAN (a switch).</item>
/// <item><c>lan-host LABEL ADDRESS/LEN [gateway GW] [mac MAC]</c>: another machine on the LAN of
/// the uplink whose subnet holds ADDRESS (or of the only uplink): a hidden namespace labelled
/// LABEL with lo up and eth0 at ADDRESS, whose default route goes via GW or the LAN's gateway.
/// A lan-host at the gateway's address is the gateway (with its label and MAC).</item>
/// </list>
/// Example (seed 000): <c># netsim: uplink eth0 192.168.1.87/24 gateway 192.168.1.1</c> and
/// <c># netsim: lan-host host2 192.168.1.100/24</c>. The LAN directives are parsed and built by
/// <see cref="LanDirectives"/>.
/// </summary>
public sealed class WorldSetup
{
    private readonly LanDirectives _lans = new();

    public ulong Seed { get; private set; } = 1;
    public long? EventBudget { get; private set; }
    public List<string> Errors { get; } = [];

    /// <summary>The LANs outside the host that the last <see cref="Build"/> made.</summary>
    public IReadOnlyList<Simulator.Devices.Links.Nic.Lan> Lans { get; private set; } = [];

    public static WorldSetup FromDirectives(IEnumerable<Directive> directives, ulong? seedOverride)
    {
        var setup = new WorldSetup();
        foreach (var directive in directives) setup.Apply(directive);
        setup.Errors.AddRange(setup._lans.Validate());
        if (seedOverride is { } seed) setup.Seed = seed;
        return setup;
    }

    private void Apply(Directive directive)
    {
        var words = directive.Words;
        if (words.Length == 0)
        {
            Errors.Add($"{directive.File}:{directive.Line}: netsim: empty directive");
            return;
        }
        switch (words[0])
        {
            case "seed" when words.Length == 2 && ulong.TryParse(words[1], NumberStyles.None, CultureInfo.InvariantCulture, out var seed):
                Seed = seed;
                return;
            case "event-budget" when words.Length == 2 && long.TryParse(words[1], NumberStyles.None, CultureInfo.InvariantCulture, out var budget) && budget > 0:
                EventBudget = budget;
                return;
            case "uplink":
                Report(directive, _lans.ParseUplink(directive));
                return;
            case "lan-host":
                Report(directive, _lans.ParseHost(directive));
                return;
            case Validation.KnownDifference.Keyword:
                // Not about the world: netsim validate reads it (Validation/KnownDifference.cs).
                return;
            default:
                Errors.Add($"{directive.File}:{directive.Line}: netsim: unknown directive \"{directive.Text}\"");
                return;
        }
    }

    private void Report(Directive directive, string? error)
    {
        if (error != null) Errors.Add($"{directive.File}:{directive.Line}: netsim: {error}");
    }

    public World Build()
    {
        var world = new World(Seed);
        if (EventBudget is { } budget) world.Simulation.EventBudget = budget;
        Lans = _lans.Build(world);
        return world;
    }
}
