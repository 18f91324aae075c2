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
/// <item><c>internet-host ADDRESS [name NAME]… [ttl N] [hops N] [rtt MS] [dns]</c>: a machine on
/// the internet behind the gateway, answering ping at ADDRESS; each <c>name</c> gets an A record
/// for it; its packets leave with TTL N (default 64) and cross <c>hops</c> routers (default 10)
/// before the gateway, so they arrive with N − hops − 1 on the LAN; the round trip from the
/// gateway is MS milliseconds (default 20); with <c>dns</c> it is a recursive DNS server.</item>
/// <item><c>nameserver ADDRESS</c>: a DNS server on the internet at ADDRESS (an internet-host with
/// <c>dns</c>).</item>
/// <item><c>dns NAME ADDRESS</c>, <c>dns NAME cname TARGET</c>: what every DNS server answers
/// for NAME (A records, or a CNAME that resolvers follow); other names do not exist (NXDOMAIN).</item>
/// <item><c>internet none</c>: leave out the default internet (<c>internet default</c> is the default).</item>
/// </list>
/// The internet hangs behind the gateway of the first uplink that has one; with one, the scenario
/// gets the default internet (<see cref="DefaultInternet"/>: 114.114.114.114, 223.5.5.5 and
/// 8.8.8.8 serving DNS; www.baidu.com → CNAME www.a.shifen.com → 14.119.104.254; www.aliyun.com →
/// CNAME xjp-adns.aliyun.com.gds.alibabadns.com → 47.88.251.173) plus what it declares, the
/// gateway answers DNS too, and the host's /etc/resolv.conf names the gateway
/// (<c>nameserver GW</c>), as DHCP does on a fresh machine. The gateway forwards without NAT:
/// private sources get no answers unless the host translates them. Without a gateway there is no
/// internet and no /etc/resolv.conf (the resolver then asks 127.0.0.1, as glibc does).
/// Example (seed 000): <c># netsim: uplink eth0 192.168.1.87/24 gateway 192.168.1.1</c> and
/// <c># netsim: lan-host host2 192.168.1.100/24</c>; (seed 003) <c># netsim: uplink eth2
/// 10.20.30.182/24 gateway 10.20.30.1</c>. The LAN directives are parsed and built by
/// <see cref="LanDirectives"/>, the internet's by <see cref="InternetDirectives"/>.
/// </summary>
public sealed class WorldSetup
{
    private readonly LanDirectives _lans = new();
    private readonly InternetDirectives _internet = new();

    public ulong Seed { get; private set; } = 1;
    public long? EventBudget { get; private set; }
    public List<string> Errors { get; } = [];

    /// <summary>The LANs outside the host that the last <see cref="Build"/> made.</summary>
    public IReadOnlyList<Simulator.Devices.Links.Nic.Lan> Lans { get; private set; } = [];

    /// <summary>The internet behind the gateway that the last <see cref="Build"/> made, if any.</summary>
    public Simulator.Devices.Outside.Internet? Internet { get; private set; }

    /// <summary>
    /// Files of the host's /etc that the world gives the scenario's file system before the script
    /// runs (/etc/resolv.conf when there is an internet), by absolute path.
    /// </summary>
    public IReadOnlyDictionary<string, string> Files { get; private set; } = new Dictionary<string, string>();

    public static WorldSetup FromDirectives(IEnumerable<Directive> directives, ulong? seedOverride)
    {
        var setup = new WorldSetup();
        foreach (var directive in directives) setup.Apply(directive);
        setup.Errors.AddRange(setup._lans.Validate());
        setup.Errors.AddRange(setup._internet.Validate(setup._lans.HasGateway));
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
            case "internet":
                Report(directive, _internet.ParseInternet(directive));
                return;
            case "internet-host":
                Report(directive, _internet.ParseHost(directive));
                return;
            case "nameserver":
                Report(directive, _internet.ParseNameserver(directive));
                return;
            case "dns":
                Report(directive, _internet.ParseName(directive));
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
        Internet = _internet.Build(Lans);
        Files = Internet is null
            ? new Dictionary<string, string>()
            : new Dictionary<string, string> { ["/etc/resolv.conf"] = InternetDirectives.ResolvConf(Internet) };
        return world;
    }

    /// <summary>Gives the scenario's file system the world's files (<see cref="Files"/>), unless the scenario has them already.</summary>
    public void WriteFiles(Shell.VirtualFileSystem files)
    {
        foreach (var (path, content) in Files)
            if (!files.Exists(path)) files.WriteFile(path, content);
    }
}
