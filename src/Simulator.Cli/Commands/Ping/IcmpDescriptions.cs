using Simulator.Core.Wire;

namespace Simulator.Cli.Commands.Ping;

/// <summary>pr_icmph (ping/ping.c): the words ping prints for an ICMP message, ending in a newline.</summary>
internal static class IcmpDescriptions
{
    /// <param name="info">The MTU of "frag needed", or the pointer of a parameter problem.</param>
    /// <param name="gateway">The new next hop a redirect names, already formatted as ping prints addresses.</param>
    public static string Describe(IcmpType type, byte code, uint info, string? gateway = null) => type switch
    {
        IcmpType.EchoReply => "Echo Reply\n",
        IcmpType.DestinationUnreachable => Unreachable(code, info),
        IcmpType.SourceQuench => "Source Quench\n",
        IcmpType.Redirect => code switch
        {
            0 => "Redirect Network",
            1 => "Redirect Host",
            2 => "Redirect Type of Service and Network",
            3 => "Redirect Type of Service and Host",
            _ => $"Redirect, Bad Code: {code}",
        } + $"(New nexthop: {gateway})\n",
        IcmpType.EchoRequest => "Echo Request\n",
        IcmpType.TimeExceeded => code switch
        {
            0 => "Time to live exceeded\n",
            1 => "Frag reassembly time exceeded\n",
            _ => $"Time exceeded, Bad Code: {code}\n",
        },
        IcmpType.ParameterProblem => $"Parameter problem: pointer = {info}\n",
        IcmpType.Timestamp => "Timestamp\n",
        IcmpType.TimestampReply => "Timestamp Reply\n",
        IcmpType.InformationRequest => "Information Request\n",
        IcmpType.InformationReply => "Information Reply\n",
        IcmpType.AddressMaskRequest => "Address Mask Request\n",
        IcmpType.AddressMaskReply => "Address Mask Reply\n",
        _ => $"Bad ICMP type: {(byte)type}\n",
    };

    private static string Unreachable(byte code, uint info) => (IcmpUnreachableCode)code switch
    {
        IcmpUnreachableCode.NetUnreachable => "Destination Net Unreachable\n",
        IcmpUnreachableCode.HostUnreachable => "Destination Host Unreachable\n",
        IcmpUnreachableCode.ProtocolUnreachable => "Destination Protocol Unreachable\n",
        IcmpUnreachableCode.PortUnreachable => "Destination Port Unreachable\n",
        IcmpUnreachableCode.FragmentationNeeded => $"Frag needed and DF set (mtu = {info})\n",
        IcmpUnreachableCode.SourceRouteFailed => "Source Route Failed\n",
        IcmpUnreachableCode.NetUnknown => "Destination Net Unknown\n",
        IcmpUnreachableCode.HostUnknown => "Destination Host Unknown\n",
        IcmpUnreachableCode.SourceHostIsolated => "Source Host Isolated\n",
        IcmpUnreachableCode.NetProhibited => "Destination Net Prohibited\n",
        IcmpUnreachableCode.HostProhibited => "Destination Host Prohibited\n",
        IcmpUnreachableCode.NetUnreachableForTos => "Destination Net Unreachable for Type of Service\n",
        IcmpUnreachableCode.HostUnreachableForTos => "Destination Host Unreachable for Type of Service\n",
        IcmpUnreachableCode.AdministrativelyProhibited => "Packet filtered\n",
        IcmpUnreachableCode.HostPrecedenceViolation => "Precedence Violation\n",
        IcmpUnreachableCode.PrecedenceCutoff => "Precedence Cutoff\n",
        _ => $"Dest Unreachable, Bad Code: {code}\n",
    };
}
