using Simulator.Core.Addressing;

namespace Simulator.Cli.Commands.Tcpdump.Printing;

/// <summary>
/// sll2_print and sll_print (print-sll.c): the Linux "cooked" headers libpcap gives captures on
/// the <c>any</c> device. Version 2 (<c>-i any</c>) starts each line with the interface and the
/// direction, <c>veth-a Out IP …</c>, <c>veth-a In  ARP, …</c>; -e adds <c>ifindex 2 MAC
/// ethertype IPv4 (0x0800), length 104: </c>. Version 1 (the default device when nothing
/// better is up) shows the direction only with -e.
/// </summary>
internal static class LinuxCookedPrinter
{
    public const int Version1HeaderLength = 16;
    public const int Version2HeaderLength = 20;

    /// <summary>Linux's PACKET_* types, as the cooked header carries them.</summary>
    public const byte PacketHost = 0, PacketBroadcast = 1, PacketMulticast = 2, PacketOtherHost = 3, PacketOutgoing = 4;

    // The protocol field holds these instead of an EtherType for frames without one.
    private const ushort Protocol8023 = 0x0001, Protocol8022 = 0x0004;

    private static string PacketTypeName(int type) => type switch
    {
        PacketHost => "In",
        PacketBroadcast => "B",
        PacketMulticast => "M",
        PacketOtherHost => "P",
        PacketOutgoing => "Out",
        _ => "?",
    };

    public static int PrintVersion2(Dissection d, int wireLength)
    {
        d.Protocol = "sll2";
        if (d.CapturedLength < Version2HeaderLength)
        {
            d.LinkHeaderLength = d.CapturedLength;
            throw new TruncatedPacket("sll2", leftEarly: false);
        }
        d.LinkHeaderLength = Version2HeaderLength;
        ushort protocol = d.U16(0);
        uint ifIndex = d.U32(4);
        byte packetType = d.U8(10);
        byte addressLength = d.U8(11);
        string name = d.Context.InterfaceName((int)ifIndex) ?? "?";
        d.Print($"{name,-5} {PacketTypeName(packetType),-3} ");
        int length = wireLength - Version2HeaderLength;
        if (d.Options.LinkHeader) Version2Details(d, protocol, ifIndex, addressLength, wireLength);
        if (!Payload(d, protocol, Version2HeaderLength, length))
        {
            if (!d.Options.LinkHeader) Version2Details(d, protocol, ifIndex, addressLength, wireLength);
            EthernetPrinter.PrintUnknown(d, protocol, Version2HeaderLength);
        }
        return Version2HeaderLength;
    }

    private static void Version2Details(Dissection d, ushort protocol, uint ifIndex, byte addressLength, int length)
    {
        d.Print($"ifindex {ifIndex} ");
        if (addressLength == 6) d.Print($"{d.Names.Mac(MacAddress.Read(d.Bytes(12, 6)))} ");
        Protocol(d, protocol, length);
    }

    public static int PrintVersion1(Dissection d, int wireLength)
    {
        d.Protocol = "sll";
        if (d.CapturedLength < Version1HeaderLength)
        {
            d.LinkHeaderLength = d.CapturedLength;
            throw new TruncatedPacket("sll", leftEarly: false);
        }
        d.LinkHeaderLength = Version1HeaderLength;
        ushort packetType = d.U16(0);
        ushort addressLength = d.U16(4);
        ushort protocol = d.U16(14);
        int length = wireLength - Version1HeaderLength;
        if (d.Options.LinkHeader) Version1Details(d, packetType, addressLength, protocol, wireLength);
        if (!Payload(d, protocol, Version1HeaderLength, length))
        {
            if (!d.Options.LinkHeader) Version1Details(d, packetType, addressLength, protocol, wireLength);
            EthernetPrinter.PrintUnknown(d, protocol, Version1HeaderLength);
        }
        return Version1HeaderLength;
    }

    private static void Version1Details(Dissection d, ushort packetType, ushort addressLength, ushort protocol, int length)
    {
        d.Print($"{PacketTypeName(packetType),3} ");
        if (addressLength == 6) d.Print($"{d.Names.Mac(MacAddress.Read(d.Bytes(6, 6)))} ");
        Protocol(d, protocol, length);
    }

    private static void Protocol(Dissection d, ushort protocol, int length)
    {
        if (d.Options.Quiet) return;
        if (protocol <= 1500)
            d.Print(protocol switch
            {
                Protocol8023 => "802.3",
                Protocol8022 => "802.2",
                _ => $"ethertype Unknown (0x{protocol:x4})",
            });
        else
            d.Print($"ethertype {ProtocolTables.EtherTypeName(protocol) ?? "Unknown"} (0x{protocol:x4})");
        d.Print($", length {length}: ");
    }

    private static bool Payload(Dissection d, ushort protocol, int offset, int length)
    {
        if (protocol == Protocol8022)
        {
            LlcPrinter.Print(d, offset, length);
            return true;
        }
        return EthernetPrinter.PrintPayload(d, protocol, offset, length);
    }
}
