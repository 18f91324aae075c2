using System.Globalization;
using Simulator.Core.Addressing;

namespace Simulator.Cli.Commands.Tcpdump.Filter;

/// <summary>
/// libpcap's code generators for a qualified id (gencode.c: gen_ncode for numbers and dotted
/// addresses, gen_mcode for address/len and address mask mask, gen_scode for names, gen_ecode
/// for MAC addresses) with their checks and error words, building the tests instead of BPF.
/// </summary>
internal sealed class PrimitiveBuilder(FilterContext context)
{
    private const ushort EtherTypeIp = 0x0800, EtherTypeArp = 0x0806, EtherTypeRarp = 0x8035, EtherTypeIp6 = 0x86dd;
    private const byte Tcp = 6, Udp = 17, Sctp = 132;
    private static readonly byte[] AnyPortProtocol = [Tcp, Udp, Sctp];

    // pcap_nametoeproto's table, for "ether proto \name".
    private static readonly Dictionary<string, ushort> EtherProtocolNames = new()
    {
        ["aarp"] = 0x80f3, ["arp"] = 0x0806, ["atalk"] = 0x809b, ["decnet"] = 0x6003, ["ip"] = 0x0800,
        ["ip6"] = 0x86dd, ["lat"] = 0x6004, ["loopback"] = 0x9000, ["mopdl"] = 0x6001, ["moprc"] = 0x6002,
        ["rarp"] = 0x8035, ["sca"] = 0x6007,
    };

    private bool IsEthernet => context.LinkType == LinkType.Ethernet;

    // ---- protocol names alone (gen_proto_abbrev) ----

    public FilterNode ProtocolAbbreviation(ProtocolQualifier protocol, int tags) => protocol switch
    {
        ProtocolQualifier.Ip => new EtherTypeTest(tags, EtherTypeIp),
        ProtocolQualifier.Arp => new EtherTypeTest(tags, EtherTypeArp),
        ProtocolQualifier.Rarp => new EtherTypeTest(tags, EtherTypeRarp),
        ProtocolQualifier.Ip6 => new EtherTypeTest(tags, EtherTypeIp6),
        ProtocolQualifier.Tcp => new ProtocolTest(tags, Tcp, ipv4: true, ipv6: true),
        ProtocolQualifier.Udp => new ProtocolTest(tags, Udp, ipv4: true, ipv6: true),
        ProtocolQualifier.Sctp => new ProtocolTest(tags, Sctp, ipv4: true, ipv6: true),
        ProtocolQualifier.Icmp => new ProtocolTest(tags, 1, ipv4: true, ipv6: false),
        ProtocolQualifier.Igmp => new ProtocolTest(tags, 2, ipv4: true, ipv6: false),
        ProtocolQualifier.Vrrp => new ProtocolTest(tags, 112, ipv4: true, ipv6: false),
        ProtocolQualifier.Icmp6 => new ProtocolTest(tags, 58, ipv4: false, ipv6: true),
        ProtocolQualifier.Pim => new ProtocolTest(tags, 103, ipv4: true, ipv6: true),
        ProtocolQualifier.Ah => new ProtocolTest(tags, 51, ipv4: true, ipv6: true),
        ProtocolQualifier.Esp => new ProtocolTest(tags, 50, ipv4: true, ipv6: true),
        _ => throw new FilterError("link layer applied in wrong context"),
    };

    // ---- other primitives ----

    public FilterNode BroadcastOrMulticast(ProtocolQualifier protocol, bool broadcast, int tags)
    {
        switch (protocol)
        {
            case ProtocolQualifier.Default or ProtocolQualifier.Link:
                if (!IsEthernet)
                    throw new FilterError(broadcast ? "not a broadcast link"
                        : "link-layer multicast filters supported only on ethernet/FDDI/token ring/ARCNET/802.11/ATM LANE/Fibre Channel");
                return new EtherDestinationTest(broadcast);
            case ProtocolQualifier.Ip when !broadcast:
                return new IpMulticastTest(tags, ipv6: false);
            case ProtocolQualifier.Ip6 when !broadcast:
                return new IpMulticastTest(tags, ipv6: true);
            case ProtocolQualifier.Ip:
                // ip broadcast compares with the capturing interface's netmask.
                throw FilterError.NotModelled("'ip broadcast'");
            default:
                throw new FilterError(broadcast ? "only link-layer/IP broadcast filters supported"
                    : "link-layer multicast filters supported only on ethernet/FDDI/token ring/ARCNET/802.11/ATM LANE/Fibre Channel");
        }
    }

