using Simulator.Cli.Commands.Iptables.NameServices;
using Simulator.Netfilter.Matches;

namespace Simulator.Cli.Commands.Iptables.Extensions;

/// <summary>What an extension needs to print a rule's match or target: -n, names, the rule's IP part.</summary>
internal sealed record FormatContext(bool Numeric, NameService Names, IpPacketMatch Ip)
{
    /// <summary>A port as -L prints it: the service name for the protocol unless -n or there is none.</summary>
    public string Port(ushort port, string protocol) =>
        Numeric ? port.ToString(System.Globalization.CultureInfo.InvariantCulture)
            : Names.ServiceName(port, protocol) ?? port.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
