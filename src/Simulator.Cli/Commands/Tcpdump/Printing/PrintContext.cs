namespace Simulator.Cli.Commands.Tcpdump.Printing;

/// <summary>
/// What lives across the packets of one tcpdump run: the flags, the name lookups, the TCP
/// conversations whose sequence numbers print relative, the time of the first and the previous
/// packet (for -ttt and -ttttt), and how to name an interface by index (the Linux cooked header
/// of <c>-i any</c> carries the index).
/// </summary>
internal sealed class PrintContext(PrintOptions options, AddressNames names, Func<int, string?> interfaceName)
{
    public PrintOptions Options { get; } = options;
    public AddressNames Names { get; } = names;
    public TcpSequenceTracker TcpSequences { get; } = new();
    public Func<int, string?> InterfaceName { get; } = interfaceName;

    /// <summary>When the first packet printed was captured: Unix time in microseconds (for -ttttt).</summary>
    public long? FirstTime { get; set; }

    /// <summary>When the previous packet printed was captured: Unix time in microseconds (for -ttt).</summary>
    public long? PreviousTime { get; set; }
}