    public FilterNode Vlan(ushort? id, int tags, bool offloaded)
    {
        if (!IsEthernet) throw new FilterError($"no VLAN support for {LinkDescription}");
        return new VlanTest(tags, id, offloaded);
    }

    public FilterNode Direction(bool outbound)
    {
        if (IsEthernet && !context.Live) throw new FilterError("inbound/outbound not supported on Ethernet when reading savefiles");
        return new DirectionTest(outbound);
    }

    private string LinkDescription => context.LinkType switch
    {
        LinkType.LinuxSll2 => "Linux cooked v2",
        LinkType.LinuxSll => "Linux cooked v1",
        _ => "Ethernet",
    };

    // ---- ids ----

    /// <summary>gen_ncode for a number.</summary>
    public FilterNode Number(uint value, Qualifiers q, int tags)
    {
        switch (q.Address)
        {
            case AddressQualifier.Default or AddressQualifier.Host or AddressQualifier.Net:
            {
                if (q.Protocol == ProtocolQualifier.Link) throw new FilterError("illegal link layer address");
                uint mask = 0xffffffff;
                if (q.Address == AddressQualifier.Net)
                {
                    // A short net number is promoted: net 10 is 10.0.0.0/8.
                    while (value != 0 && (value & 0xff000000) == 0)
                    {
                        value <<= 8;
                        mask <<= 8;
                    }
                }
                return Host(value, mask, q, tags);
            }
            case AddressQualifier.Port:
                return Port(PortProtocols(q), value, q.Direction, tags);
            case AddressQualifier.PortRange:
                return PortRange(PortProtocols(q), value, value, q.Direction, tags);
            case AddressQualifier.Gateway:
                throw new FilterError("'gateway' requires a name");
            default:
                return Protocol(value, q, tags);
        }
    }

    /// <summary>gen_ncode for N.N, N.N.N or N.N.N.N: a host, or a network when parts are missing.</summary>
    public FilterNode Dotted(string text, Qualifiers q, int tags)
    {
        switch (q.Address)
        {
            case AddressQualifier.Default or AddressQualifier.Host or AddressQualifier.Net:
            {
                if (q.Protocol == ProtocolQualifier.Link) throw new FilterError("illegal link layer address");
                var (value, bits) = ParseDotted(text);
                return Host(bits == 0 ? 0 : value << (32 - bits), bits == 0 ? 0 : 0xffffffff << (32 - bits), q, tags);
            }
            default:
                // libpcap hands these on with the value 0.
                return Number(0, q, tags);
        }
    }

    /// <summary>gen_mcode: ADDRESS/LEN and ADDRESS mask MASK, for networks only.</summary>
    public FilterNode Masked(string text, string? maskText, uint length, Qualifiers q, int tags)
    {
        var (value, bits) = ParseDotted(text);
        value = bits == 0 ? 0 : value << (32 - bits);
        uint mask;
        if (maskText is not null)
        {
            var (maskValue, maskBits) = ParseDotted(maskText);
            mask = maskBits == 0 ? 0 : maskValue << (32 - maskBits);
            if ((value & ~mask) != 0) throw new FilterError($"non-network bits set in \"{text} mask {maskText}\"");
        }
        else
        {
            if (length > 32) throw new FilterError("mask length must be <= 32");
            mask = length == 0 ? 0 : 0xffffffff << (int)(32 - length);
            if ((value & ~mask) != 0) throw new FilterError($"non-network bits set in \"{text}/{length}\"");
        }
        if (q.Address != AddressQualifier.Net) throw new FilterError("Mask syntax for networks only");
        return Host(value, mask, q, tags);
    }

