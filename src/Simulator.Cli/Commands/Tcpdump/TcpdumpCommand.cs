using Simulator.Cli.Commands.Iptables.NameServices;
using Simulator.Cli.Commands.Tcpdump.Filter;
using Simulator.Cli.Commands.Tcpdump.Printing;
using Simulator.Cli.Commands.Tcpdump.Savefile;
using Simulator.Cli.Host;
using Simulator.Cli.Host.Processes;
using Simulator.Cli.Shell;

namespace Simulator.Cli.Commands.Tcpdump;

/// <summary>
/// <c>tcpdump</c> as Debian bookworm's 4.99.3 with libpcap 1.10.3 runs: a live capture on a
/// device of the namespace it runs in (a simulated process, in the foreground until -c packets
/// or a signal, or in the background with <c>&amp;</c>), or a savefile read with -r. It does what
/// tcpdump does in its order: open the device (putting it into promiscuous mode) or the file,
/// compile the filter, open the -w file, say what it listens on, then capture.
/// </summary>
public sealed class TcpdumpCommand : ProcessCommand
{
    private readonly NameService _names = NameService.CreateDefault();

    public override IReadOnlyList<string> Names { get; } = ["tcpdump"];

    protected override SimulatedProcess? Create(Invocation invocation, out int status)
    {
        var parsed = TcpdumpArguments.Parse(invocation.Args);
        invocation.Out.Write(parsed.Stdout);
        invocation.Err.Write(parsed.Stderr);
        status = parsed.Status;
        if (parsed.Options is not { } options) return null;
        status = 1;
        var ns = invocation.Namespace;
        var print = new PrintContext(options.Print, new AddressNames(_names, options.Print.Numeric), index => ns.FindDevice(index)?.Name);
        return options.ReadFile is null ? Live(invocation, options, print) : Read(invocation, options, print);
    }

    private LiveCapture? Live(Invocation invocation, TcpdumpOptions options, PrintContext print)
    {
        var ns = invocation.Namespace;
        var captureInterface = CaptureInterface.Open(ns, options.Interface, options.DataLinkType, out string? error);
        if (captureInterface is null)
        {
            invocation.Err.WriteLine(error);
            return null;
        }
        var (linkName, linkDescription) = CaptureInterface.LinkTypeNames(captureInterface.LinkType);
        if (options.DataLinkType is not null || options.Interface == "any")
            invocation.Err.WriteLine($"tcpdump: data link type {linkName}");

        // pcap_activate turns promiscuous mode on before the filter is compiled: a filter that does
        // not compile still leaves an "entered"/"left" pair in the kernel log (measured).
        var device = captureInterface.Device;
        bool promiscuous = device is not null && !options.NoPromiscuousMode;
        if (promiscuous) device!.ChangePromiscuity(+1);
        void Release()
        {
            if (promiscuous) device!.ChangePromiscuity(-1);
        }

        var filter = CompileFilter(invocation, options, new FilterContext(captureInterface.LinkType, Live: true, _names));
        if (filter is null)
        {
            Release();
            return null;
        }
        SavefileWriter? writer = null;
        if (options.WriteFile is not null)
        {
            writer = CreateWriter(invocation, options.WriteFile, captureInterface.LinkType, options.SnapshotLength);
            if (writer is null)
            {
                Release();
                return null;
            }
        }

        string listening = $"listening on {captureInterface.Name}, link-type {linkName} ({linkDescription}), snapshot length {options.SnapshotLength} bytes\n";
        string start = options.Print.Verbosity == 0 && writer is null
            ? "tcpdump: verbose output suppressed, use -v[v]... for full protocol decode\n" + listening
            : "tcpdump: " + listening;
        return new LiveCapture(ns, captureInterface, options, filter, print, writer, invocation.Out, invocation.Err, start, promiscuous);
    }

    private SavefileReading? Read(Invocation invocation, TcpdumpOptions options, PrintContext print)
    {
        var path = options.ReadFile!;
        var text = invocation.Machine.ReadFile(invocation.Context.Namespace, path, out string? readError);
        if (text is null)
        {
            invocation.Err.WriteLine(readError == Errno.IsDirectory
                ? $"tcpdump: error reading dump file: {readError}"
                : $"tcpdump: {path}: {readError ?? Errno.NoEntry}");
            return null;
        }
        var reader = SavefileReader.Open(FileBytes.FromText(text), out string? formatError);
        if (reader is null)
        {
            invocation.Err.WriteLine($"tcpdump: {formatError}");
            return null;
        }
        if (reader.LinkType is not ((uint)LinkType.Ethernet or (uint)LinkType.LinuxSll or (uint)LinkType.LinuxSll2))
        {
            invocation.Err.WriteLine($"tcpdump: netsim: savefiles of link type {reader.LinkType} are not modelled");
            return null;
        }
        var linkType = (LinkType)reader.LinkType;
        var (linkName, linkDescription) = CaptureInterface.LinkTypeNames(linkType);
        invocation.Err.WriteLine($"reading from file {path}, link-type {linkName} ({linkDescription}), snapshot length {reader.SnapshotLength}");
        // The cooked header holds interface indexes, which tcpdump names as the reading machine does.
        if (linkType == LinkType.LinuxSll2) invocation.Err.WriteLine("Warning: interface names might be incorrect");

        var filter = CompileFilter(invocation, options, new FilterContext(linkType, Live: false, _names));
        if (filter is null) return null;
        SavefileWriter? writer = null;
        if (options.WriteFile is not null)
        {
            writer = CreateWriter(invocation, options.WriteFile, linkType, reader.SnapshotLength);
            if (writer is null) return null;
        }
        return new SavefileReading(reader, options, filter, print, writer, invocation.Out, invocation.Err);
    }

    private CaptureFilter? CompileFilter(Invocation invocation, TcpdumpOptions options, FilterContext context)
    {
        string expression = options.Expression;
        if (options.FilterFile is { } file)
        {
            var text = invocation.Machine.ReadFile(invocation.Context.Namespace, file, out string? error);
            if (text is null)
            {
                invocation.Err.WriteLine($"tcpdump: can't open {file}: {error ?? Errno.NoEntry}");
                return null;
            }
            // read_infile: '#' starts a comment to the end of the line.
            expression = string.Join(' ', text.Split('\n').Select(line => line.Split('#')[0]));
        }
        try
        {
            return CaptureFilter.Compile(expression, context);
        }
        catch (FilterError error)
        {
            invocation.Err.WriteLine($"tcpdump: {error.Message}");
            return null;
        }
    }

    private static SavefileWriter? CreateWriter(Invocation invocation, string path, LinkType linkType, int snapshotLength)
    {
        var shell = invocation.Machine.Shell;
        var full = VirtualFileSystem.Normalize(path, shell.WorkingDirectory);
        var writer = SavefileWriter.Create(shell.FileSystem, full, linkType, snapshotLength, out string? error);
        if (writer is null) invocation.Err.WriteLine($"tcpdump: {path}: {error}");
        return writer;
    }
}
