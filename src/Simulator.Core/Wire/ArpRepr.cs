using Simulator.Core.Addressing;
using Simulator.Core.Tracing;

namespace Simulator.Core.Wire;

/// <summary>The fields of an Ethernet/IPv4 ARP request or reply (RFC 826).</summary>
public readonly record struct ArpRepr(
    ArpOperation Operation,
    MacAddress SenderHardwareAddress,
    Ipv4Address SenderProtocolAddress,
    MacAddress TargetHardwareAddress,
    Ipv4Address TargetProtocolAddress)
{
    public int BufferLength => ArpPacket.Length;

    /// <summary>
    /// "Who has <paramref name="targetIp"/>? Tell <paramref name="senderIp"/>". The target hardware
    /// address is zero, as the kernel's arp_send leaves it (and RFC 5227 section 2.1.1 asks).
    /// </summary>
    public static ArpRepr Request(MacAddress senderMac, Ipv4Address senderIp, Ipv4Address targetIp) =>
        new(ArpOperation.Request, senderMac, senderIp, MacAddress.Zero, targetIp);

    /// <summary>"<paramref name="senderIp"/> is at <paramref name="senderMac"/>", sent to the asker.</summary>
    public static ArpRepr Reply(MacAddress senderMac, Ipv4Address senderIp, MacAddress targetMac, Ipv4Address targetIp) =>
        new(ArpOperation.Reply, senderMac, senderIp, targetMac, targetIp);

    /// <summary>
    /// Reads an ARP packet. <see cref="DropReason.HdrTrunc"/> when it is cut short,
    /// <see cref="DropReason.UnhandledProto"/> for other hardware or protocol types or opcodes than
    /// request and reply (the kernel's arp_process ignores those), <see cref="DropReason.Malformed"/>
    /// when the address lengths contradict the types. Bytes after the 28 (Ethernet padding) are ignored.
    /// </summary>
    public static DropReason TryParse(ReadOnlySpan<byte> bytes, out ArpRepr repr)
    {
        repr = default;
        var packet = new ArpPacket(ReadOnlyView.Of(bytes));
        var reason = packet.Check();
        if (reason != DropReason.None) return reason;
        if (packet.Operation is not (ArpOperation.Request or ArpOperation.Reply)) return DropReason.UnhandledProto;
        repr = new ArpRepr(packet.Operation, packet.SenderHardwareAddress, packet.SenderProtocolAddress,
            packet.TargetHardwareAddress, packet.TargetProtocolAddress);
        return DropReason.None;
    }

    /// <summary>Writes the 28 bytes of the packet into <paramref name="destination"/>.</summary>
    public void Emit(Span<byte> destination)
    {
        if (destination.Length < ArpPacket.Length)
            throw new ArgumentException($"an ARP packet needs {ArpPacket.Length} bytes", nameof(destination));
        if (!SenderHardwareAddress.IsValid || !TargetHardwareAddress.IsValid
            || !SenderProtocolAddress.IsValid || !TargetProtocolAddress.IsValid)
            throw new InvalidOperationException("an ARP packet needs valid addresses");
        _ = new ArpPacket(destination)
        {
            HardwareType = ArpPacket.EthernetHardwareType,
            ProtocolType = EtherType.Ipv4,
            HardwareLength = ArpPacket.EthernetAddressLength,
            ProtocolLength = ArpPacket.Ipv4AddressLength,
            Operation = Operation,
            SenderHardwareAddress = SenderHardwareAddress,
            SenderProtocolAddress = SenderProtocolAddress,
            TargetHardwareAddress = TargetHardwareAddress,
            TargetProtocolAddress = TargetProtocolAddress,
        };
    }
}