    /// <summary>gen_ecode: a MAC address goes with ether (host, src, dst) only.</summary>
    public FilterNode EtherAddress(string text, Qualifiers q)
    {
        if (q.Address is not (AddressQualifier.Default or AddressQualifier.Host) || q.Protocol != ProtocolQualifier.Link)
            throw new FilterError("ethernet address used in non-ether expression");
        if (!IsEthernet)
            throw new FilterError("ethernet addresses supported only on ethernet/FDDI/token ring/802.11/ATM LANE/Fibre Channel");
        return new EtherAddressTest(q.Direction, ParseMac(text));
    }

    /// <summary>gen_scode: a host, network, service or protocol name.</summary>
    public FilterNode Name(string name, Qualifiers q, int tags)
    {
        switch (q.Address)
        {
            case AddressQualifier.Net:
            {
                var network = context.Names.ResolveNetwork(name);
                if (network is not { } n || n.Value == 0) throw new FilterError($"unknown network '{name}'");
                // getnetbyname gives /etc/networks' number as written (127.0.0.0 for loopback), and
                // libpcap widens the mask only for a number whose top byte is empty: so "net
                // loopback" matches the address 127.0.0.0 alone (measured).
                uint value = n.Value, mask = 0xffffffff;
                while (value != 0 && (value & 0xff000000) == 0)
                {
                    value <<= 8;
                    mask <<= 8;
                }
                return Host(value, mask, q, tags);
            }
            case AddressQualifier.Default or AddressQualifier.Host:
            {
                if (q.Protocol == ProtocolQualifier.Link) throw new FilterError($"unknown ether host '{name}'");
                var addresses = context.Names.ResolveHost(name);
                if (addresses is null || addresses.Count == 0 || q.Protocol == ProtocolQualifier.Ip6)
                    throw new FilterError($"unknown host '{name}'{(q.Protocol == ProtocolQualifier.Default ? "" : " for specified address family")}");
                FilterNode? result = null;
                foreach (var address in addresses)
                {
                    var test = Host(address.Value, 0xffffffff, q with { Address = AddressQualifier.Host }, tags);
                    result = result is null ? test : new OrNode(test, result);
                }
                return result!;
            }
            case AddressQualifier.Port:
            {
                var allowed = PortProtocols(q);
                var (port, protocols) = ResolvePort(name) ?? throw new FilterError($"unknown port '{name}'");
                return Port(Restrict(allowed, protocols, name), (uint)port, q.Direction, tags);
            }
            case AddressQualifier.PortRange:
            {
                var allowed = PortProtocols(q);
                var (low, high, protocols) = ResolvePortRange(name) ?? throw new FilterError($"unknown port in range '{name}'");
                return PortRange(Restrict(allowed, protocols, name), (uint)low, (uint)high, q.Direction, tags);
            }
            case AddressQualifier.Gateway:
                throw new FilterError("'gateway' not supported in this configuration");
            default:
                return Protocol(LookupProtocol(name, q.Protocol), q, tags);
        }
    }

    // ---- generators ----

    /// <summary>gen_host: the address tests of ip, arp and rarp (all three when no protocol is named).</summary>
    private FilterNode Host(uint address, uint mask, Qualifiers q, int tags)
    {
        string kind = q.Address == AddressQualifier.Net ? "net" : "host";
        switch (q.Protocol)
        {
            case ProtocolQualifier.Default:
                return new OrNode(new OrNode(Ipv4Host(), ArpHost(EtherTypeArp)), ArpHost(EtherTypeRarp));
            case ProtocolQualifier.Ip:
                return Ipv4Host();
            case ProtocolQualifier.Arp:
                return ArpHost(EtherTypeArp);
            case ProtocolQualifier.Rarp:
                return ArpHost(EtherTypeRarp);
            case ProtocolQualifier.Link:
                throw new FilterError($"link-layer modifier applied to {kind}");
            case ProtocolQualifier.Ip6:
                throw new FilterError("'ip6' modifier applied to ip host");
            default:
                throw new FilterError($"'{q.ProtocolName}' modifier applied to {kind}");
        }

        FilterNode Ipv4Host() => new HostTest(tags, EtherTypeIp, 12, 16, address & mask, mask, q.Direction);
        FilterNode ArpHost(ushort type) => new HostTest(tags, type, 14, 24, address & mask, mask, q.Direction);
    }

