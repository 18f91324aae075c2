using System.Text;
using Simulator.Core.Addressing;
using Simulator.Netfilter.Matches;

namespace Simulator.Cli.Commands.Iptables.Extensions;

/// <summary><c>-m mac [!] --mac-source XX:XX:XX:XX:XX:XX</c> (libxt_mac).</summary>
internal sealed class MacExtension : MatchExtension
{
    private MacAddress _source;
    private bool _invert;

    public override string Name => "mac";

    public override IReadOnlyList<ExtensionOption> Options { get; } = [new("mac-source", ArgumentKind.Required, 0, true)];

    public override void Parse(ExtensionOption option, string? argument, bool invert, RuleParseState state)
    {
        CheckGeneric(option, invert);
        if (!MacAddress.TryParse(argument, out _source)) throw IptablesError.Parameter("Invalid MAC address specified.");
        _invert = invert;
    }

    public override void FinalCheck(RuleParseState state) => Require(0);

    public override IMatch Build(RuleParseState state) => new MacMatch(_source, _invert);

    public override void Print(IMatch match, FormatContext context, StringBuilder text)
    {
        var mac = (MacMatch)match;
        text.Append(" MAC");
        if (mac.Invert) text.Append(" !");
        text.Append(' ').Append(mac.Source);
    }

    public override void Save(IMatch match, FormatContext context, StringBuilder text)
    {
        var mac = (MacMatch)match;
        if (mac.Invert) text.Append(" !");
        text.Append(" --mac-source ").Append(mac.Source);
    }
}
