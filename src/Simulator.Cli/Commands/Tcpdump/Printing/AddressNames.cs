using System.Globalization;
using Simulator.Cli.Commands.Iptables.NameServices;
using Simulator.Core.Addressing;

namespace Simulator.Cli.Commands.Tcpdump.Printing;

/// <summary>
/// How tcpdump names what it prints (addrtoname.c). With -n everything is a number. Without it:
/// an IPv4 address becomes the host name gethostbyaddr gives — /etc/hosts only here, as in a
/// namespace whose resolver cannot be reached, where tcpdump's reverse lookups fail and it prints
/// the number (measured); a port becomes its /etc/services name (<c>domain</c>, <c>http</c>); a
/// MAC address gets tcpdump's OUI name after it, ff:ff:ff:ff:ff:ff reads <c>Broadcast</c>; an IP
/// protocol without a printer gets the IANA name tcpdump has compiled in.
/// </summary>
internal sealed class AddressNames(NameService names, bool numeric)
{
    private readonly Dictionary<uint, string> _hosts = [];

    public bool Numeric { get; } = numeric;

    /// <summary>ipaddr_string.</summary>
    public string Host(Ipv4Address address)
    {
        if (Numeric) return address.ToString();
        if (_hosts.TryGetValue(address.Value, out var cached)) return cached;
        var name = names.HostName(address) ?? address.ToString();
        _hosts[address.Value] = name;
        return name;
    }

    /// <summary>etheraddr_string.</summary>
    public string Mac(MacAddress address)
    {
        if (Numeric) return address.ToString();
        if (address.IsBroadcast) return "Broadcast";
        uint oui = (uint)(address.Value >> 24);
        return $"{address} (oui {OuiNames.Name(oui)})";
    }

    /// <summary>tcpport_string.</summary>
    public string TcpPort(ushort port) => Port(port, "tcp");

    /// <summary>udpport_string.</summary>
    public string UdpPort(ushort port) => Port(port, "udp");

    private string Port(ushort port, string protocol) =>
        (Numeric ? null : names.ServiceName(port, protocol)) ?? port.ToString(CultureInfo.InvariantCulture);

    /// <summary>netdb_protoname when names are allowed, else null: "ip-proto-N" is the caller's.</summary>
    public string? ProtocolName(byte protocol) => Numeric ? null : ProtocolTables.NetdbProtocolName(protocol);
}
