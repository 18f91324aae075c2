using System.Buffers.Binary;

namespace Simulator.Core.Capture;

/// <summary>
/// Writes the classic libpcap file format (pcap-savefile(5); draft-ietf-opsawg-pcap) with
/// nanosecond timestamps, because NetSim's clock counts nanoseconds: magic 0xA1B23C4D, version
/// 2.4, link type Ethernet unless told otherwise (tcpdump -i any writes Linux cooked frames).
/// Fields are little-endian, so the same packets give the same bytes on any machine. The writer
/// neither buffers nor owns the stream.
/// </summary>
public sealed class PcapWriter
{
    public const uint NanosecondMagic = 0xA1B23C4D;
    public const ushort VersionMajor = 2;
    public const ushort VersionMinor = 4;
    /// <summary>LINKTYPE_ETHERNET: frames start with the Ethernet header, no FCS.</summary>
    public const uint LinkTypeEthernet = 1;
    /// <summary>tcpdump's default snapshot length since 4.99 (MAXIMUM_SNAPLEN).</summary>
    public const int DefaultSnapshotLength = 262144;
    public const int FileHeaderLength = 24;
    public const int RecordHeaderLength = 16;

    private const long NanosecondsPerSecond = 1_000_000_000;

    private readonly Stream _stream;

    public PcapWriter(Stream stream, int snapshotLength = DefaultSnapshotLength, uint linkType = LinkTypeEthernet)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(snapshotLength);
        _stream = stream;
        SnapshotLength = snapshotLength;
        LinkType = linkType;
    }

    public int SnapshotLength { get; }

    /// <summary>The LINKTYPE_ value of the file header: what the frames start with.</summary>
    public uint LinkType { get; }

    /// <summary>Writes the 24-byte file header; call it once, before the first packet.</summary>
    public void WriteHeader()
    {
        Span<byte> header = stackalloc byte[FileHeaderLength];
        BinaryPrimitives.WriteUInt32LittleEndian(header, NanosecondMagic);
        BinaryPrimitives.WriteUInt16LittleEndian(header[4..], VersionMajor);
        BinaryPrimitives.WriteUInt16LittleEndian(header[6..], VersionMinor);
        BinaryPrimitives.WriteInt32LittleEndian(header[8..], 0);   // thiszone: timestamps are UTC
        BinaryPrimitives.WriteUInt32LittleEndian(header[12..], 0); // sigfigs: always 0
        BinaryPrimitives.WriteUInt32LittleEndian(header[16..], (uint)SnapshotLength);
        BinaryPrimitives.WriteUInt32LittleEndian(header[20..], LinkType);
        _stream.Write(header);
    }

    /// <summary>
    /// Writes one frame seen at virtual time <paramref name="timeNs"/> (nanoseconds since the start
    /// of the simulation, which readers show as seconds since 1970). Frames longer than the snapshot
    /// length are cut, with their original length recorded.
    /// </summary>
    public void WritePacket(long timeNs, ReadOnlySpan<byte> frame)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(timeNs);
        long seconds = timeNs / NanosecondsPerSecond;
        if (seconds > uint.MaxValue)
            throw new ArgumentOutOfRangeException(nameof(timeNs), "beyond the 32-bit seconds of the pcap format");
        int captured = Math.Min(frame.Length, SnapshotLength);
        Span<byte> record = stackalloc byte[RecordHeaderLength];
        BinaryPrimitives.WriteUInt32LittleEndian(record, (uint)seconds);
        BinaryPrimitives.WriteUInt32LittleEndian(record[4..], (uint)(timeNs % NanosecondsPerSecond));
        BinaryPrimitives.WriteUInt32LittleEndian(record[8..], (uint)captured);
        BinaryPrimitives.WriteUInt32LittleEndian(record[12..], (uint)frame.Length);
        _stream.Write(record);
        _stream.Write(frame[..captured]);
    }
}
