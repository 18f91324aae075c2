using Simulator.Cli.Host;
using Simulator.Core.Addressing;

namespace Simulator.Cli.Commands.NetTools;

/// <summary>
/// Name lookups as net-tools makes them (lib/inet.c: INET_resolve, INET_rresolve) through the
/// C library: host names from /etc/hosts, network names from /etc/networks, both read as the
/// namespace sees them (/etc/netns/NS/ first). NetSim models no DNS resolver for these tools, so
/// a name the files do not know fails as it does in a namespace whose resolver cannot be
/// reached (measured): "Host name lookup failure" (TRY_AGAIN) when a network name was tried
/// first, "Unknown host" (HOST_NOT_FOUND) when a host name was; an address shown by name
/// falls back to its numbers.
/// </summary>
internal sealed class NetDb(Invocation invocation)
{
    /// <summary>INET_rresolve flag: print "default" rather than "*" for 0.0.0.0.</summary>
    public const int DefaultForAny = 0x8000;
    /// <summary>INET_rresolve flag: look the address up as a host, not as a network.</summary>
    public const int AsHost = 0x4000;
    /// <summary>INET_rresolve flag (FLAG_NUM): print numbers, resolve nothing.</summary>
    public const int Numeric = 0x0001;

    private List<(Ipv4Address Address, string[] Names)>? _hosts;
    private List<(string Name, uint Network)>? _networks;

    /// <summary>
    /// INET_resolve: "default" is 0.0.0.0 and a network; a dotted quad (inet_aton) a host; else a
    /// name, tried in /etc/networks and /etc/hosts in the order <paramref name="hostFirst"/> says.
    /// Returns 0 for a host, 1 for a network, -1 with the herror line in <paramref name="error"/>.
    /// </summary>
    public int Resolve(string name, bool hostFirst, out Ipv4Address address, out string? error)
    {
        error = null;
        address = default;
        if (name == "default")
        {
            address = Ipv4Address.Any;
            return 1;
        }
        if (InetAton.TryParse(name, out address)) return 0;
        if (hostFirst && HostAddress(name) is { } host)
        {
            address = host;
            return 0;
        }
        if (NetworkNumber(name) is { } network)
        {
            address = new Ipv4Address(network);
            return 1;
        }
        if (!hostFirst && HostAddress(name) is { } second)
        {
            address = second;
            return 0;
        }
        // glibc answers a name of digits and dots without asking anyone: HOST_NOT_FOUND.
        bool numeric = name.All(c => char.IsAsciiDigit(c) || c == '.');
        error = $"{name}: {(hostFirst || numeric ? "Unknown host" : "Host name lookup failure")}";
        return -1;
    }

    /// <summary>
    /// INET_rresolve: 0.0.0.0 is "default" or "*" unless numeric; numeric prints the dotted
    /// quad; otherwise an address with host bits under <paramref name="netmask"/> (or asked for
    /// as a host) is looked up in /etc/hosts, another in /etc/networks.
    /// </summary>
    public string Name(Ipv4Address address, int style, uint netmask = 0xFFFFFF00)
    {
        if (address.IsUnspecified && (style & 0x0FFF) == 0)
            return (style & DefaultForAny) != 0 ? "default" : "*";
        if ((style & 0x0FFF) != 0) return address.ToString();
        bool host = (address.Value & ~netmask) != 0 || (style & AsHost) != 0;
        return (host ? HostName(address) : NetworkName(address.Value)) ?? address.ToString();
    }

    /// <summary>gethostbyname from /etc/hosts (names and aliases, case-insensitively).</summary>
    public Ipv4Address? HostAddress(string name)
    {
        foreach (var (address, names) in Hosts())
            if (names.Any(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase))) return address;
        return null;
    }

    /// <summary>gethostbyaddr from /etc/hosts: the canonical name of the first line with the address.</summary>
    public string? HostName(Ipv4Address address) =>
        Hosts().Where(h => h.Address == address).Select(h => h.Names[0]).FirstOrDefault();

    private uint? NetworkNumber(string name)
    {
        foreach (var (netName, network) in Networks())
            if (string.Equals(netName, name, StringComparison.OrdinalIgnoreCase)) return network;
        return null;
    }

    private string? NetworkName(uint network) =>
        Networks().Where(n => n.Network == network).Select(n => n.Name).FirstOrDefault();

    private List<(Ipv4Address Address, string[] Names)> Hosts()
    {
        if (_hosts != null) return _hosts;
        _hosts = [];
        foreach (var fields in Lines("/etc/hosts"))
            if (fields.Length >= 2 && Ipv4Address.TryParse(fields[0], out var address))
                _hosts.Add((address, fields[1..]));
        return _hosts;
    }

    /// <summary>/etc/networks: "name number [aliases]", the number as inet_network reads it.</summary>
    private List<(string Name, uint Network)> Networks()
    {
        if (_networks != null) return _networks;
        _networks = [];
        foreach (var fields in Lines("/etc/networks"))
        {
            if (fields.Length < 2 || !InetAton.TryParseNetwork(fields[1], out var network)) continue;
            _networks.Add((fields[0], network));
            foreach (var alias in fields.Skip(2)) _networks.Add((alias, network));
        }
        return _networks;
    }

    private IEnumerable<string[]> Lines(string path)
    {
        var content = invocation.Machine.ReadFile(invocation.Context.Namespace, path, out _);
        if (content is null) yield break;
        foreach (var raw in content.Split('\n'))
        {
            int hash = raw.IndexOf('#');
            var line = hash < 0 ? raw : raw[..hash];
            var fields = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length > 0) yield return fields;
        }
    }
}
