using System.Globalization;
using Simulator.Core.Addressing;

namespace Simulator.Cli.Commands.Tcpdump.Printing;

/// <summary>
/// stp_print for IEEE 802.1D BPDUs, the ones the model's bridges send:
/// <c>STP 802.1d, Config, Flags [none], bridge-id 8000.7a:46:d8:44:e7:d9.8001, length 35</c>,
/// <c>STP 802.1d, Topology Change</c>; -v adds the timers and the root. Rapid and multiple
/// spanning tree BPDUs are not modelled.
/// </summary>
internal static class StpPrinter
{
    private const int ConfigLength = 35;

    // stp_bpdu_flag_values, in tcpdump's order.
    private static readonly (byte Bit, string Name)[] Flags =
    [
        (0x01, "Topology change"), (0x02, "Proposal"), (0x10, "Learn"), (0x20, "Forward"),
        (0x40, "Agreement"), (0x80, "Topology change ACK"),
    ];

    public static void Print(Dissection d, int offset, int length)
    {
        d.Protocol = "stp";
        if (length < 4) throw new TruncatedPacket("stp", leftEarly: false);
        ushort protocolId = d.U16(offset);
        byte version = d.U8(offset + 2);
        byte type = d.U8(offset + 3);
        if (protocolId != 0 || version != 0)
        {
            d.Print("[netsim: spanning tree BPDU version not decoded]");
            return;
        }
        d.Print("STP 802.1d");
        switch (type)
        {
            case 0x00:
                d.Print(", Config");
                if (length < ConfigLength)
                {
                    d.Print(" (invalid)");
                    return;
                }
                Config(d, offset, length);
                break;
            case 0x80:
                d.Print(", Topology Change");
                break;
            default:
                d.Print($", Unknown BPDU Type ({type})");
                break;
        }
    }

    private static void Config(Dissection d, int offset, int length)
    {
        byte flags = d.U8(offset + 4);
        var names = Flags.Where(f => (flags & f.Bit) != 0).Select(f => f.Name).ToList();
        d.Print($", Flags [{(names.Count == 0 ? "none" : string.Join(", ", names))}]");
        d.Print($", bridge-id {BridgeId(d, offset + 17)}.{d.U16(offset + 25):x4}, length {length}");
        if (d.Options.Verbosity == 0) return;
        d.Print($"\n\tmessage-age {Seconds(d.U16(offset + 27))}s, max-age {Seconds(d.U16(offset + 29))}s");
        d.Print($", hello-time {Seconds(d.U16(offset + 31))}s, forwarding-delay {Seconds(d.U16(offset + 33))}s");
        d.Print($"\n\troot-id {BridgeId(d, offset + 5)}, root-pathcost {d.U32(offset + 13)}");
    }

    // A bridge id is a priority and a MAC address, always printed as numbers.
    private static string BridgeId(Dissection d, int offset) =>
        $"{d.U16(offset):x4}.{MacAddress.Read(d.Bytes(offset + 2, 6))}";

    // Timers travel in 1/256 s.
    private static string Seconds(ushort ticks) => (ticks / 256.0).ToString("F2", CultureInfo.InvariantCulture);
}
