using System.Buffers.Binary;
using Simulator.Core.Tracing;

namespace Simulator.Core.Wire;

/// <summary>
/// Domain names on the wire (RFC 1035 sections 3.1 and 4.1.4): a sequence of length-prefixed
/// labels ending in the empty root label, or in a pointer to a name earlier in the message.
/// </summary>
public static class DnsName
{
    public const int MaxLabelLength = 63;
    /// <summary>The limit on a name's wire form, length octets and root included.</summary>
    public const int MaxWireLength = 255;
    public const string Root = ".";

    private const byte PointerMark = 0xC0;

    /// <summary>
    /// Reads the name at <paramref name="offset"/> of <paramref name="message"/>, following pointers,
    /// and moves <paramref name="offset"/> past it (past its first pointer, if any). Each pointer must
    /// point before the labels it ends (before the name, for the first; before the previous target,
    /// for the next), so every jump goes further back and loops cannot be built; labels of the reserved
    /// kinds 01 and 10 (RFC 6891 section 5), names over 255 bytes, and label bytes that are not
    /// printable ASCII or are a dot (NetSim keeps names as plain dotted strings) are
    /// <see cref="DropReason.Malformed"/>, as is a name that runs off the end.
    /// </summary>
    public static DropReason TryRead(ReadOnlySpan<byte> message, ref int offset, out string name)
    {
        name = Root;
        Span<char> text = stackalloc char[MaxWireLength];
        int textLength = 0;
        int wireLength = 0;
        int position = offset;
        int limit = offset;
        int resumeAt = -1;
        while (true)
        {
            if (position >= message.Length) return DropReason.Malformed;
            byte length = message[position];
            if ((length & PointerMark) == PointerMark)
            {
                if (position + 1 >= message.Length) return DropReason.Malformed;
                int target = BinaryPrimitives.ReadUInt16BigEndian(message[position..]) & 0x3FFF;
                if (target >= limit) return DropReason.Malformed;
                if (resumeAt < 0) resumeAt = position + 2;
                position = limit = target;
                continue;
            }
            if ((length & PointerMark) != 0) return DropReason.Malformed;
            wireLength += 1 + length;
            if (wireLength > MaxWireLength) return DropReason.Malformed;
            if (length == 0)
            {
                position++;
                break;
            }
            if (position + 1 + length > message.Length) return DropReason.Malformed;
            if (textLength > 0) text[textLength++] = '.';
            foreach (byte b in message.Slice(position + 1, length))
            {
                if (b is < 0x21 or > 0x7E or (byte)'.') return DropReason.Malformed;
                text[textLength++] = (char)b;
            }
            position += 1 + length;
        }
        offset = resumeAt >= 0 ? resumeAt : position;
        name = textLength == 0 ? Root : new string(text[..textLength]);
        return DropReason.None;
    }

    /// <summary>
    /// The labels of a dotted name; a final dot is allowed, and <c>.</c> or the empty string is the
    /// root. Throws for empty labels, labels over 63 bytes, non-ASCII, or names too long.
    /// </summary>
    internal static string[] Labels(string name)
    {
        if (name is "" or Root) return [];
        var trimmed = name.EndsWith('.') ? name[..^1] : name;
        var labels = trimmed.Split('.');
        int wireLength = 1;
        foreach (var label in labels)
        {
            if (label.Length is 0 or > MaxLabelLength)
                throw new ArgumentException($"\"{name}\" has a label of {label.Length} bytes", nameof(name));
            foreach (char c in label)
                if (c is < (char)0x21 or > (char)0x7E)
                    throw new ArgumentException($"\"{name}\" has a byte outside printable ASCII", nameof(name));
            wireLength += 1 + label.Length;
        }
        if (wireLength > MaxWireLength)
            throw new ArgumentException($"\"{name}\" is longer than {MaxWireLength} bytes on the wire", nameof(name));
        return labels;
    }
}

/// <summary>
/// Writes a DNS message, or only counts its bytes (when given no buffer), by one code path so that
/// <see cref="DnsRepr.BufferLength"/> and <see cref="DnsRepr.Emit"/> cannot disagree. Names are
/// compressed: each suffix already written is replaced by a pointer to it, as most servers do.
/// </summary>
internal ref struct DnsWriter
{
    private readonly Span<byte> _buffer;
    private readonly bool _measureOnly;
    private readonly Dictionary<string, int> _suffixes = new(StringComparer.Ordinal);

    public DnsWriter(Span<byte> buffer, bool measureOnly)
    {
        _buffer = buffer;
        _measureOnly = measureOnly;
    }

    public int Position { get; private set; }

    public void WriteByte(byte value)
    {
        if (!_measureOnly) _buffer[Position] = value;
        Position++;
    }

    public void WriteUInt16(ushort value)
    {
        if (!_measureOnly) BinaryPrimitives.WriteUInt16BigEndian(_buffer[Position..], value);
        Position += 2;
    }

    public void WriteUInt32(uint value)
    {
        if (!_measureOnly) BinaryPrimitives.WriteUInt32BigEndian(_buffer[Position..], value);
        Position += 4;
    }

    public void WriteBytes(ReadOnlySpan<byte> bytes)
    {
        if (!_measureOnly) bytes.CopyTo(_buffer[Position..]);
        Position += bytes.Length;
    }

    /// <summary>Overwrites a 16-bit field written earlier (an RDLENGTH known only after its RDATA).</summary>
    public void PatchUInt16(int at, ushort value)
    {
        if (!_measureOnly) BinaryPrimitives.WriteUInt16BigEndian(_buffer[at..], value);
    }

    public void WriteName(string name)
    {
        var labels = DnsName.Labels(name);
        for (int i = 0; i < labels.Length; i++)
        {
            // Suffixes are matched exactly (case included), so a parsed name reads back as written.
            var suffix = string.Join('.', labels, i, labels.Length - i);
            if (_suffixes.TryGetValue(suffix, out int earlier))
            {
                WriteUInt16((ushort)(0xC000 | earlier));
                return;
            }
            // A pointer has 14 bits: names beyond 16 KiB cannot be pointed at.
            if (Position < 0x4000) _suffixes[suffix] = Position;
            WriteByte((byte)labels[i].Length);
            foreach (char c in labels[i]) WriteByte((byte)c);
        }
        WriteByte(0);
    }
}
