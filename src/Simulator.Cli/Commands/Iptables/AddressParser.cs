using Simulator.Cli.Commands.Iptables.NameServices;
using Simulator.Core.Addressing;

namespace Simulator.Cli.Commands.Iptables;

/// <summary>-s and -d as libxtables reads them (xtables_ipparse_multiple and its helpers).</summary>
internal static class AddressParser
{
    /// <summary>
    /// "a[/mask][,b[/mask]]...": each item a dotted address (missing trailing parts are zero:
    /// "10" is 10.0.0.0), a network name or a host name (which may stand for several addresses);
    /// the mask a prefix length or a dotted mask. Host bits are cleared, as iptables does.
    /// </summary>
    public static List<(Ipv4Address Address, Ipv4Address Mask)> ParseMultiple(string text, NameService names)
    {
        var result = new List<(Ipv4Address, Ipv4Address)>();
        foreach (var item in text.Split(','))
        {
            string host = item;
            Ipv4Address mask = Ipv4Address.Broadcast;
            int slash = item.LastIndexOf('/');
            if (slash >= 0)
            {
                host = item[..slash];
                mask = ParseMask(item[(slash + 1)..]);
            }
            // A null mask ignores the name: "any/0".
            if (mask.Value == 0) host = "0.0.0.0";
            foreach (var address in ResolveHostOrNetwork(host, names))
                result.Add((new Ipv4Address(address.Value & mask.Value), mask));
        }
        return result;
    }

    private static Ipv4Address ParseMask(string text)
    {
        if (TryParseNumeric(text, isMask: true, out var dotted)) return dotted;
        if (!CNumber.TryParseInRange(text, 0, 32, out ulong bits)) throw IptablesError.Parameter($"invalid mask `{text}' specified");
        return new Ipv4Address(Ipv4Prefix.MaskBits((int)bits));
    }

    private static IReadOnlyList<Ipv4Address> ResolveHostOrNetwork(string name, NameService names)
    {
        if (TryParseNumeric(name, isMask: false, out var numeric)) return [numeric];
        if (names.ResolveNetwork(name) is { } network) return [network];
        return names.ResolveHost(name) ?? throw IptablesError.Parameter($"host/network `{name}' not found");
    }

    /// <summary>
    /// xtables_numeric_to_ipaddr: up to four dot-separated numbers 0-255 (each strtoul base 0);
    /// an address with fewer parts is completed with zeros, a mask must have all four.
    /// </summary>
    public static bool TryParseNumeric(string text, bool isMask, out Ipv4Address address)
    {
        address = default;
        var parts = text.Split('.');
        if (parts.Length > 4 || (isMask && parts.Length != 4)) return false;
        uint value = 0;
        for (int i = 0; i < 4; i++)
        {
            ulong part = 0;
            if (i < parts.Length && !CNumber.TryParseInRange(parts[i], 0, 255, out part)) return false;
            value = value << 8 | (uint)part;
        }
        address = new Ipv4Address(value);
        return true;
    }
}
