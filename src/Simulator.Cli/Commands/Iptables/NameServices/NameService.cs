using System.Globalization;
using Simulator.Core.Addressing;

namespace Simulator.Cli.Commands.Iptables.NameServices;

/// <summary>
/// The name lookups iptables makes through libc: hosts (<c>/etc/hosts</c>, then DNS), networks
/// (<c>/etc/networks</c>), services (<c>/etc/services</c>) and protocols (<c>/etc/protocols</c>).
/// The default holds what a fresh Debian has; a scenario may add hosts its world knows. There
/// is no DNS behind it: reverse lookups of other addresses fail, and <c>iptables -L</c> then
/// prints the address, as it does on a machine whose resolver cannot be reached.
/// </summary>
public sealed class NameService
{
    private readonly Dictionary<string, List<Ipv4Address>> _hostsByName = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<Ipv4Address, string> _hostsByAddress = [];
    private readonly Dictionary<string, Ipv4Address> _networksByName = new(StringComparer.Ordinal);
    private readonly Dictionary<uint, string> _networksByAddress = [];
    private readonly Dictionary<(string Name, string Protocol), ushort> _servicesByName = [];
    private readonly Dictionary<(ushort Port, string Protocol), string> _servicesByPort = [];
    private readonly Dictionary<string, byte> _protocolsByName = new(StringComparer.Ordinal);
    private readonly Dictionary<byte, string> _protocolsByNumber = [];

    private NameService()
    {
        foreach (var line in ServicesData.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var port = ushort.Parse(fields[1], CultureInfo.InvariantCulture);
            var protocol = fields[2];
            _servicesByPort.TryAdd((port, protocol), fields[0]);
            _servicesByName.TryAdd((fields[0], protocol), port);
            foreach (var alias in fields.Skip(3)) _servicesByName.TryAdd((alias, protocol), port);
        }
        foreach (var line in ProtocolsData.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (!int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out int number) || number > 255)
                continue;
            _protocolsByNumber.TryAdd((byte)number, fields[0]);
            foreach (var name in fields.Where((_, i) => i != 1)) _protocolsByName.TryAdd(name, (byte)number);
        }
    }

    /// <summary>A fresh Debian's view: localhost, the networks default/loopback/link-local, netbase's services and protocols.</summary>
    public static NameService CreateDefault()
    {
        var names = new NameService();
        names.AddHost("localhost", Ipv4Address.Loopback);
        names.AddNetwork("default", Ipv4Address.Any);
        names.AddNetwork("loopback", new Ipv4Address(127, 0, 0, 0));
        names.AddNetwork("link-local", new Ipv4Address(169, 254, 0, 0));
        return names;
    }

    /// <summary>Make a host name resolve (both ways; the first name given for an address is its reverse name).</summary>
    public void AddHost(string name, params Ipv4Address[] addresses)
    {
        if (!_hostsByName.TryGetValue(name, out var list)) _hostsByName[name] = list = [];
        foreach (var address in addresses)
        {
            list.Add(address);
            _hostsByAddress.TryAdd(address, name);
        }
    }

    public void AddNetwork(string name, Ipv4Address network)
    {
        _networksByName[name] = network;
        _networksByAddress.TryAdd(network.Value, name);
    }

    /// <summary>
    /// getaddrinfo: a known host name, or an address in any form inet_aton accepts (1 to 4 parts,
    /// each decimal, octal or hex, the last filling the remaining bytes). Null when unknown.
    /// </summary>
    public IReadOnlyList<Ipv4Address>? ResolveHost(string name)
    {
        if (_hostsByName.TryGetValue(name, out var list) && list.Count > 0) return list;
        return TryParseInetAton(name, out var address) ? [address] : null;
    }

    /// <summary>gethostbyaddr: the host's name, or null.</summary>
    public string? HostName(Ipv4Address address) => _hostsByAddress.GetValueOrDefault(address);

    /// <summary>getnetbyname.</summary>
    public Ipv4Address? ResolveNetwork(string name) => _networksByName.TryGetValue(name, out var a) ? a : null;

    /// <summary>getnetbyaddr.</summary>
    public string? NetworkName(Ipv4Address network) => _networksByAddress.GetValueOrDefault(network.Value);

    /// <summary>getservbyname(name, protocol).</summary>
    public ushort? ServicePort(string name, string protocol) =>
        _servicesByName.TryGetValue((name, protocol), out var port) ? port : null;

    /// <summary>getservbyport(port, protocol).</summary>
    public string? ServiceName(ushort port, string protocol) => _servicesByPort.GetValueOrDefault((port, protocol));

    /// <summary>getprotobyname (names and aliases).</summary>
    public byte? ProtocolNumber(string name) => _protocolsByName.TryGetValue(name, out var n) ? n : null;

    /// <summary>getprotobynumber.</summary>
    public string? ProtocolName(byte number) => _protocolsByNumber.GetValueOrDefault(number);

    /// <summary>inet_aton's forms: a, a.b, a.b.c, a.b.c.d; each part as strtoul base 0.</summary>
    internal static bool TryParseInetAton(string text, out Ipv4Address address)
    {
        address = default;
        var parts = text.Split('.');
        if (parts.Length is 0 or > 4) return false;
        var values = new ulong[parts.Length];
        for (int i = 0; i < parts.Length; i++)
            if (!CNumber.TryParseUnsigned(parts[i], out values[i], allowSign: false)) return false;
        ulong result = 0;
        for (int i = 0; i < parts.Length - 1; i++)
        {
            if (values[i] > 255) return false;
            result |= values[i] << (24 - 8 * i);
        }
        int lastBits = 32 - 8 * (parts.Length - 1);
        ulong last = values[^1];
        if (lastBits < 64 && last >= 1UL << lastBits) return false;
        address = new Ipv4Address((uint)(result | last));
        return true;
    }
}
