using System.Buffers.Binary;

namespace Simulator.Cli.Commands.Tcpdump.Savefile;

/// <summary>
/// Reads a classic pcap savefile (pcap-savefile(5)): either byte order, microsecond or nanosecond
/// timestamps. Damage is reported as libpcap words it: "unknown file format", "truncated dump
/// file; tried to read N header bytes, only got M".
/// </summary>
public sealed class SavefileReader
{
    private const uint MicrosecondMagic = 0xa1b2c3d4, NanosecondMagic = 0xa1b23c4d;
    private const int FileHeaderLength = 24, RecordHeaderLength = 16;

    private readonly byte[] _bytes;
    private readonly bool _bigEndian;
    private readonly bool _nanoseconds;
    private int _position = FileHeaderLength;

    private SavefileReader(byte[] bytes, bool bigEndian, bool nanoseconds, uint linkType, int snapshotLength)
    {
        _bytes = bytes;
        _bigEndian = bigEndian;
        _nanoseconds = nanoseconds;
        LinkType = linkType;
        SnapshotLength = snapshotLength;
    }

    public uint LinkType { get; }
    public int SnapshotLength { get; }

    /// <summary>Opens the file's bytes, or says why libpcap would not.</summary>
    public static SavefileReader? Open(byte[] bytes, out string? error)
    {
        error = null;
        if (bytes.Length < 4)
        {
            error = $"truncated dump file; tried to read 4 file header bytes, only got {bytes.Length}";
            return null;
        }
        uint magic = BinaryPrimitives.ReadUInt32LittleEndian(bytes);
        bool bigEndian;
        if (magic is MicrosecondMagic or NanosecondMagic)
            bigEndian = false;
        else if (BinaryPrimitives.ReverseEndianness(magic) is MicrosecondMagic or NanosecondMagic)
            bigEndian = true;
        else
        {
            error = "unknown file format";
            return null;
        }
        if (bytes.Length < FileHeaderLength)
        {
            error = $"truncated dump file; tried to read {FileHeaderLength} file header bytes, only got {bytes.Length - 4}";
            return null;
        }
        uint Read32(int offset) => bigEndian
            ? BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(offset))
            : BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(offset));
        bool nanoseconds = (bigEndian ? BinaryPrimitives.ReverseEndianness(magic) : magic) == NanosecondMagic;
        return new SavefileReader(bytes, bigEndian, nanoseconds, Read32(20), (int)Math.Min(Read32(16), int.MaxValue));
    }

    /// <summary>The next record, null at the end; <paramref name="error"/> says why a cut record could not be read.</summary>
    public (long UnixNanoseconds, byte[] Data, int WireLength)? Next(out string? error)
    {
        error = null;
        int left = _bytes.Length - _position;
        if (left == 0) return null;
        if (left < RecordHeaderLength)
        {
            error = $"truncated dump file; tried to read {RecordHeaderLength} header bytes, only got {left}";
            return null;
        }
        uint seconds = Read32(_position), fraction = Read32(_position + 4);
        int captured = (int)Math.Min(Read32(_position + 8), int.MaxValue);
        int wire = (int)Math.Min(Read32(_position + 12), int.MaxValue);
        _position += RecordHeaderLength;
        left = _bytes.Length - _position;
        if (left < captured)
        {
            error = $"truncated dump file; tried to read {captured} captured bytes, only got {left}";
            return null;
        }
        var data = _bytes.AsSpan(_position, captured).ToArray();
        _position += captured;
        long nanoseconds = seconds * 1_000_000_000L + (_nanoseconds ? fraction : fraction * 1000L);
        return (nanoseconds, data, wire);
    }

    private uint Read32(int offset) => _bigEndian
        ? BinaryPrimitives.ReadUInt32BigEndian(_bytes.AsSpan(offset))
        : BinaryPrimitives.ReadUInt32LittleEndian(_bytes.AsSpan(offset));
}
