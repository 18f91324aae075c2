using System.Text;
using Simulator.Netfilter.Matches;

namespace Simulator.Cli.Commands.Iptables.Extensions;

/// <summary><c>-m tcp</c> (libxt_tcp): --sport/--source-port and --dport/--destination-port; flags and options are not modelled.</summary>
internal sealed class TcpExtension : MatchExtension
{
    private PortRange _source = PortRange.All, _destination = PortRange.All;
    private bool _invertSource, _invertDestination;

    public override string Name => "tcp";

    public override IReadOnlyList<ExtensionOption> Options { get; } =
    [
        new("source-port", ArgumentKind.Required, 0, true),
        new("sport", ArgumentKind.Required, 0, true),
        new("destination-port", ArgumentKind.Required, 1, true),
        new("dport", ArgumentKind.Required, 1, true),
    ];

    public override void Parse(ExtensionOption option, string? argument, bool invert, RuleParseState state)
    {
        // libxt_tcp still parses the old way: its own "Only one" message, no generic checks.
        if (Seen(option.Id))
            throw IptablesError.Parameter($"Only one `--{CanonicalName(option.Id)}' allowed");
        MarkSeen(option.Id);
        var range = PortParsing.ParseTcpStyleRange(argument!, "tcp", state.Names);
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
        // Only port options are translated with a protocol check in user space; a bare -m tcp
        // goes to the kernel, which refuses it without the protocol (EINVAL).
        if (SeenAny && state.Protocol != TcpMatch.ProtocolNumber) throw IptablesError.Parameter("TCP match requires '-p tcp'");
        return new TcpMatch(_source, _invertSource, _destination, _invertDestination);
    }

    public override void Print(IMatch match, FormatContext context, StringBuilder text)
    {
        var tcp = (TcpMatch)match;
        text.Append(" tcp");
        PrintPorts("spt", tcp.SourcePorts, tcp.InvertSource, "tcp", context, text);
        PrintPorts("dpt", tcp.DestinationPorts, tcp.InvertDestination, "tcp", context, text);
    }

    public override void Save(IMatch match, FormatContext context, StringBuilder text)
    {
        var tcp = (TcpMatch)match;
        SavePorts("--sport", tcp.SourcePorts, tcp.InvertSource, text);
        SavePorts("--dport", tcp.DestinationPorts, tcp.InvertDestination, text);
    }

    /// <summary>" spt:ssh", " dpts:!1000:2000" as libxt_tcp/libxt_udp print them.</summary>
    internal static void PrintPorts(string label, PortRange range, bool invert, string protocol, FormatContext context, StringBuilder text)
    {
        if (range.IsAll && !invert) return;
        string inv = invert ? "!" : "";
        text.Append(' ').Append(label);
        if (range.IsSingle)
            text.Append(':').Append(inv).Append(context.Port(range.Min, protocol));
        else
            text.Append("s:").Append(inv).Append(context.Port(range.Min, protocol)).Append(':').Append(context.Port(range.Max, protocol));
    }

    internal static void SavePorts(string option, PortRange range, bool invert, StringBuilder text)
    {
        if (range.IsAll) return;
        if (invert) text.Append(" !");
        text.Append(' ').Append(option).Append(' ').Append(range.Min);
        if (!range.IsSingle) text.Append(':').Append(range.Max);
    }
}
