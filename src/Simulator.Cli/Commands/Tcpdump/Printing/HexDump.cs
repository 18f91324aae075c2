using System.Globalization;
using System.Text;

namespace Simulator.Cli.Commands.Tcpdump.Printing;

/// <summary>
/// tcpdump's raw dumps (print-ascii.c): offsets and 16 bytes a line, in groups of two, each line
/// after <paramref name="indent"/>; the ASCII column shows graphic characters and '.' for the rest.
/// </summary>
internal static class HexDump
{
    private const int BytesPerLine = 16;
    // Eight groups of " xxxx": the width the hex column is padded to before the ASCII column.
    private const int HexColumnWidth = 40;

    /// <summary>hex_print (-x).</summary>
    public static void Hex(StringBuilder output, string indent, ReadOnlySpan<byte> bytes)
    {
        for (int offset = 0; offset < bytes.Length; offset += 2)
        {
            if (offset % BytesPerLine == 0) output.Append(CultureInfo.InvariantCulture, $"{indent}0x{offset:x4}: ");
            output.Append(offset + 1 < bytes.Length
                ? string.Create(CultureInfo.InvariantCulture, $" {bytes[offset]:x2}{bytes[offset + 1]:x2}")
                : string.Create(CultureInfo.InvariantCulture, $" {bytes[offset]:x2}"));
        }
    }

    /// <summary>hex_and_ascii_print (-X, and the body of frames of an unknown type).</summary>
    public static void HexAndAscii(StringBuilder output, string indent, ReadOnlySpan<byte> bytes)
    {
        for (int line = 0; line < bytes.Length; line += BytesPerLine)
        {
            var chunk = bytes.Slice(line, Math.Min(BytesPerLine, bytes.Length - line));
            var hex = new StringBuilder();
            var ascii = new StringBuilder();
            for (int i = 0; i < chunk.Length; i += 2)
            {
                hex.Append(i + 1 < chunk.Length
                    ? string.Create(CultureInfo.InvariantCulture, $" {chunk[i]:x2}{chunk[i + 1]:x2}")
                    : string.Create(CultureInfo.InvariantCulture, $" {chunk[i]:x2}"));
            }
            foreach (byte b in chunk) ascii.Append(IsGraphic(b) ? (char)b : '.');
            output.Append(CultureInfo.InvariantCulture, $"{indent}0x{line:x4}: {hex.ToString().PadRight(HexColumnWidth)}  {ascii}");
        }
    }

    /// <summary>
    /// ascii_print (-A): a newline, then the bytes as text; unprintable ones as '.', a CR only when
    /// no LF follows it.
    /// </summary>
    public static void Ascii(StringBuilder output, ReadOnlySpan<byte> bytes)
    {
        output.Append('\n');
        for (int i = 0; i < bytes.Length; i++)
        {
            byte b = bytes[i];
            if (b == '\r')
            {
                if (i + 1 == bytes.Length || bytes[i + 1] != '\n') output.Append('.');
            }
            else
            {
                output.Append(IsGraphic(b) || b is (byte)'\t' or (byte)' ' or (byte)'\n' ? (char)b : '.');
            }
        }
    }

    /// <summary>ND_ASCII_ISGRAPH: '!' to '~'.</summary>
    public static bool IsGraphic(byte b) => b is > 0x20 and < 0x7f;

    /// <summary>ND_ASCII_ISPRINT: ' ' to '~'.</summary>
    public static bool IsPrintable(byte b) => b is >= 0x20 and < 0x7f;
}
