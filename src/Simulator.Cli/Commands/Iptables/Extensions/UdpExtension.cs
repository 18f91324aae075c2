using System.Text;
using Simulator.Netfilter.Matches;

namespace Simulator.Cli.Commands.Iptables.Extensions;

/// <summary><c>-m udp</c> (libxt_udp, parsed with libxtables' x6 option types).</summary>
internal sealed class UdpExtension : MatchExtension
{
    private PortRange _source = PortRange.All, _destination = PortRange.All;
    private bool _invertSource, _invertDestination;

    public override string Name => "udp";

    public override IReadOnlyList<ExtensionOption> Options { get; } =
    [
        new("source-port", ArgumentKind.Required, 0, true),
        new("sport", ArgumentKind.Required, 0, true),
        new("destination-port", ArgumentKind.Required, 1, true),
        new("dport", ArgumentKind.Required, 1, true),
    ];

    public override void Parse(ExtensionOption option, string? argument, bool invert, RuleParseState state)
    {
        CheckGeneric(option, invert);
        var range = PortParsing.ParseX6Range(argument!, Name, CanonicalName(option.Id), state.Names);
        if (option.Id == 0)
        {
            _source = range;
            _invertSource = invert;
        }
        else
        {
            _destination = range;
            _invertDestination = invert;
        }
    }

    public override IMatch Build(RuleParseState state)
    {
        // Only port options are translated with a protocol check in user space; a bare -m udp
        // goes to the kernel, which refuses it without the protocol (EINVAL).
        if (SeenAny && state.Protocol != UdpMatch.ProtocolNumber) throw IptablesError.Parameter("UDP match requires '-p udp'");
        return new UdpMatch(_source, _invertSource, _destination, _invertDestination);
    }

    public override void Print(IMatch match, FormatContext context, StringBuilder text)
    {
        var udp = (UdpMatch)match;
        text.Append(" udp");
        TcpExtension.PrintPorts("spt", udp.SourcePorts, udp.InvertSource, "udp", context, text);
        TcpExtension.PrintPorts("dpt", udp.DestinationPorts, udp.InvertDestination, "udp", context, text);
    }

    public override void Save(IMatch match, FormatContext context, StringBuilder text)
    {
        var udp = (UdpMatch)match;
        TcpExtension.SavePorts("--sport", udp.SourcePorts, udp.InvertSource, text);
        TcpExtension.SavePorts("--dport", udp.DestinationPorts, udp.InvertDestination, text);
    }
}
