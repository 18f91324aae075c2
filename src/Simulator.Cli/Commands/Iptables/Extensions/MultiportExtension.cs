using System.Collections.Immutable;
using System.Text;
using Simulator.Netfilter.Matches;

namespace Simulator.Cli.Commands.Iptables.Extensions;

/// <summary><c>-m multiport [!] --sports|--dports|--ports LIST</c> (libxt_multiport, revision 1).</summary>
internal sealed class MultiportExtension : MatchExtension
{
    private MultiportDirection _direction;
    private ImmutableArray<PortRange> _ports = [];
    private bool _invert;

    public override string Name => "multiport";

    public override IReadOnlyList<ExtensionOption> Options { get; } =
    [
        new("source-ports", ArgumentKind.Required, 0, true),
        new("sports", ArgumentKind.Required, 0, true),
        new("destination-ports", ArgumentKind.Required, 1, true),
        new("dports", ArgumentKind.Required, 1, true),
        new("ports", ArgumentKind.Required, 2, true),
    ];

    public override void Parse(ExtensionOption option, string? argument, bool invert, RuleParseState state)
    {
        CheckGeneric(option, invert);
        string protocol = ProtocolName(state);
        _ports = ParseList(argument!, protocol, state);
        _direction = option.Id switch
        {
            0 => MultiportDirection.Source,
            1 => MultiportDirection.Destination,
            _ => MultiportDirection.Either,
        };
        _invert = invert;
    }

    /// <summary>check_proto: the protocol must be known by now, and one that has ports.</summary>
    private static string ProtocolName(RuleParseState state)
    {
        if (state.InvertProtocol) throw IptablesError.Parameter("multiport only works with TCP, UDP, UDPLITE, SCTP and DCCP");
        return PortProtocolName(state.Protocol) ?? throw IptablesError.Parameter(state.Protocol == 0
            ? "multiport needs `-p tcp', `-p udp', `-p udplite', `-p sctp' or `-p dccp'"
            : "multiport only works with TCP, UDP, UDPLITE, SCTP and DCCP");
    }

    private static string? PortProtocolName(byte protocol) => protocol switch
    {
        6 => "tcp",
        17 => "udp",
        136 => "udplite",
        132 => "sctp",
        33 => "dccp",
        _ => null,
    };

    private static ImmutableArray<PortRange> ParseList(string text, string protocol, RuleParseState state)
    {
        var ports = ImmutableArray.CreateBuilder<PortRange>();
        int slots = 0;
        foreach (var item in text.Split(','))
        {
            if (slots == MultiportMatch.MaxSlots) throw IptablesError.Parameter("too many ports specified");
            int colon = item.IndexOf(':');
            if (colon < 0)
            {
                ports.Add(PortRange.Single(PortParsing.ParsePort(item, protocol, state.Names)));
                slots++;
                continue;
            }
            if (slots == MultiportMatch.MaxSlots - 1) throw IptablesError.Parameter("too many ports specified");
            ushort min = PortParsing.ParsePort(item[..colon], protocol, state.Names);
            ushort max = PortParsing.ParsePort(item[(colon + 1)..], protocol, state.Names);
            if (min >= max) throw IptablesError.Parameter("invalid portrange specified");
            ports.Add(new PortRange(min, max));
            slots += 2;
        }
        return ports.ToImmutable();
    }

    public override void FinalCheck(RuleParseState state)
    {
        if (!SeenAny) throw IptablesError.Parameter("multiport expection an option");
        Exclusive(0, 1, 2);
    }

    public override IMatch Build(RuleParseState state) => new MultiportMatch(_direction, _ports, _invert);

    public override void Print(IMatch match, FormatContext context, StringBuilder text)
    {
        var multiport = (MultiportMatch)match;
        text.Append(" multiport ").Append(multiport.Direction switch
        {
            MultiportDirection.Source => "sports ",
            MultiportDirection.Destination => "dports ",
            _ => "ports ",
        });
        if (multiport.Invert) text.Append(" !");
        string protocol = PortProtocolName(context.Ip.Protocol) ?? "";
        AppendList(multiport, text, port => context.Port(port, protocol));
    }

    public override void Save(IMatch match, FormatContext context, StringBuilder text)
    {
        var multiport = (MultiportMatch)match;
        if (multiport.Invert) text.Append(" !");
        text.Append(multiport.Direction switch
        {
            MultiportDirection.Source => " --sports ",
            MultiportDirection.Destination => " --dports ",
            _ => " --ports ",
        });
        AppendList(multiport, text, port => port.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    private static void AppendList(MultiportMatch multiport, StringBuilder text, Func<ushort, string> port)
    {
        for (int i = 0; i < multiport.Ports.Length; i++)
        {
            if (i > 0) text.Append(',');
            var range = multiport.Ports[i];
            text.Append(port(range.Min));
            if (!range.IsSingle) text.Append(':').Append(port(range.Max));
        }
    }
}
