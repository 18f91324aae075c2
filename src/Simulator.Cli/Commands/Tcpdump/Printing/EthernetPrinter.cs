using System.Globalization;
using Simulator.Core.Addressing;

namespace Simulator.Cli.Commands.Tcpdump.Printing;

/// <summary>
/// ether_print (print-ether.c): with -e the addresses, the EtherType and the frame length
/// (<c>c6:b9:fc:3a:7b:e5 > fe:9e:e0:1e:90:8c, ethertype IPv4 (0x0800), length 98: </c>); the
/// 802.1Q tags (<c>vlan 10, p 0, </c>); then the payload's printer. A type with no printer
/// prints the addresses and type even without -e, then the bytes.
/// </summary>
internal static class EthernetPrinter
{
    public const int HeaderLength = 14;

    /// <summary>Prints a frame of <paramref name="wireLength"/> bytes; returns the link header length (for -x).</summary>
    public static int Print(Dissection d, int wireLength)
    {
        d.Protocol = "ether";
        if (d.CapturedLength < HeaderLength || wireLength < HeaderLength)
        {
            // ether_print returns the bytes it had as the header length: there is nothing to dump.
            d.LinkHeaderLength = d.CapturedLength;
            throw new TruncatedPacket("ether", leftEarly: false);
        }
        var destination = MacAddress.Read(d.Bytes(0, 6));
        var source = MacAddress.Read(d.Bytes(6, 6));
        bool eflag = d.Options.LinkHeader;
        if (eflag) Addresses(d, source, destination);

        ushort type = d.U16(12);
        int offset = HeaderLength;
        int length = wireLength - HeaderLength;
        d.LinkHeaderLength = offset;
        if (type <= 1500)
        {
            // A length, not a type: an IEEE 802.3 frame with an LLC header (spanning tree BPDUs).
            if (eflag) d.Print($"802.3, length {type}: ");
            LlcPrinter.Print(d, offset, Math.Min(type, length));
            return offset;
        }

        bool printedLength = false;
        while (ProtocolTables.IsVlanTag(type))
        {
            d.Protocol = "vlan";
            ushort tci = d.U16(offset);
            if (eflag)
            {
                EtherType(d, type);
                d.Print(printedLength ? ", " : $", length {wireLength}: ");
                printedLength = true;
                d.Print($"vlan {tci & 0xfff}, p {tci >> 13}{((tci & 0x1000) != 0 ? ", DEI" : "")}, ");
            }
            type = d.U16(offset + 2);
            offset += 4;
            length -= 4;
            d.LinkHeaderLength = offset;
        }

        if (eflag)
        {
            EtherType(d, type);
            d.Print(printedLength ? ", " : $", length {wireLength}: ");
        }
        if (PrintPayload(d, type, offset, length)) return offset;
        if (ProtocolTables.EtherTypeNotModelled(type))
        {
            d.Print("[netsim: payload not decoded]");
            return offset;
        }
        if (!eflag)
        {
            Addresses(d, source, destination);
            EtherType(d, type);
            d.Print($", length {wireLength}: ");
        }
        PrintUnknown(d, type, offset);
        return offset;
    }

    /// <summary>ethertype_print for the types the model decodes; false for the others.</summary>
    public static bool PrintPayload(Dissection d, ushort type, int offset, int length)
    {
        switch (type)
        {
            case 0x0800:
                Ipv4Printer.Print(d, offset, length);
                return true;
            case 0x0806 or 0x8035:
                ArpPrinter.Print(d, offset, length);
                return true;
            default:
                return false;
        }
    }

    /// <summary>
    /// The body of a frame whose type has no printer: its bytes, as ND_DEFAULTPRINT dumps them; or,
    /// when tcpdump would decode the type with a printer the model lacks, a note saying so.
    /// </summary>
    public static void PrintUnknown(Dissection d, ushort type, int offset)
    {
        if (ProtocolTables.EtherTypeNotModelled(type))
        {
            d.Print("[netsim: payload not decoded]");
            return;
        }
        if (d.SuppressDefaultPrint) return;
        var sb = new System.Text.StringBuilder();
        HexDump.HexAndAscii(sb, "\n\t", d.Data.AsSpan(offset, d.Available(offset)));
        d.Print(sb.ToString());
    }

    private static void Addresses(Dissection d, MacAddress source, MacAddress destination) =>
        d.Print($"{d.Names.Mac(source)} > {d.Names.Mac(destination)}, ");

    /// <summary>ether_type_print: <c>ethertype IPv4 (0x0800)</c>, or with -q just <c>IPv4</c>.</summary>
    public static void EtherType(Dissection d, ushort type)
    {
        var name = ProtocolTables.EtherTypeName(type);
        if (!d.Options.Quiet)
            d.Print($"ethertype {name ?? "Unknown"} (0x{type:x4})");
        else
            d.Print(name ?? string.Create(CultureInfo.InvariantCulture, $"Unknown Ethertype (0x{type:x4})"));
    }
}
