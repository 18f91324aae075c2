using System.Text;
using Simulator.Netfilter.Matches;

namespace Simulator.Cli.Commands.Iptables.Extensions;

/// <summary>
/// <c>-m tcp</c> (libxt_tcp): --sport/--source-port, --dport/--destination-port, --tcp-flags and
/// --syn; --tcp-option is not modelled.
/// </summary>
internal sealed class TcpExtension : MatchExtension
{
    private static readonly (string Name, byte Bit)[] FlagNames =
        [("FIN", 0x01), ("SYN", 0x02), ("RST", 0x04), ("PSH", 0x08), ("ACK", 0x10), ("URG", 0x20)];

    private PortRange _source = PortRange.All, _destination = PortRange.All;
    private bool _invertSource, _invertDestination, _invertFlags;
    private byte _flagMask, _flagCompare;

    public override string Name => "tcp";

    public override IReadOnlyList<ExtensionOption> Options { get; } =
    [
        new("source-port", ArgumentKind.Required, 0, true),
        new("sport", ArgumentKind.Required, 0, true),
        new("destination-port", ArgumentKind.Required, 1, true),
        new("dport", ArgumentKind.Required, 1, true),
        new("syn", ArgumentKind.None, 2, true),
        new("tcp-flags", ArgumentKind.Required, 2, true),
    ];

    public override void Parse(ExtensionOption option, string? argument, bool invert, RuleParseState state)
    {
        if (option.Id == 2)
        {
            ParseFlags(option, argument, invert, state);
            return;
        }
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

    private void ParseFlags(ExtensionOption option, string? argument, bool invert, RuleParseState state)
    {
        if (Seen(2)) throw IptablesError.Parameter("Only one of `--syn' or `--tcp-flags'  allowed");
        MarkSeen(2);
        _invertFlags = invert;
        if (option.Name == "syn")
        {
            _flagMask = TcpMatch.SynMask;
            _flagCompare = TcpMatch.Syn;
            return;
        }
        string compare = state.TakeNextArgument() ?? throw IptablesError.Parameter("--tcp-flags requires two args.");
        _flagMask = ParseFlagList(argument!);
        _flagCompare = ParseFlagList(compare);
    }

    private static byte ParseFlagList(string text)
    {
        byte flags = 0;
        foreach (var word in text.Split(','))
        {
            if (word.Equals("ALL", StringComparison.OrdinalIgnoreCase)) flags = 0x3F;
            else if (word.Equals("NONE", StringComparison.OrdinalIgnoreCase)) flags = 0;
            else
            {
                int index = Array.FindIndex(FlagNames, f => f.Name.Equals(word, StringComparison.OrdinalIgnoreCase));
                if (index < 0) throw IptablesError.Parameter($"Unknown TCP flag `{word}'");
                flags |= FlagNames[index].Bit;
            }
        }
        return flags;
    }

    private static string FlagList(byte flags) =>
        flags == 0 ? "NONE" : string.Join(',', FlagNames.Where(f => (flags & f.Bit) != 0).Select(f => f.Name));

    public override IMatch Build(RuleParseState state)
    {
        // Only port options are translated with a protocol check in user space; a bare -m tcp
        // goes to the kernel, which refuses it without the protocol (EINVAL).
        if (SeenAny && state.Protocol != TcpMatch.ProtocolNumber) throw IptablesError.Parameter("TCP match requires '-p tcp'");
        return new TcpMatch(_source, _invertSource, _destination, _invertDestination)
        {
            FlagMask = _flagMask,
            FlagCompare = _flagCompare,
            InvertFlags = _invertFlags,
        };
    }

    public override void Print(IMatch match, FormatContext context, StringBuilder text)
    {
        var tcp = (TcpMatch)match;
        text.Append(" tcp");
        PrintPorts("spt", tcp.SourcePorts, tcp.InvertSource, "tcp", context, text);
        PrintPorts("dpt", tcp.DestinationPorts, tcp.InvertDestination, "tcp", context, text);
        if (tcp.FlagMask != 0 || tcp.InvertFlags)
        {
            text.Append(" flags:").Append(tcp.InvertFlags ? "!" : "");
            if (context.Numeric) text.Append($"0x{tcp.FlagMask:X2}/0x{tcp.FlagCompare:X2}");
            else text.Append(FlagList(tcp.FlagMask)).Append('/').Append(FlagList(tcp.FlagCompare));
        }
    }

    public override void Save(IMatch match, FormatContext context, StringBuilder text)
    {
        var tcp = (TcpMatch)match;
        SavePorts("--sport", tcp.SourcePorts, tcp.InvertSource, text);
        SavePorts("--dport", tcp.DestinationPorts, tcp.InvertDestination, text);
        if (tcp.FlagMask != 0 || tcp.InvertFlags)
        {
            if (tcp.InvertFlags) text.Append(" !");
            text.Append(" --tcp-flags ").Append(FlagList(tcp.FlagMask)).Append(' ').Append(FlagList(tcp.FlagCompare));
        }
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
