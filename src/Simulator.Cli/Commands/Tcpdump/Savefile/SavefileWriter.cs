using Simulator.Cli.Shell;
using Simulator.Core.Capture;

namespace Simulator.Cli.Commands.Tcpdump.Savefile;

/// <summary>
/// tcpdump -w into the scenario's file system: the pcap header when the file is opened, then one
/// record per packet (nanosecond timestamps, as <see cref="PcapWriter"/> writes them), appended
/// as each packet is captured, so a later <c>tcpdump -r</c> reads what was caught so far.
/// </summary>
public sealed class SavefileWriter
{
    private readonly VirtualFileSystem _files;
    private readonly string _path;
    private readonly MemoryStream _buffer = new();
    private readonly PcapWriter _writer;

    private SavefileWriter(VirtualFileSystem files, string path, LinkType linkType, int snapshotLength)
    {
        _files = files;
        _path = path;
        _writer = new PcapWriter(_buffer, snapshotLength, (uint)linkType);
    }

    /// <summary>Creates (or truncates) the file; null with open(2)'s error when its directory does not exist.</summary>
    public static SavefileWriter? Create(VirtualFileSystem files, string path, LinkType linkType, int snapshotLength, out string? error)
    {
        var writer = new SavefileWriter(files, path, linkType, snapshotLength);
        writer._writer.WriteHeader();
        return writer.Flush(append: false, out error) ? writer : null;
    }

    public void Write(CapturedFrame frame)
    {
        _writer.WritePacket(frame.UnixNanoseconds, frame.Data);
        // The capture was cut to the snapshot length already; keep its original length.
        if (frame.WireLength != frame.CapturedLength)
        {
            var bytes = _buffer.GetBuffer();
            int lengthField = (int)_buffer.Length - frame.CapturedLength - 4;
            System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(lengthField), (uint)frame.WireLength);
        }
        Flush(append: true, out _);
    }

    private bool Flush(bool append, out string? error)
    {
        var text = FileBytes.ToText(_buffer.GetBuffer().AsSpan(0, (int)_buffer.Length));
        _buffer.SetLength(0);
        return _files.TryWrite(_path, text, append, out error);
    }
}
