using Simulator.Cli.Commands.Iptables.NameServices;

namespace Simulator.Cli.Commands.Netcat;

/// <summary>
/// build_ports and strtoport (netcat.c): the ports to connect to, from operands that are numbers,
/// ranges lo-hi (either order; the low end first) or service names (/etc/services, even with
/// -n), each checked as strtonum does: <c>port number invalid: 80x</c>, <c>port number too large: 99999</c>.
/// </summary>
internal static class PortList
{
    public const int MaxPort = 65535;

    public static List<ushort>? Build(IEnumerable<string> operands, string protocol, NameService names, out string? error)
    {
        error = null;
        var ports = new List<ushort>();
        foreach (var operand in operands)
        {
            int dash = operand.IndexOf('-', 1 < operand.Length ? 1 : 0);
            if (operand.Length > 0 && char.IsAsciiDigit(operand[0]) && dash > 0)
            {
                var low = ToPort(operand[..dash], protocol, names, out error);
                if (low is null) return null;
                var high = ToPort(operand[(dash + 1)..], protocol, names, out error);
                if (high is null) return null;
                var (from, to) = low <= high ? (low.Value, high.Value) : (high.Value, low.Value);
                for (int port = from; port <= to; port++) ports.Add((ushort)port);
                continue;
            }
            var single = ToPort(operand, protocol, names, out error);
            if (single is null) return null;
            ports.Add(single.Value);
        }
        return ports;
    }

    private static ushort? ToPort(string text, string protocol, NameService names, out string? error)
    {
        error = null;
        if (NetcatOptionParser.StrToNum(text, 1, MaxPort, out long number, out var problem)) return (ushort)number;
        if (problem == "invalid" && names.ServicePort(text, protocol) is ushort service) return service;
        error = $"nc: port number {problem}: {text}";
        return null;
    }

    /// <summary>
    /// The port getaddrinfo gives a listener (AI_PASSIVE): any decimal number, cut to 16 bits as
    /// glibc's htons does, or a service name; null for anything else (EAI_SERVICE).
    /// </summary>
    public static ushort? ListenPort(string text, string protocol, NameService names)
    {
        if (text.Length > 0 && text.All(char.IsAsciiDigit))
            return ulong.TryParse(text, out ulong value) ? (ushort)(value & 0xFFFF) : null;
        return names.ServicePort(text, protocol);
    }
}
