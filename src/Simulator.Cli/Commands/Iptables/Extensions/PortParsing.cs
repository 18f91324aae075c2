using System.Globalization;
using Simulator.Cli.Commands.Iptables.NameServices;
using Simulator.Netfilter.Matches;

namespace Simulator.Cli.Commands.Iptables.Extensions;

/// <summary>The two ways iptables 1.8.9 reads ports: libxtables' xtables_parse_port and x6's port range.</summary>
internal static class PortParsing
{
    /// <summary>
    /// xtables_parse_port: a number 0-65535 (strtoul base 0) or a service name of that protocol.
    /// </summary>
    public static ushort ParsePort(string text, string protocol, NameService names)
    {
        if (CNumber.TryParseInRange(text, 0, ushort.MaxValue, out ulong number)) return (ushort)number;
        return names.ServicePort(text, protocol)
               ?? throw IptablesError.Parameter($"invalid port/service `{text}' specified");
    }

    /// <summary>
    /// libxt_tcp's port range: "a", "a:b", "a:" or ":b" (missing ends are 0 and 65535), min ≤ max.
    /// </summary>
    public static PortRange ParseTcpStyleRange(string text, string protocol, NameService names)
    {
        int colon = text.IndexOf(':');
        if (colon < 0) return PortRange.Single(ParsePort(text, protocol, names));
        string low = text[..colon], high = text[(colon + 1)..];
        ushort min = low.Length > 0 ? ParsePort(low, protocol, names) : (ushort)0;
        ushort max = high.Length > 0 ? ParsePort(high, protocol, names) : ushort.MaxValue;
        if (min > max) throw IptablesError.Parameter("invalid portrange (min > max)");
        return new PortRange(min, max);
    }

    /// <summary>
    /// x6's XTTYPE_PORTRC (udp): up to two ':'-separated parts, each a decimal number (truncated to
    /// 16 bits, as getaddrinfo does) or a service name of any protocol; empty parts default to 0
    /// and 65535; no order check.
    /// </summary>
    public static PortRange ParseX6Range(string text, string extension, string option, NameService names)
    {
        var parts = text.Split(':');
        if (parts.Length > 2)
            throw IptablesError.Parameter($"{extension}: Too many components for option \"--{option}\" (max: 2)\n");
        var values = new ushort[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            if (parts[i].Length == 0)
            {
                values[i] = i == 0 ? (ushort)0 : ushort.MaxValue;
                continue;
            }
            values[i] = ResolveAnyProtocol(parts[i], names)
                        ?? throw IptablesError.Parameter($"Port \"{parts[i]}\" does not resolve to anything.\n");
        }
        return values.Length == 1 ? PortRange.Single(values[0]) : new PortRange(values[0], values[1]);
    }

    private static ushort? ResolveAnyProtocol(string text, NameService names)
    {
        if (text.All(char.IsAsciiDigit) && ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out ulong number))
            return (ushort)number;
        return names.ServicePort(text, "tcp") ?? names.ServicePort(text, "udp");
    }
}
