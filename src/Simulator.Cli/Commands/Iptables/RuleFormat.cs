using System.Text;
using Simulator.Cli.Commands.Iptables.Extensions;
using Simulator.Cli.Commands.Iptables.NameServices;
using Simulator.Netfilter.Matches;
using Simulator.Netfilter.Tables;
using Simulator.Netfilter.Targets;

namespace Simulator.Cli.Commands.Iptables;

/// <summary>How a listing is laid out (iptables' FMT_* flags).</summary>
internal readonly record struct ListOptions(bool Numeric, bool Verbose, bool Exact, bool LineNumbers);

/// <summary>
/// Rules as text: the -L table (print_header, print_firewall), the rule echoed by -v
/// (FMT_PRINT_RULE: no table, no counters) and the -S / iptables-save line (save_rule).
/// </summary>
internal static class RuleFormat
{
    /// <summary>"Chain X (policy P ...)" or "Chain X (n references)", then the column titles.</summary>
    public static void AppendHeader(Table table, Chain chain, ListOptions options, StringBuilder text)
    {
        text.Append("Chain ").Append(chain.Name);
        if (chain.IsBuiltin)
        {
            text.Append(" (policy ").Append(chain.Policy == ChainPolicy.Drop ? "DROP" : "ACCEPT");
            if (options.Verbose)
            {
                text.Append(' ');
                CounterFormat.Append(chain.PolicyCounters.Packets, options.Exact, table: false, text);
                text.Append("packets, ");
                CounterFormat.Append(chain.PolicyCounters.Bytes, options.Exact, table: false, text);
                text.Append("bytes");
            }
            text.Append(")\n");
        }
        else
        {
            text.Append(" (").Append(table.ReferenceCount(chain.Name)).Append(" references)\n");
        }

        if (options.LineNumbers) text.Append("num  ");
        if (options.Verbose)
        {
            if (options.Exact) text.Append("    pkts      bytes ");
            else text.Append(" pkts bytes ");
        }
        text.Append("target    ").Append(" prot ").Append("opt");
        if (options.Verbose) text.Append(" in     ").Append("out    ");
        text.Append(" source              ").Append(" destination         ").Append('\n');
    }

    /// <summary>One row of the -L table.</summary>
    public static void AppendListLine(Rule rule, int number, ListOptions options, NameService names, StringBuilder text)
    {
        if (options.LineNumbers) text.Append(Pad(number.ToString(System.Globalization.CultureInfo.InvariantCulture), 4)).Append(' ');
        if (options.Verbose)
        {
            CounterFormat.Append(rule.Counters.Packets, options.Exact, table: true, text);
            CounterFormat.Append(rule.Counters.Bytes, options.Exact, table: true, text);
        }
        var ip = rule.Ip;
        text.Append(Pad(rule.Target?.Name ?? "", 9)).Append(' ');
        text.Append(ip.IsInverted(IpInversions.Protocol) ? '!' : ' ');
        text.Append(Pad(ProtocolNames.ForList(ip.Protocol, options.Numeric, names), 4)).Append(' ');
        AppendFragment(ip, text);
        if (options.Verbose)
        {
            string any = options.Numeric ? "*" : "any";
            text.Append(' ').Append(Pad(Interface(ip.InInterface, ip.IsInverted(IpInversions.InInterface), any), 6)).Append(' ');
            text.Append(Pad(Interface(ip.OutInterface, ip.IsInverted(IpInversions.OutInterface), any), 6)).Append(' ');
        }
        text.Append(ip.IsInverted(IpInversions.Source) ? '!' : ' ');
        text.Append(Pad(AddressFormat.ForList(ip.Source, ip.SourceMask, options.Numeric, names), 19)).Append(' ');
        text.Append(ip.IsInverted(IpInversions.Destination) ? '!' : ' ');
        text.Append(Pad(AddressFormat.ForList(ip.Destination, ip.DestinationMask, options.Numeric, names), 19)).Append(' ');
        AppendMatchesAndTarget(rule, new FormatContext(options.Numeric, names, ip), text);
        text.Append('\n');
    }

