using System.Buffers.Binary;
using System.Text;

namespace Simulator.Cli.Commands.Tcpdump.Printing;

/// <summary>
/// One packet being printed: its captured bytes, the end of what the printers may read (the
/// snapshot end, which IPv4 and ICMP narrow to the datagram they print, as nd_push_snaplen does),
/// the protocol currently printed (ndo_protocol, named in <c>[|proto]</c>), and the line being
/// built. Reads past the end throw <see cref="TruncatedPacket"/>.
/// </summary>
internal sealed class Dissection(byte[] data, int capturedLength, PrintContext context)
{
    private readonly StringBuilder _line = new();

    public PrintContext Context { get; } = context;
    public PrintOptions Options => Context.Options;
    public AddressNames Names => Context.Names;

    public byte[] Data { get; } = data;

    /// <summary>The captured length: no read may go beyond it.</summary>
    public int CapturedLength { get; } = capturedLength;

    /// <summary>The offset the current printer may read up to.</summary>
    public int SnapEnd { get; private set; } = capturedLength;

    /// <summary>The protocol a truncation is reported against (ndo_protocol).</summary>
    public string Protocol { get; set; } = "ether";

    public string Line => _line.ToString();

    /// <summary>
    /// ndo_suppress_default_print: -q, -x and -X (not -A) leave out the hex dump of a payload
    /// with no printer, which the link-layer printers would otherwise add.
    /// </summary>
    public bool SuppressDefaultPrint => Options.Quiet || Options.Dump is RawDump.Hex or RawDump.HexWithLinkHeader
        or RawDump.HexAndAscii or RawDump.HexAndAsciiWithLinkHeader;

    /// <summary>How many bytes the link-layer header took, tags included (what -x leaves out).</summary>
    public int LinkHeaderLength { get; set; }

    public void Print(string text) => _line.Append(text);

    public void Print(char c) => _line.Append(c);

    /// <summary>ND_TTEST_LEN: are <paramref name="count"/> bytes at <paramref name="offset"/> there?</summary>
    public bool Has(int offset, int count) => offset >= 0 && count >= 0 && (long)offset + count <= SnapEnd;

    /// <summary>The bytes available from <paramref name="offset"/> to the snapshot end.</summary>
    public int Available(int offset) => Math.Max(0, SnapEnd - offset);

    /// <summary>ND_TCHECK_LEN: ends the line with <c>[|proto]</c> when the bytes are not there.</summary>
    public void Require(int offset, int count)
    {
        if (!Has(offset, count)) throw new TruncatedPacket(Protocol, leftEarly: false);
    }

    /// <summary>The bounds check of the GET_ macros: the same, but as a longjmp out of all printers.</summary>
    private void Get(int offset, int count)
    {
        if (!Has(offset, count)) throw new TruncatedPacket(Protocol);
    }

    public byte U8(int offset)
    {
        Get(offset, 1);
        return Data[offset];
    }

    public ushort U16(int offset)
    {
        Get(offset, 2);
        return BinaryPrimitives.ReadUInt16BigEndian(Data.AsSpan(offset));
    }

    public uint U24(int offset)
    {
        Get(offset, 3);
        return (uint)(Data[offset] << 16 | Data[offset + 1] << 8 | Data[offset + 2]);
    }

    public uint U32(int offset)
    {
        Get(offset, 4);
        return BinaryPrimitives.ReadUInt32BigEndian(Data.AsSpan(offset));
    }

    public ReadOnlySpan<byte> Bytes(int offset, int count)
    {
        Get(offset, count);
        return Data.AsSpan(offset, count);
    }

    /// <summary>
    /// nd_push_snaplen: from now on reads end at <paramref name="end"/> if that is before the
    /// current end. Returns the previous end, for <see cref="RestoreSnapEnd"/>.
    /// </summary>
    public int NarrowSnapEnd(int end)
    {
        int previous = SnapEnd;
        SnapEnd = Math.Clamp(end, 0, SnapEnd);
        return previous;
    }

    public void RestoreSnapEnd(int previous) => SnapEnd = previous;
}
