using Simulator.Core.Addressing;

namespace Simulator.Cli.Commands.Tcpdump.Printing;

/// <summary>
/// arp_print (print-arp.c): <c>ARP, Request who-has 10.0.0.2 tell 10.0.0.1, length 28</c>,
/// <c>ARP, Reply 10.0.0.2 is-at 16:75:…, length 28</c>; -v names the hardware and protocol
/// types first. The length is that of the Ethernet payload, padding included.
/// </summary>
internal static class ArpPrinter
{
    private const ushort HardwareEthernet = 1;
    private const ushort HardwareAtm = 19;
    private const ushort ProtocolIpv4 = 0x0800;
    private const ushort ProtocolTrailer = 0x1000;

    public static void Print(Dissection d, int offset, int length)
    {
        d.Protocol = "arp";
        ushort hardware = d.U16(offset);
        if (hardware == HardwareAtm)
        {
            d.Print("[netsim: ATM ARP not decoded]");
            return;
        }
        ushort protocol = d.U16(offset + 2);
        byte hardwareLength = d.U8(offset + 4);
        byte protocolLength = d.U8(offset + 5);
        ushort operation = d.U16(offset + 6);
        int senderHardware = offset + 8;
        int senderProtocol = senderHardware + hardwareLength;
        int targetHardware = senderProtocol + protocolLength;
        int targetProtocol = targetHardware + hardwareLength;
        d.Bytes(targetProtocol, protocolLength);

        if (!d.Options.LinkHeader) d.Print("ARP, ");
        bool ipv4 = protocol is ProtocolIpv4 or ProtocolTrailer;
        if (!ipv4 || protocolLength != 4 || hardwareLength == 0 || d.Options.Verbosity > 0)
        {
            var hardwareName = HardwareName(hardware);
            var protocolName = ProtocolTables.EtherTypeName(protocol) ?? $"Unknown Protocol (0x{protocol:x4})";
            d.Print($"{hardwareName} (len {hardwareLength}), {protocolName} (len {protocolLength})");
            if (d.Options.Verbosity == 0)
            {
                d.Print($", length {length}");
                return;
            }
        }

        d.Print($"{(d.Options.Verbosity > 0 ? ", " : "")}{OperationName(operation)} ");
        switch (operation)
        {
            case 1:
                d.Print("who-has ");
                d.Print(ProtocolAddress(d, targetProtocol, protocol, protocolLength));
                if (d.Bytes(targetHardware, hardwareLength).ContainsAnyExcept((byte)0))
                    d.Print($" ({LinkAddress(d, targetHardware, hardwareLength)})");
                d.Print(" tell ");
                d.Print(ProtocolAddress(d, senderProtocol, protocol, protocolLength));
                break;
            case 2:
                d.Print(ProtocolAddress(d, senderProtocol, protocol, protocolLength));
                d.Print($" is-at {LinkAddress(d, senderHardware, hardwareLength)}");
                break;
            case 3 or 8:
                d.Print($"who-is {LinkAddress(d, targetHardware, hardwareLength)} tell {LinkAddress(d, senderHardware, hardwareLength)}");
                break;
            case 4:
                d.Print($"{LinkAddress(d, targetHardware, hardwareLength)} at ");
                d.Print(ProtocolAddress(d, targetProtocol, protocol, protocolLength));
                break;
            case 9:
                d.Print($"{LinkAddress(d, senderHardware, hardwareLength)} at ");
                d.Print(ProtocolAddress(d, senderProtocol, protocol, protocolLength));
                break;
            default:
                var sb = new System.Text.StringBuilder();
                HexDump.HexAndAscii(sb, "\n\t", d.Data.AsSpan(offset, d.Available(offset)));
                d.Print(sb.ToString());
                return;
        }
        d.Print($", length {length}");
    }

    // arphrd_values (measured: a request of every hardware type, tcpdump -v).
    private static string HardwareName(ushort hardware) => hardware switch
    {
        HardwareEthernet => "Ethernet",
        6 => "TokenRing",
        7 => "ArcNet",
        15 => "FrameRelay",
        23 => "Strip",
        24 => "IEEE 1394",
        32 => "InfiniBand",
        _ => $"Unknown Hardware ({hardware})",
    };

    private static string OperationName(ushort operation) => operation switch
    {
        1 => "Request",
        2 => "Reply",
        3 => "Reverse Request",
        4 => "Reverse Reply",
        8 => "Inverse Request",
        9 => "Inverse Reply",
        10 => "NAK Reply",
        _ => $"Unknown ({operation})",
    };

    private static string ProtocolAddress(Dissection d, int offset, ushort protocol, byte length) =>
        protocol is not (ProtocolIpv4 or ProtocolTrailer) ? "<wrong proto type>"
        : length != 4 ? "<wrong len>"
        : d.Names.Host(new Ipv4Address(d.U32(offset)));

    // GET_LINKADDR_STRING: a 6-byte address is an Ethernet one, named as such; others are colon hex.
    private static string LinkAddress(Dissection d, int offset, byte length) =>
        length == 6
            ? d.Names.Mac(MacAddress.Read(d.Bytes(offset, 6)))
            : length == 0 ? "<empty>" : string.Join(':', d.Bytes(offset, length).ToArray().Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
}
