using Simulator.Cli.Scenarios;
using Simulator.Core.Addressing;
using Simulator.Devices.Links.Nic;
using Simulator.Devices.Namespaces;

namespace Simulator.Cli.Host;

/// <summary>
/// The LAN directives of a scenario (see <see cref="WorldSetup"/>): the host's uplink NICs, the
/// gateway and the other machines on each uplink's LAN, built with <see cref="Lan"/>.
/// </summary>
internal sealed class LanDirectives
{
    private sealed record Uplink(Directive Directive, string Nic, Ipv4InterfaceAddress? Address, Ipv4Address? Gateway, MacAddress? Mac);

    private sealed record LanHost(Directive Directive, string Label, Ipv4InterfaceAddress Address, Ipv4Address? Gateway, MacAddress? Mac);

    private readonly List<Uplink> _uplinks = [];
    private readonly List<LanHost> _hosts = [];

    /// <summary>Parses <c>uplink NIC [ADDRESS/LEN] [gateway GW] [mac MAC]</c>.</summary>
    public string? ParseUplink(Directive directive)
    {
        var words = directive.Words;
        if (words.Length < 2) return "uplink needs a NIC name: uplink NIC [ADDRESS/LEN] [gateway GW] [mac MAC]";
        var nic = words[1];
        if (nic.Length > 15 || nic.Contains('/') || nic.Contains(':') || nic is "lo" or "." or "..")
            return $"uplink: \"{nic}\" is not a valid interface name for a NIC";
        if (_uplinks.Any(u => u.Nic == nic)) return $"uplink {nic} is declared twice";
        Ipv4InterfaceAddress? address = null;
        int i = 2;
        if (i < words.Length && words[i] is not ("gateway" or "mac"))
        {
            if (!Ipv4InterfaceAddress.TryParse(words[i], out var parsed)) return $"uplink: \"{words[i]}\" is not ADDRESS/LEN";
            address = parsed;
            i++;
        }
        var error = ParseOptions(words, i, out var gateway, out var mac);
        if (error != null) return "uplink: " + error;
        if (gateway != null && address is not { } a) return "uplink: a gateway needs the uplink's ADDRESS/LEN";
        if (gateway is { } gw && address is { } own && !own.Network.Contains(gw))
            return $"uplink: gateway {gw} is not in {own.Network}";
        _uplinks.Add(new Uplink(directive, nic, address, gateway, mac));
        return null;
    }

    /// <summary>Parses <c>lan-host LABEL ADDRESS/LEN [gateway GW] [mac MAC]</c>.</summary>
    public string? ParseHost(Directive directive)
    {
        var words = directive.Words;
        if (words.Length < 3 || !Ipv4InterfaceAddress.TryParse(words[2], out var address))
            return "lan-host needs a label and an address: lan-host LABEL ADDRESS/LEN [gateway GW] [mac MAC]";
        var error = ParseOptions(words, 3, out var gateway, out var mac);
        if (error != null) return "lan-host: " + error;
        _hosts.Add(new LanHost(directive, words[1], address, gateway, mac));
        return null;
    }

    private static string? ParseOptions(string[] words, int start, out Ipv4Address? gateway, out MacAddress? mac)
    {
        gateway = null;
        mac = null;
        for (int i = start; i < words.Length; i += 2)
        {
            if (i + 1 >= words.Length) return $"\"{words[i]}\" needs a value";
            switch (words[i])
            {
                case "gateway" when Ipv4Address.TryParse(words[i + 1], out var gw):
                    gateway = gw;
                    break;
                case "mac" when MacAddress.TryParse(words[i + 1], out var m) && m.IsUnicast:
                    mac = m;
                    break;
                default:
                    return $"unexpected \"{words[i]} {words[i + 1]}\" (known: gateway GW, mac MAC)";
            }
        }
        return null;
    }

    /// <summary>Whether some uplink names a gateway (the internet hangs behind it).</summary>
    public bool HasGateway => _uplinks.Any(u => u.Gateway != null);

    /// <summary>
    /// Checks what can only be checked with every directive read: each LAN host must fall in the
    /// subnet of exactly one uplink (or there must be a single uplink).
    /// </summary>
    public IEnumerable<string> Validate()
    {
        foreach (var host in _hosts)
            if (LanOf(host) is null)
                yield return $"{host.Directive.File}:{host.Directive.Line}: netsim: lan-host {host.Label}: no uplink's subnet holds {host.Address.Address}";
    }

    private Uplink? LanOf(LanHost host)
    {
        var covering = _uplinks.Where(u => u.Address is { } a && a.Network.Contains(host.Address.Address)).ToList();
        if (covering.Count == 1) return covering[0];
        return covering.Count == 0 && _uplinks.Count == 1 ? _uplinks[0] : null;
    }

    /// <summary>
    /// Builds the LANs in <paramref name="world"/>: for each uplink, its LAN (a switch), the
    /// host's NIC, the gateway if one was named (a LAN host with that address becomes it, else one
    /// labelled "gateway"), then the LAN hosts in the order written.
    /// </summary>
    public IReadOnlyList<Lan> Build(World world)
    {
        var lans = new Dictionary<Uplink, Lan>();
        foreach (var uplink in _uplinks)
        {
            var lan = new Lan(world, $"lan-{uplink.Nic}");
            lan.AddUplink(world.InitialNamespace, uplink.Nic, uplink.Address, uplink.Gateway, uplink.Mac);
            lans[uplink] = lan;
            if (uplink.Gateway is { } gw && uplink.Address is { } own)
            {
                var named = _hosts.FirstOrDefault(h => h.Address.Address == gw);
                lan.AddGateway(named?.Address ?? new Ipv4InterfaceAddress(gw, own.PrefixLength), named?.Mac,
                    named?.Label ?? "gateway");
            }
        }
        foreach (var host in _hosts)
        {
            var lan = lans[LanOf(host)!];
            if (lan.Gateway is { } gateway && gateway.Address.Address == host.Address.Address) continue;
            lan.AddHost(host.Label, host.Address, host.Gateway, host.Mac);
        }
        return lans.Values.ToList();
    }
}