    /// <summary>The rule as -v echoes it when adding or deleting it.</summary>
    public static void AppendEchoLine(Rule rule, NameService names, StringBuilder text)
    {
        var ip = rule.Ip;
        text.Append(rule.Target?.Name ?? "").Append(' ');
        text.Append(ip.IsInverted(IpInversions.Protocol) ? '!' : ' ');
        text.Append(ProtocolNames.ForEcho(ip.Protocol)).Append(' ');
        text.Append("opt ");
        AppendFragment(ip, text);
        text.Append("in ").Append(Interface(ip.InInterface, ip.IsInverted(IpInversions.InInterface), "*")).Append(' ');
        text.Append("out ").Append(Interface(ip.OutInterface, ip.IsInverted(IpInversions.OutInterface), "*")).Append(' ');
        text.Append(ip.IsInverted(IpInversions.Source) ? '!' : ' ');
        text.Append(AddressFormat.ForList(ip.Source, ip.SourceMask, numeric: true, names)).Append(' ');
        text.Append(ip.IsInverted(IpInversions.Destination) ? '!' : ' ');
        text.Append("-> ").Append(AddressFormat.ForList(ip.Destination, ip.DestinationMask, numeric: true, names));
        text.Append("  ");
        AppendMatchesAndTarget(rule, new FormatContext(true, names, ip), text);
        text.Append('\n');
    }

    private static void AppendFragment(IpPacketMatch ip, StringBuilder text)
    {
        text.Append(ip.IsInverted(IpInversions.Fragment) ? '!' : '-');
        text.Append(ip.FragmentsOnly ? 'f' : '-');
        text.Append(' ');
    }

    private static string Interface(InterfacePattern pattern, bool inverted, string any) =>
        (inverted ? "!" : "") + (pattern.IsAny ? any : pattern.Text);

    private static void AppendMatchesAndTarget(Rule rule, FormatContext context, StringBuilder text)
    {
        if (rule.Target is JumpTarget { IsGoto: true }) text.Append("[goto] ");
        foreach (var match in rule.Matches) ExtensionRegistry.FormatterFor(match).Print(match, context, text);
        if (rule.Target is { } target) ExtensionRegistry.FormatterFor(target)?.Print(target, context, text);
    }

    /// <summary>
    /// "-A CHAIN ..." as -S and iptables-save write it; with <paramref name="counters"/> the
    /// " -c packets bytes" of -S -v goes before the target.
    /// </summary>
    public static string SaveLine(string chain, Rule rule, NameService names, bool counters)
    {
        var text = new StringBuilder("-A ").Append(chain);
        var ip = rule.Ip;
        AppendSaveAddress('s', ip.Source, ip.SourceMask, ip.IsInverted(IpInversions.Source), text);
        AppendSaveAddress('d', ip.Destination, ip.DestinationMask, ip.IsInverted(IpInversions.Destination), text);
        AppendSaveInterface('i', ip.InInterface, ip.IsInverted(IpInversions.InInterface), text);
        AppendSaveInterface('o', ip.OutInterface, ip.IsInverted(IpInversions.OutInterface), text);
        if (ip.Protocol != 0)
        {
            if (ip.IsInverted(IpInversions.Protocol)) text.Append(" !");
            text.Append(" -p ").Append(ProtocolNames.ForSave(ip.Protocol, names));
        }
        if (ip.FragmentsOnly)
        {
            if (ip.IsInverted(IpInversions.Fragment)) text.Append(" !");
            text.Append(" -f");
        }
        var context = new FormatContext(true, names, ip);
        foreach (var match in rule.Matches)
        {
            text.Append(" -m ").Append(match.Name);
            ExtensionRegistry.FormatterFor(match).Save(match, context, text);
        }
        if (counters) text.Append(" -c ").Append(rule.Counters.Packets).Append(' ').Append(rule.Counters.Bytes);
        switch (rule.Target)
        {
            case JumpTarget jump:
                text.Append(jump.IsGoto ? " -g " : " -j ").Append(jump.Chain);
                break;
            case { } target:
                var formatter = ExtensionRegistry.FormatterFor(target);
                text.Append(" -j ").Append(formatter?.SaveName(target) ?? target.Name);
                formatter?.Save(target, context, text);
                break;
        }
        return text.ToString();
    }

    private static void AppendSaveAddress(char letter, Simulator.Core.Addressing.Ipv4Address address,
        Simulator.Core.Addressing.Ipv4Address mask, bool inverted, StringBuilder text)
    {
        if (mask.Value == 0 && !inverted && address.Value == 0) return;
        if (inverted) text.Append(" !");
        text.Append(" -").Append(letter).Append(' ').Append(AddressFormat.ForSave(address, mask));
    }

    private static void AppendSaveInterface(char letter, InterfacePattern pattern, bool inverted, StringBuilder text)
    {
        if (pattern.IsAny) return;
        if (inverted) text.Append(" !");
        text.Append(" -").Append(letter).Append(' ').Append(pattern.Text);
    }

    private static string Pad(string value, int width) => value.Length >= width ? value : value.PadRight(width);
}
