using System.Buffers.Binary;
using Simulator.Cli.Commands.Tcpdump.Filter;
using Simulator.Cli.Commands.Tcpdump.Printing;
using Simulator.Cli.Commands.Tcpdump.Savefile;
using Simulator.Cli.Host.Processes;
using Simulator.Core.Packets;
using Simulator.Devices.Links;
using Simulator.Devices.Namespaces;

namespace Simulator.Cli.Commands.Tcpdump;

/// <summary>
/// A running <c>tcpdump -i DEV</c>: a packet socket on the device (or on every device of the
/// namespace for <c>any</c>) that sees each frame the device receives, before any rx handler,
/// and each frame it sends. A frame the filter passes is printed at once (or written with -w);
/// the capture ends after -c packets, on SIGINT/SIGTERM, or when the device goes away, with
/// tcpdump's statistics on stderr. While it runs it holds one promiscuity count on the device
/// unless -p.
/// </summary>
public sealed class LiveCapture : SimulatedProcess, IPacketTap
{
    public const int SigHup = 1, SigPipe = 13, SigUsr1 = 10;

    private readonly NetworkNamespace _namespace;
    private readonly CaptureInterface _interface;
    private readonly TcpdumpOptions _options;
    private readonly CaptureFilter _filter;
    private readonly PrintContext _print;
    private readonly SavefileWriter? _writer;
    private readonly TextWriter _out;
    private readonly TextWriter _err;
    private readonly string _startMessages;
    private readonly bool _holdsPromiscuity;
    private readonly HashSet<NetDevice> _tapped = [];
    private readonly CaptureStatistics _statistics = new();

    internal LiveCapture(NetworkNamespace ns, CaptureInterface captureInterface, TcpdumpOptions options, CaptureFilter filter,
        PrintContext print, SavefileWriter? writer, TextWriter stdout, TextWriter stderr, string startMessages, bool holdsPromiscuity)
    {
        _namespace = ns;
        _interface = captureInterface;
        _options = options;
        _filter = filter;
        _print = print;
        _writer = writer;
        _out = stdout;
        _err = stderr;
        _startMessages = startMessages;
        _holdsPromiscuity = holdsPromiscuity;
    }

    private World World => _namespace.World;

    public override void Start()
    {
        _err.Write(_startMessages);
        if (_interface.Device is { } device)
            Tap(device);
        else
            foreach (var each in _namespace.Devices) Tap(each);
        World.NetdevEvents += OnNetdevEvent;
    }

    private void Tap(NetDevice device)
    {
        if (_tapped.Add(device)) device.AddTap(this);
    }

    private void OnNetdevEvent(NetDevice device, NetdevEvent netdevEvent)
    {
        if (_interface.Device is { } captured)
        {
            // The socket is bound to the device: when it is unregistered (deleted, or moved to
            // another namespace) recvmsg fails with ENODEV and libpcap says so.
            if (device == captured && netdevEvent == NetdevEvent.Unregister)
                Finish(interrupted: false, error: "The interface disappeared");
            return;
        }
        if (netdevEvent == NetdevEvent.Register && device.Namespace == _namespace)
        {
            Tap(device);
        }
        else if (netdevEvent == NetdevEvent.Unregister && _tapped.Remove(device))
        {
            device.RemoveTap(this);
        }
    }

    public void Observe(NetDevice device, Packet frame, TapDirection direction)
    {
        if (HasExited) return;
        bool outgoing = direction == TapDirection.Outgoing;
        if ((_options.Direction == CaptureDirection.In && outgoing) || (_options.Direction == CaptureDirection.Out && !outgoing))
            return;
        var bytes = _interface.IsAny ? Cooked(device, frame.Data, outgoing) : frame.Data.ToArray();
        var filterFrame = _interface.LinkType == LinkType.Ethernet
            ? FilterFrame.Live(bytes, bytes.Length, outgoing)
            : new FilterFrame(bytes, bytes.Length, _interface.LinkType, outgoing);
        if (!_filter.Matches(filterFrame)) return;
        _statistics.ReceivedByFilter++;

        // What the filter passed is cut to the snapshot length.
        var captured = new CapturedFrame(CaptureClock.ToUnixNanoseconds(World.Simulation.Now), _interface.LinkType,
            bytes.Length > _options.SnapshotLength ? bytes[.._options.SnapshotLength] : bytes, bytes.Length);
        _statistics.Captured++;
        _writer?.Write(captured);
        if (_writer is null || _options.PrintWhileWriting)
            _out.Write(PacketPrinter.Format(captured, _print, _options.PacketNumbers ? _statistics.Captured : null));
        if (_options.Count is { } count && _statistics.Captured >= count)
            Finish(interrupted: false, error: null);
    }

