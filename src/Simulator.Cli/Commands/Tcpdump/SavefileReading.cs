using Simulator.Cli.Commands.Tcpdump.Filter;
using Simulator.Cli.Commands.Tcpdump.Printing;
using Simulator.Cli.Commands.Tcpdump.Savefile;
using Simulator.Cli.Host.Processes;

namespace Simulator.Cli.Commands.Tcpdump;

/// <summary>
/// <c>tcpdump -r FILE</c>: prints (or, with -w, copies) the packets of a savefile the filter
/// passes, up to -c of them, and exits; a damaged file ends it with libpcap's complaint.
/// </summary>
public sealed class SavefileReading : SimulatedProcess
{
    private readonly SavefileReader _reader;
    private readonly TcpdumpOptions _options;
    private readonly CaptureFilter _filter;
    private readonly PrintContext _print;
    private readonly SavefileWriter? _writer;
    private readonly TextWriter _out;
    private readonly TextWriter _err;

    internal SavefileReading(SavefileReader reader, TcpdumpOptions options, CaptureFilter filter, PrintContext print,
        SavefileWriter? writer, TextWriter stdout, TextWriter stderr)
    {
        _reader = reader;
        _options = options;
        _filter = filter;
        _print = print;
        _writer = writer;
        _out = stdout;
        _err = stderr;
    }

    public override void Start()
    {
        var linkType = (LinkType)_reader.LinkType;
        long printed = 0;
        string? error = null;
        while (_options.Count is not { } count || printed < count)
        {
            if (_reader.Next(out error) is not { } record) break;
            var frame = new FilterFrame(record.Data, record.WireLength, linkType, Outgoing(linkType, record.Data));
            if (!_filter.Matches(frame)) continue;
            printed++;
            var captured = new CapturedFrame(record.UnixNanoseconds, linkType, record.Data, record.WireLength);
            _writer?.Write(captured);
            if (_writer is null || _options.PrintWhileWriting)
                _out.Write(PacketPrinter.Format(captured, _print, _options.PacketNumbers ? printed : null));
        }
        if (error is not null)
        {
            _err.Write($"tcpdump: pcap_loop: {error}\n");
            Exit(1);
            return;
        }
        Exit(0);
    }

    // A cooked header says whether the packet was sent or received (for inbound/outbound).
    private static bool? Outgoing(LinkType linkType, byte[] data) => linkType switch
    {
        LinkType.LinuxSll2 when data.Length > 10 => data[10] == LinuxCookedPrinter.PacketOutgoing,
        LinkType.LinuxSll when data.Length > 1 => data[1] == LinuxCookedPrinter.PacketOutgoing,
        _ => null,
    };
}
