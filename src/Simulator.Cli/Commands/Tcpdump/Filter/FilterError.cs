namespace Simulator.Cli.Commands.Tcpdump.Filter;

/// <summary>
/// A filter expression pcap_compile rejects, with libpcap's words (tcpdump prints them after
/// "tcpdump: "), or one the model does not compile, saying so.
/// </summary>
public sealed class FilterError(string message) : Exception(message)
{
    /// <summary>"can't parse filter expression: syntax error", as libpcap's parser reports any grammar error.</summary>
    public static FilterError Syntax() => new("can't parse filter expression: syntax error");

    public static FilterError NotModelled(string what) => new($"netsim: {what} in filter expressions is not modelled");
}