    /// <summary>
    /// SIGINT, SIGTERM, SIGHUP and SIGPIPE end the capture with the statistics (tcpdump's cleanup
    /// breaks the loop); SIGUSR1 prints them on one line and goes on; others kill it outright.
    /// </summary>
    public override void Signal(int signal)
    {
        if (HasExited) return;
        switch (signal)
        {
            case SigInt or SigTerm or SigHup or SigPipe:
                Finish(interrupted: true, error: null);
                break;
            case SigUsr1:
                _err.Write(_statistics.OneLine());
                break;
            default:
                base.Signal(signal);
                break;
        }
    }

    private void Finish(bool interrupted, string? error)
    {
        if (HasExited) return;
        // An interrupted loop may have cut a line short: tcpdump prints a newline when it was printing.
        if (interrupted && _writer is null) _out.Write('\n');
        if (error is not null) _err.Write($"tcpdump: pcap_loop: {error}\n");
        _err.Write(_statistics.Summary());
        Exit(error is null ? 0 : 1);
    }

    protected override void OnExit()
    {
        World.NetdevEvents -= OnNetdevEvent;
        // The capture may end inside a device's tap loop (the -c-th packet): the socket is taken
        // off the devices as the next event, so that the loop is not changed under it.
        var tapped = _tapped.ToList();
        _tapped.Clear();
        World.Simulation.Schedule(0, () =>
        {
            foreach (var device in tapped) device.RemoveTap(this);
        });
        if (_holdsPromiscuity) _interface.Device?.ChangePromiscuity(-1);
    }

    /// <summary>
    /// The frame as AF_PACKET on the any device hands it over: the Ethernet header replaced by a
    /// Linux cooked header (version 2 for -i any, version 1 when tcpdump chose any itself) giving
    /// the protocol, the interface, the packet type (to us, broadcast, multicast, another host's,
    /// or sent by us) and the source MAC address.
    /// </summary>
    private byte[] Cooked(NetDevice device, ReadOnlySpan<byte> frame, bool outgoing)
    {
        if (frame.Length < 14) return [];
        ushort type = BinaryPrimitives.ReadUInt16BigEndian(frame[12..]);
        // An 802.3 frame has a length there; the kernel calls an LLC payload ETH_P_802_2, a raw one ETH_P_802_3.
        ushort protocol = type >= 0x0600 ? type : frame.Length >= 16 && frame[14] == 0xff && frame[15] == 0xff ? (ushort)0x0001 : (ushort)0x0004;
        byte packetType = outgoing ? LinuxCookedPrinter.PacketOutgoing
            : (frame[0] & 1) == 0
                ? (frame[..6].SequenceEqual(MacBytes(device)) ? LinuxCookedPrinter.PacketHost : LinuxCookedPrinter.PacketOtherHost)
                : frame[..6].IndexOfAnyExcept((byte)0xff) < 0 ? LinuxCookedPrinter.PacketBroadcast : LinuxCookedPrinter.PacketMulticast;
        ushort hardwareType = device is LoopbackDevice ? (ushort)772 : (ushort)1;
        var payload = frame[14..];
        byte[] cooked;
        if (_interface.LinkType == LinkType.LinuxSll2)
        {
            cooked = new byte[LinuxCookedPrinter.Version2HeaderLength + payload.Length];
            BinaryPrimitives.WriteUInt16BigEndian(cooked, protocol);
            BinaryPrimitives.WriteUInt32BigEndian(cooked.AsSpan(4), (uint)device.IfIndex);
            BinaryPrimitives.WriteUInt16BigEndian(cooked.AsSpan(8), hardwareType);
            cooked[10] = packetType;
            cooked[11] = 6;
            frame[6..12].CopyTo(cooked.AsSpan(12));
            payload.CopyTo(cooked.AsSpan(LinuxCookedPrinter.Version2HeaderLength));
        }
        else
        {
            cooked = new byte[LinuxCookedPrinter.Version1HeaderLength + payload.Length];
            BinaryPrimitives.WriteUInt16BigEndian(cooked, packetType);
            BinaryPrimitives.WriteUInt16BigEndian(cooked.AsSpan(2), hardwareType);
            BinaryPrimitives.WriteUInt16BigEndian(cooked.AsSpan(4), 6);
            frame[6..12].CopyTo(cooked.AsSpan(6));
            BinaryPrimitives.WriteUInt16BigEndian(cooked.AsSpan(14), protocol);
            payload.CopyTo(cooked.AsSpan(LinuxCookedPrinter.Version1HeaderLength));
        }
        return cooked;
    }

    private static byte[] MacBytes(NetDevice device)
    {
        var bytes = new byte[6];
        device.Address.Write(bytes);
        return bytes;
    }
}