    /// <summary>The transport protocols a port qualifier allows: tcp, udp, sctp, or all three.</summary>
    private static byte[] PortProtocols(Qualifiers q) => q.Protocol switch
    {
        ProtocolQualifier.Tcp => [Tcp],
        ProtocolQualifier.Udp => [Udp],
        ProtocolQualifier.Sctp => [Sctp],
        ProtocolQualifier.Default => AnyPortProtocol,
        _ => throw new FilterError("illegal qualifier of 'port'"),
    };

    private static FilterNode Port(byte[] protocols, uint port, DirectionQualifier direction, int tags)
    {
        if (port > 65535) throw new FilterError($"illegal port number {port} > 65535");
        return new PortTest(tags, protocols, (int)port, (int)port, direction);
    }

    private static FilterNode PortRange(byte[] protocols, uint first, uint second, DirectionQualifier direction, int tags)
    {
        foreach (var port in (ReadOnlySpan<uint>)[first, second])
            if (port > 65535) throw new FilterError($"illegal port number {port} > 65535");
        return new PortTest(tags, protocols, (int)Math.Min(first, second), (int)Math.Max(first, second), direction);
    }

    // A service name known for one protocol only narrows the match ("port http" is TCP port 80); asking
    // it of the other protocol is an error ("udp port ssh": port 'ssh' is tcp).
    private static byte[] Restrict(byte[] allowed, byte[] resolved, string name)
    {
        if (resolved.Length == AnyPortProtocol.Length) return allowed;
        if (allowed.Length == AnyPortProtocol.Length) return resolved;
        if (allowed[0] != resolved[0]) throw new FilterError($"port '{name}' is {(resolved[0] == Tcp ? "tcp" : "udp")}");
        return allowed;
    }

    /// <summary>gen_proto: ip proto N, ip6 proto N, ether proto N, or proto N (IPv4 or IPv6).</summary>
    private static FilterNode Protocol(uint value, Qualifiers q, int tags) => q.Protocol switch
    {
        // A value no 16-bit field can hold matches nothing (libpcap compiles it without complaint).
        ProtocolQualifier.Link => value > 0xffff ? new NotNode(new AcceptAll()) : new EtherTypeTest(tags, (ushort)value),
        ProtocolQualifier.Ip => new ProtocolTest(tags, (int)Math.Min(value, 256), ipv4: true, ipv6: false),
        ProtocolQualifier.Ip6 => new ProtocolTest(tags, (int)Math.Min(value, 256), ipv4: false, ipv6: true),
        ProtocolQualifier.Default => new ProtocolTest(tags, (int)Math.Min(value, 256), ipv4: true, ipv6: true),
        ProtocolQualifier.Arp or ProtocolQualifier.Rarp => throw new FilterError($"{q.ProtocolName} does not encapsulate another protocol"),
        _ => throw new FilterError($"'{q.ProtocolName} proto' is bogus"),
    };

    /// <summary>lookup_proto: a protocol name after "proto" (written \icmp, since icmp is a keyword).</summary>
    private uint LookupProtocol(string name, ProtocolQualifier protocol)
    {
        if (protocol == ProtocolQualifier.Link)
            return EtherProtocolNames.TryGetValue(name, out var type) ? type : throw new FilterError($"unknown ether proto '{name}'");
        return context.Names.ProtocolNumber(name) is { } number ? number : throw new FilterError($"unknown ip proto '{name}'");
    }

