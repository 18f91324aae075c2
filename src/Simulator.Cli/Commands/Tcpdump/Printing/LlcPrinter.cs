namespace Simulator.Cli.Commands.Tcpdump.Printing;

/// <summary>
/// llc_print for the one LLC payload a Linux bridge sends, the spanning tree BPDU (DSAP/SSAP 0x42,
/// UI): with -e <c>LLC, dsap STP (0x42) Individual, ssap STP (0x42) Command, ctrl 0x03: </c>, then
/// the BPDU. Other SAPs tcpdump decodes with printers the model does not have.
/// </summary>
internal static class LlcPrinter
{
    private const byte SapSpanningTree = 0x42;

    public static void Print(Dissection d, int offset, int length)
    {
        d.Protocol = "llc";
        byte dsap = d.U8(offset);
        byte ssap = d.U8(offset + 1);
        byte control = d.U8(offset + 2);
        if ((dsap & 0xfe) != SapSpanningTree || (ssap & 0xfe) != SapSpanningTree || control != 0x03)
        {
            d.Print("[netsim: LLC payload not decoded]");
            return;
        }
        // The LLC header counts as link layer: -x dumps what follows it.
        d.LinkHeaderLength = offset + 3;
        if (d.Options.LinkHeader)
        {
            d.Print($"LLC, dsap STP (0x{dsap & 0xfe:x2}) {((dsap & 1) != 0 ? "Group" : "Individual")}, ");
            d.Print($"ssap STP (0x{ssap & 0xfe:x2}) {((ssap & 1) != 0 ? "Response" : "Command")}, ctrl 0x{control:x2}: ");
        }
        StpPrinter.Print(d, offset + 3, length - 3);
    }
}
