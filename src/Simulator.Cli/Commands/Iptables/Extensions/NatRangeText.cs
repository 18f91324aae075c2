using System.Text;
using Simulator.Core.Addressing;
using Simulator.Netfilter.Targets;

namespace Simulator.Cli.Commands.Iptables.Extensions;

/// <summary>Reading and writing NAT ranges the way libxt_NAT, libxt_MASQUERADE and libxt_REDIRECT do.</summary>
internal static class NatRangeText
{
    /// <summary>Ports may only be given for TCP, UDP, SCTP and DCCP, selected without '!'.</summary>
    public static void RequirePortProtocol(RuleParseState state)
    {
        if (state.InvertProtocol || state.Protocol is not (6 or 17 or 132 or 33))
            throw IptablesError.Parameter("Need TCP, UDP, SCTP or DCCP with port specification");
    }

    /// <summary>--to-source / --to-destination: [a[-b]][:p[-q]].</summary>
    public static NatRange ParseAddressRange(string text, RuleParseState state)
    {
        var flags = NatRangeFlags.None;
        ushort minPort = 0, maxPort = 0;
        string addresses = text;
        int colon = text.IndexOf(':');
        if (colon >= 0)
        {
            RequirePortProtocol(state);
            (minPort, maxPort) = ParsePorts(text[(colon + 1)..]);
            flags |= NatRangeFlags.ProtoSpecified;
            addresses = text[..colon];
        }
        Ipv4Address min = default, max = default;
        if (addresses.Length > 0)
        {
            if (addresses.Contains('[') || addresses.Contains(']')) throw IptablesError.Parameter("Invalid address format");
            int dash = addresses.IndexOf('-');
            string low = dash < 0 ? addresses : addresses[..dash];
            string high = dash < 0 ? addresses : addresses[(dash + 1)..];
            if (!Ipv4Address.TryParse(low, out min)) throw IptablesError.Parameter($"Bad IP address \"{low}\"");
            if (!Ipv4Address.TryParse(high, out max)) throw IptablesError.Parameter($"Bad IP address \"{high}\"");
            flags |= NatRangeFlags.MapIps;
        }
        return new NatRange(min, max, minPort, maxPort, flags);
    }

    /// <summary>p or p-q, each 0-65535, p ≤ q.</summary>
    public static (ushort Min, ushort Max) ParsePorts(string text)
    {
        int dash = text.IndexOf('-');
        string low = dash < 0 ? text : text[..dash];
        if (!CNumber.TryParseInRange(low, 0, ushort.MaxValue, out ulong min)) throw IptablesError.Parameter($"Port `{low}' not valid");
        if (dash < 0) return ((ushort)min, (ushort)min);
        string high = text[(dash + 1)..];
        if (!CNumber.TryParseInRange(high, 0, ushort.MaxValue, out ulong max)) throw IptablesError.Parameter($"Port `{high}' not valid");
        if (max < min) throw IptablesError.Parameter($"Port range `{high}' funky");
        return ((ushort)min, (ushort)max);
    }

    /// <summary>--to-ports of MASQUERADE and REDIRECT: the range's ports, given for a port protocol.</summary>
    public static NatRange WithPorts(NatRange range, string text, RuleParseState state)
    {
        RequirePortProtocol(state);
        var (min, max) = ParsePorts(text);
        return range with { MinPort = min, MaxPort = max, Flags = range.Flags | NatRangeFlags.ProtoSpecified };
    }

    /// <summary>
    /// A ports-only range (MASQUERADE, REDIRECT): <paramref name="label"/> and the ports when there
    /// are any, then the flags; -L labels the ports its own way per target, -S as --to-ports.
    /// </summary>
    public static void AppendPortsOnly(NatRange range, string label, StringBuilder text, bool save)
    {
        if (range.HasPorts)
        {
            text.Append(label);
            AppendPorts(range, text);
        }
        AppendFlags(range.Flags, text, save);
    }

    /// <summary>"1.2.3.4-1.2.3.9:1000-2000" (either half may be missing).</summary>
    public static void AppendRange(NatRange range, StringBuilder text)
    {
        if (range.HasAddresses)
        {
            text.Append(range.MinAddress);
            if (range.MaxAddress != range.MinAddress) text.Append('-').Append(range.MaxAddress);
        }
        if (range.HasPorts)
        {
            text.Append(':');
            AppendPorts(range, text);
        }
    }

    public static void AppendPorts(NatRange range, StringBuilder text)
    {
        text.Append(range.MinPort);
        if (range.MaxPort != range.MinPort) text.Append('-').Append(range.MaxPort);
    }

    /// <summary>" random", " random-fully", " persistent" (-L) or with "--" (-S).</summary>
    public static void AppendFlags(NatRangeFlags flags, StringBuilder text, bool save)
    {
        string dashes = save ? "--" : "";
        if ((flags & NatRangeFlags.ProtoRandom) != 0) text.Append(' ').Append(dashes).Append("random");
        if ((flags & NatRangeFlags.ProtoRandomFully) != 0) text.Append(' ').Append(dashes).Append("random-fully");
        if ((flags & NatRangeFlags.Persistent) != 0) text.Append(' ').Append(dashes).Append("persistent");
    }
}
