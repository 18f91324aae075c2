using System.Globalization;
using Simulator.Cli.Commands.Iptables.NameServices;

namespace Simulator.Cli.Commands.Iptables;

/// <summary>How iptables reads -p and names protocol numbers in its different outputs.</summary>
internal static class ProtocolNames
{
    /// <summary>libxtables' xtables_chain_protos: the names it knows without asking libc.</summary>
    private static readonly (string Name, byte Number)[] ChainProtocols =
    [
        ("tcp", 6), ("sctp", 132), ("udp", 17), ("udplite", 136), ("icmp", 1), ("icmpv6", 58), ("esp", 50), ("ah", 51),
        ("mh", 135), ("all", 0),
    ];

    /// <summary>xtables_parse_protocol: a number 0-255, "all", a name from /etc/protocols, or a name it knows itself.</summary>
    public static byte Parse(string text, NameService names)
    {
        if (CNumber.TryParseInRange(text, 0, byte.MaxValue, out ulong number)) return (byte)number;
        if (text == "all") return 0;
        if (names.ProtocolNumber(text) is byte known) return known;
        foreach (var (name, value) in ChainProtocols)
            if (name == text) return value;
        throw IptablesError.Parameter($"unknown protocol \"{text}\" specified");
    }

    /// <summary>-S and iptables-save: the /etc/protocols name, else iptables' own, else the number.</summary>
    public static string ForSave(byte protocol, NameService names) =>
        (protocol != 0 ? names.ProtocolName(protocol) : null) ?? BuiltinName(protocol) ?? Number(protocol);

    /// <summary>The prot column of -L: the number with -n; otherwise as -S names it, "all" for 0.</summary>
    public static string ForList(byte protocol, bool numeric, NameService names) =>
        numeric ? Number(protocol) : ForSave(protocol, names);

    /// <summary>The rule echoed by -v: iptables' own names only, else the number.</summary>
    public static string ForEcho(byte protocol) => BuiltinName(protocol) ?? Number(protocol);

    private static string? BuiltinName(byte protocol)
    {
        foreach (var (name, value) in ChainProtocols)
            if (value == protocol) return name;
        return null;
    }

    private static string Number(byte protocol) => protocol.ToString(CultureInfo.InvariantCulture);
}
