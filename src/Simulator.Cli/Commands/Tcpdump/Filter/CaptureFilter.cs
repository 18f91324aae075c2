using Simulator.Cli.Commands.Iptables.NameServices;

namespace Simulator.Cli.Commands.Tcpdump.Filter;

/// <summary>What the filter compiler needs to know: the link type, whether the capture is live, and the name lookups.</summary>
public sealed record FilterContext(LinkType LinkType, bool Live, NameService Names);

/// <summary>
/// A compiled pcap-filter(7) expression (the subset tutorials use: protocols, host, net, port,
/// portrange, ether addresses, vlan, broadcast/multicast, less/greater, inbound/outbound, with
/// and/or/not and parentheses). Compiling fails with libpcap's message, or with a clear "not
/// modelled" for the packet-data forms (<c>tcp[13] &amp; 2 != 0</c>) and the rarer protocols.
/// </summary>
public sealed class CaptureFilter
{
    private readonly FilterNode _root;

    private CaptureFilter(FilterNode root) => _root = root;

    /// <exception cref="FilterError">The expression does not compile.</exception>
    public static CaptureFilter Compile(string expression, FilterContext context) =>
        new(new FilterParser(FilterLexer.Tokenize(expression), context).ParseProgram());

    /// <summary>Runs the filter; a test that reads beyond the packet rejects it, as a BPF load out of bounds does.</summary>
    public bool Matches(FilterFrame frame)
    {
        try
        {
            return _root.Matches(frame);
        }
        catch (FilterFrame.OutOfBounds)
        {
            return false;
        }
    }
}
