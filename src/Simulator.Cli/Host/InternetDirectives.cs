using System.Globalization;
using Simulator.Cli.Scenarios;
using Simulator.Core.Addressing;
using Simulator.Core.Engine;
using Simulator.Devices.Links.Nic;
using Simulator.Devices.Namespaces;
using Simulator.Devices.Outside;

namespace Simulator.Cli.Host;

/// <summary>
/// The internet directives of a scenario (see <see cref="WorldSetup"/>): machines with public
/// addresses, DNS names and servers, on top of <see cref="DefaultInternet"/> unless
/// <c>internet none</c>; built behind the gateway of the first uplink that has one.
/// </summary>
internal sealed class InternetDirectives
{
    private readonly Dictionary<Ipv4Address, InternetHostSpec> _hosts = [];
    private readonly List<Ipv4Address> _order = [];
    /// <summary>The names the scenario declares, checked as they come.</summary>
    private readonly DnsZone _declaredNames = new();
    private Directive? _first;

    /// <summary>False after <c>internet none</c>: only what the scenario declares.</summary>
    public bool UsesDefault { get; private set; } = true;

    /// <summary>Whether any internet directive was given.</summary>
    public bool Declared => _first != null;

    /// <summary>Parses <c>internet default|none</c>.</summary>
    public string? ParseInternet(Directive directive)
    {
        var words = directive.Words;
        if (words.Length != 2 || words[1] is not ("default" or "none")) return "internet takes \"default\" or \"none\"";
        UsesDefault = words[1] == "default";
        return null;
    }

    /// <summary>Parses <c>internet-host ADDRESS [name NAME]… [ttl N] [hops N] [rtt MS] [dns]</c>.</summary>
    public string? ParseHost(Directive directive)
    {
        var words = directive.Words;
        if (words.Length < 2 || !Ipv4Address.TryParse(words[1], out var address) || !IsPublicUnicast(address))
            return "internet-host needs a unicast address: internet-host ADDRESS [name NAME]… [ttl N] [hops N] [rtt MS] [dns]";
        _first ??= directive;
        var spec = _hosts.GetValueOrDefault(address) ?? new InternetHostSpec(address);
        var names = new List<string>();
        for (int i = 2; i < words.Length; i++)
        {
            if (words[i] == "dns")
            {
                spec = spec with { ServesDns = true };
                continue;
            }
            if (i + 1 >= words.Length) return $"internet-host: \"{words[i]}\" needs a value";
            var value = words[++i];
            switch (words[i - 1])
            {
                case "name" when IsDomainName(value):
                    names.Add(value);
                    break;
                case "ttl" when byte.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var ttl) && ttl > 0:
                    spec = spec with { InitialTtl = ttl };
                    break;
                case "hops" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var hops) && hops < 255:
                    spec = spec with { Hops = hops };
                    break;
                case "rtt" when double.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var ms) && ms <= 10_000:
                    spec = spec with { RoundTrip = (long)Math.Round(ms * Simulation.Millisecond) };
                    break;
                default:
                    return $"internet-host: unexpected \"{words[i - 1]} {value}\" (known: name NAME, ttl N, hops N, rtt MS, dns)";
            }
        }
        if (spec.PathTtl < 1) return $"internet-host {address}: {spec.Hops} hops leave nothing of TTL {spec.InitialTtl}";
        if (spec.Label is null && names.Count > 0) spec = spec with { Label = names[0] };
        Declare(spec);
        foreach (var name in names)
            if (_declaredNames.AddAddress(name, address) is { } error) return "internet-host: " + error;
        return null;
    }

    /// <summary>Parses <c>dns NAME ADDRESS</c> and <c>dns NAME cname TARGET</c>.</summary>
    public string? ParseName(Directive directive)
    {
        var words = directive.Words;
        _first ??= directive;
        if (words.Length == 3 && IsDomainName(words[1]) && Ipv4Address.TryParse(words[2], out var address))
            return _declaredNames.AddAddress(words[1], address) is { } error ? "dns: " + error : null;
        if (words.Length == 4 && IsDomainName(words[1]) && words[2] == "cname" && IsDomainName(words[3]))
            return _declaredNames.AddAlias(words[1], words[3]) is { } error ? "dns: " + error : null;
        return "dns needs a name and an address or an alias: dns NAME ADDRESS, dns NAME cname TARGET";
    }

    /// <summary>Parses <c>nameserver ADDRESS</c>: a DNS server on the internet at ADDRESS.</summary>
    public string? ParseNameserver(Directive directive)
    {
        var words = directive.Words;
        if (words.Length != 2 || !Ipv4Address.TryParse(words[1], out var address) || !IsPublicUnicast(address))
            return "nameserver needs a unicast address: nameserver ADDRESS";
        _first ??= directive;
        Declare((_hosts.GetValueOrDefault(address) ?? new InternetHostSpec(address)) with { ServesDns = true });
        return null;
    }

    private void Declare(InternetHostSpec spec)
    {
        if (!_hosts.ContainsKey(spec.Address)) _order.Add(spec.Address);
        _hosts[spec.Address] = spec;
    }

    /// <summary>The checks that need every directive: an internet needs a gateway to hang from.</summary>
    public IEnumerable<string> Validate(bool hasGateway)
    {
        if (_first is { } first && !hasGateway)
            yield return $"{first.File}:{first.Line}: netsim: the internet needs an uplink with a gateway (uplink NIC ADDRESS/LEN gateway GW)";
    }

    /// <summary>
    /// Builds the internet behind the first of <paramref name="lans"/> that has a gateway: the
    /// default machines and names (unless <c>internet none</c>) and the declared ones; a declared
    /// machine replaces a default one at the same address, a declared name a default one. Null
    /// when no LAN has a gateway.
    /// </summary>
    public Internet? Build(IReadOnlyList<Lan> lans)
    {
        var lan = lans.FirstOrDefault(l => l.Gateway != null);
        if (lan is null) return null;
        var zone = new DnsZone();
        Copy(_declaredNames, zone, _ => true);
        var specs = new List<InternetHostSpec>();
        if (UsesDefault)
        {
            var defaults = new DnsZone();
            DefaultInternet.AddNames(defaults);
            Copy(defaults, zone, name => !_declaredNames.Contains(name));
            specs.AddRange(DefaultInternet.Hosts.Where(h => !_hosts.ContainsKey(h.Address)));
        }
        specs.AddRange(_order.Select(address => _hosts[address]));
        var internet = new Internet(lan, zone);
        foreach (var spec in specs) internet.AddHost(spec);
        return internet;
    }

    private static void Copy(DnsZone from, DnsZone to, Func<string, bool> take)
    {
        foreach (var (name, alias, addresses) in from.Entries)
        {
            if (!take(name)) continue;
            if (alias != null) to.AddAlias(name, alias);
            foreach (var address in addresses) to.AddAddress(name, address);
        }
    }

    /// <summary>The host's /etc/resolv.conf: its LAN's router, as DHCP names it on a fresh machine.</summary>
    public static string ResolvConf(Internet internet) => $"nameserver {internet.Gateway.Address.Address}\n";

    private static bool IsPublicUnicast(Ipv4Address address) =>
        !address.IsUnspecified && !address.IsMulticast && !address.IsLoopback && address.Value != uint.MaxValue;

    /// <summary>Letters, digits, hyphens and dots, labels of 1 to 63 characters (RFC 1035 section 2.3.1, loosely).</summary>
    private static bool IsDomainName(string name)
    {
        var labels = name.TrimEnd('.').Split('.');
        return name.Length <= 253 && labels.All(label => label.Length is > 0 and <= 63 &&
            label.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'));
    }
}
