using System.Text;

namespace Simulator.Cli.Commands.Tcpdump.Savefile;

/// <summary>
/// The scenario's file system holds text; a savefile is bytes. Each byte is kept as the character
/// of the same code (ISO-8859-1), which gives the bytes back unchanged: <c>tcpdump -w</c> then
/// <c>tcpdump -r</c> works inside a scenario, <c>ls</c> sees the file, and nothing is written to
/// the host's disk (<c>netsim run --pcap DIR</c> exports captures).
/// </summary>
public static class FileBytes
{
    public static string ToText(ReadOnlySpan<byte> bytes) => Encoding.Latin1.GetString(bytes);

    /// <summary>The bytes of a file's text; a character above 0xFF (the file was not written as bytes) reads as '?'.</summary>
    public static byte[] FromText(string text) => Encoding.Latin1.GetBytes(text);
}