    /// <summary>pcap_nametoport: a service of /etc/services, TCP and UDP both if it names the same port for each.</summary>
    private (int Port, byte[] Protocols)? ResolvePort(string name)
    {
        if (int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out int numeric)) return (numeric, AnyPortProtocol);
        var tcp = context.Names.ServicePort(name, "tcp");
        var udp = context.Names.ServicePort(name, "udp");
        if (tcp is { } t) return (t, udp == t ? AnyPortProtocol : [Tcp]);
        if (udp is { } u) return (u, [Udp]);
        return null;
    }

    /// <summary>pcap_nametoportrange: "A-B", numbers (as sscanf "%d-%d" reads them) or service names.</summary>
    private (int Low, int High, byte[] Protocols)? ResolvePortRange(string name)
    {
        int dash = name.IndexOf('-', 1);
        if (dash < 0) return null;
        if (LeadingNumber(name, out int first, out int end) && end == dash && LeadingNumber(name[(dash + 1)..], out int second, out _))
            return (first, second, AnyPortProtocol);
        var low = ResolvePort(name[..dash]);
        var high = ResolvePort(name[(dash + 1)..]);
        if (low is null || high is null) return null;
        var protocols = low.Value.Protocols.SequenceEqual(high.Value.Protocols) ? low.Value.Protocols : AnyPortProtocol;
        return (low.Value.Port, high.Value.Port, protocols);
    }

    private static bool LeadingNumber(string text, out int value, out int end)
    {
        end = 0;
        while (end < text.Length && char.IsAsciiDigit(text[end])) end++;
        value = 0;
        return end > 0 && int.TryParse(text[..end], NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    // ---- lexical forms ----

    /// <summary>libpcap's numbers: decimal, 0x hexadecimal, or octal with a leading 0.</summary>
    public static bool TryParseNumber(string text, out uint value)
    {
        value = 0;
        if (text.Length == 0) return false;
        if (text.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
            return text.Length > 2 && uint.TryParse(text[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value);
        if (!text.All(char.IsAsciiDigit)) return false;
        if (text.Length > 1 && text[0] == '0')
        {
            ulong octal = 0;
            foreach (char c in text)
            {
                if (c > '7') return false;
                octal = octal * 8 + (uint)(c - '0');
                if (octal > uint.MaxValue) return false;
            }
            value = (uint)octal;
            return true;
        }
        return uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>N.N, N.N.N or N.N.N.N (libpcap's HID).</summary>
    public static bool IsDottedNumbers(string text)
    {
        var parts = text.Split('.');
        return parts.Length is >= 2 and <= 4 && parts.All(p => p.Length > 0 && p.All(char.IsAsciiDigit));
    }

    /// <summary>__pcap_atoin: the value and how many bits the parts given cover.</summary>
    private static (uint Value, int Bits) ParseDotted(string text)
    {
        uint value = 0;
        var parts = text.Split('.');
        foreach (var part in parts)
        {
            if (!uint.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out uint octet) || octet > 255)
                throw new FilterError($"invalid IPv4 address '{text}'");
            value = value << 8 | octet;
        }
        return (value, parts.Length * 8);
    }

    /// <summary>xx:xx:xx:xx:xx:xx, xx-xx-…, xx.xx.… (one or two hex digits each) or xxxx.xxxx.xxxx (libpcap's MAC).</summary>
    public static bool IsMacAddress(string text) => TryParseMac(text, out _);

    private static MacAddress ParseMac(string text) => TryParseMac(text, out var mac) ? mac : throw FilterError.Syntax();

    private static bool TryParseMac(string text, out MacAddress mac)
    {
        mac = default;
        string[] parts;
        if (text.Split('.') is { Length: 3 } words && words.All(w => w.Length == 4 && w.All(char.IsAsciiHexDigit)))
        {
            parts = words.SelectMany(w => new[] { w[..2], w[2..] }).ToArray();
        }
        else
        {
            char separator = text.Contains(':') ? ':' : text.Contains('-') ? '-' : '.';
            parts = text.Split(separator);
            if (parts.Length != 6 || parts.Any(p => p.Length is 0 or > 2 || !p.All(char.IsAsciiHexDigit))) return false;
        }
        ulong value = 0;
        foreach (var part in parts) value = value << 8 | Convert.ToByte(part, 16);
        mac = new MacAddress(value);
        return true;
    }
}
