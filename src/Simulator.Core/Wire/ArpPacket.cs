using System.Buffers.Binary;
using Simulator.Core.Addressing;
using Simulator.Core.Tracing;

namespace Simulator.Core.Wire;

/// <summary>
/// A view of an ARP packet (RFC 826). The offsets of the addresses assume Ethernet hardware
/// addresses and IPv4 protocol addresses, the only kind NetSim models;
/// <see cref="ArpRepr.TryParse"/> checks the length fields before trusting them.
/// </summary>
public readonly ref struct ArpPacket
{
    public const int HardwareTypeOffset = 0;
    public const int ProtocolTypeOffset = 2;
    public const int HardwareLengthOffset = 4;
    public const int ProtocolLengthOffset = 5;
    public const int OperationOffset = 6;
    /// <summary>The fixed part, before the addresses.</summary>
    public const int FixedHeaderLength = 8;
    public const int SenderHardwareAddressOffset = 8;
    public const int SenderProtocolAddressOffset = 14;
    public const int TargetHardwareAddressOffset = 18;
    public const int TargetProtocolAddressOffset = 24;
    /// <summary>The length of an Ethernet/IPv4 ARP packet.</summary>
    public const int Length = 28;

    /// <summary>ar_hrd of Ethernet (ARPHRD_ETHER).</summary>
    public const ushort EthernetHardwareType = 1;
    public const byte EthernetAddressLength = 6;
    public const byte Ipv4AddressLength = 4;

    private readonly Span<byte> _buffer;

    public ArpPacket(Span<byte> buffer) => _buffer = buffer;

    /// <summary>A view of <paramref name="buffer"/> if it holds a whole Ethernet/IPv4 ARP packet.</summary>
    public static DropReason TryCreate(Span<byte> buffer, out ArpPacket packet)
    {
        packet = new ArpPacket(buffer);
        return packet.Check();
    }

    /// <remarks>
    /// As the kernel's arp_rcv/arp_process: a packet for another hardware or protocol type is not
    /// ours to handle; address lengths that contradict the types are malformed.
    /// </remarks>
    internal DropReason Check()
    {
        if (_buffer.Length < FixedHeaderLength) return DropReason.HdrTrunc;
        if (HardwareType != EthernetHardwareType || ProtocolType != EtherType.Ipv4) return DropReason.UnhandledProto;
        if (HardwareLength != EthernetAddressLength || ProtocolLength != Ipv4AddressLength) return DropReason.Malformed;
        if (_buffer.Length < Length) return DropReason.HdrTrunc;
        return DropReason.None;
    }

    public Span<byte> Buffer => _buffer;

    public ushort HardwareType
    {
        get => BinaryPrimitives.ReadUInt16BigEndian(_buffer[HardwareTypeOffset..]);
        set => BinaryPrimitives.WriteUInt16BigEndian(_buffer[HardwareTypeOffset..], value);
    }

    public EtherType ProtocolType
    {
        get => (EtherType)BinaryPrimitives.ReadUInt16BigEndian(_buffer[ProtocolTypeOffset..]);
        set => BinaryPrimitives.WriteUInt16BigEndian(_buffer[ProtocolTypeOffset..], (ushort)value);
    }

    public byte HardwareLength
    {
        get => _buffer[HardwareLengthOffset];
        set => _buffer[HardwareLengthOffset] = value;
    }

    public byte ProtocolLength
    {
        get => _buffer[ProtocolLengthOffset];
        set => _buffer[ProtocolLengthOffset] = value;
    }

    public ArpOperation Operation
    {
        get => (ArpOperation)BinaryPrimitives.ReadUInt16BigEndian(_buffer[OperationOffset..]);
        set => BinaryPrimitives.WriteUInt16BigEndian(_buffer[OperationOffset..], (ushort)value);
    }

    public MacAddress SenderHardwareAddress
    {
        get => MacAddress.Read(_buffer[SenderHardwareAddressOffset..]);
        set => value.Write(_buffer[SenderHardwareAddressOffset..]);
    }

    public Ipv4Address SenderProtocolAddress
    {
        get => Ipv4Address.Read(_buffer[SenderProtocolAddressOffset..]);
        set => value.Write(_buffer[SenderProtocolAddressOffset..]);
    }

    public MacAddress TargetHardwareAddress
    {
        get => MacAddress.Read(_buffer[TargetHardwareAddressOffset..]);
        set => value.Write(_buffer[TargetHardwareAddressOffset..]);
    }

    public Ipv4Address TargetProtocolAddress
    {
        get => Ipv4Address.Read(_buffer[TargetProtocolAddressOffset..]);
        set => value.Write(_buffer[TargetProtocolAddressOffset..]);
    }
}
