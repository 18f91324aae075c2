using System.Text;

namespace Simulator.Cli.Commands.Tcpdump.Printing;

/// <summary>
/// pretty_print_packet: one captured frame as tcpdump prints it — timestamp, the link type's
/// printer and those below it, <c> [|proto]</c> where the bytes ran out, then the raw dump asked
/// for (-x, -X, -A). The result ends with a newline.
/// </summary>
internal static class PacketPrinter
{
    /// <param name="number">With -#, the packet's number, printed first (<c>%5u  </c>).</param>
    public static string Format(CapturedFrame frame, PrintContext context, long? number = null)
    {
        var output = new StringBuilder();
        if (number is { } n) output.Append(System.Globalization.CultureInfo.InvariantCulture, $"{n,5}  ");
        output.Append(CaptureClock.Format(frame.UnixNanoseconds, context));
        var d = new Dissection(frame.Data, frame.CapturedLength, context);
        try
        {
            switch (frame.LinkType)
            {
                case LinkType.LinuxSll2:
                    LinuxCookedPrinter.PrintVersion2(d, frame.WireLength);
                    break;
                case LinkType.LinuxSll:
                    LinuxCookedPrinter.PrintVersion1(d, frame.WireLength);
                    break;
                default:
                    EthernetPrinter.Print(d, frame.WireLength);
                    break;
            }
        }
        catch (TruncatedPacket truncated)
        {
            d.Print($" [|{truncated.Protocol}]");
            if (truncated.LeftEarly) d.LinkHeaderLength = 0;
        }
        output.Append(d.Line);
        Dump(output, frame, context.Options.Dump, d.LinkHeaderLength);
        output.Append('\n');
        return output.ToString();
    }

    private static void Dump(StringBuilder output, CapturedFrame frame, RawDump dump, int linkHeaderLength)
    {
        var all = frame.Data.AsSpan();
        var afterLinkHeader = frame.CapturedLength > linkHeaderLength ? all[linkHeaderLength..] : [];
        switch (dump)
        {
            case RawDump.HexAndAsciiWithLinkHeader:
                HexDump.HexAndAscii(output, "\n\t", all);
                break;
            case RawDump.HexAndAscii:
                HexDump.HexAndAscii(output, "\n\t", afterLinkHeader);
                break;
            case RawDump.HexWithLinkHeader:
                HexDump.Hex(output, "\n\t", all);
                break;
            case RawDump.Hex:
                HexDump.Hex(output, "\n\t", afterLinkHeader);
                break;
            case RawDump.AsciiWithLinkHeader:
                HexDump.Ascii(output, all);
                break;
            case RawDump.Ascii:
                if (afterLinkHeader.Length > 0) HexDump.Ascii(output, afterLinkHeader);
                break;
        }
    }
}
