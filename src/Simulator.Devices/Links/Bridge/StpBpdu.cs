using System.Buffers.Binary;
using Simulator.Core.Addressing;
using Simulator.Core.Tracing;

namespace Simulator.Devices.Links.Bridge;

/// <summary>The BPDU types of IEEE 802.1D-1998 clause 9.3.</summary>
public enum BpduType : byte
{
    Config = 0x00,
    TopologyChangeNotification = 0x80,
}

/// <summary>
/// An 802.1D BPDU as it travels: an IEEE 802.3 frame (a length, not an EtherType, after the
/// addresses) to the bridge group address, an LLC header (DSAP/SSAP 0x42, UI) and the BPDU:
/// protocol id 0, version 0, type, and for a configuration BPDU the flags, root id, root path
/// cost, bridge id, port id and four times in 1/256 s (IEEE 802.1D-1998 9.3.1).
/// </summary>
public readonly record struct StpBpduRepr(
    BpduType Type,
    bool TopologyChange = false,
    bool TopologyChangeAck = false,
    BridgeId Root = default,
    int RootPathCost = 0,
    BridgeId BridgeId = default,
    ushort PortId = 0,
    ushort MessageAgeTicks = 0,
    ushort MaxAgeTicks = 0,
    ushort HelloTimeTicks = 0,
    ushort ForwardDelayTicks = 0)
{
    public const int LengthOffset = 12;
    public const int LlcOffset = 14;
    public const byte LlcSapSpanningTree = 0x42;
    public const byte LlcUnnumberedInformation = 0x03;
    public const int BpduOffset = LlcOffset + 3;
    public const int ConfigLength = 35;
    public const int TcnLength = 4;

    // Offsets inside the BPDU (br_send_config_bpdu's buf[]).
    private const int TypeOffset = 3;
    private const int FlagsOffset = 4;
    private const int RootOffset = 5;
    private const int RootPathCostOffset = 13;
    private const int BridgeIdOffset = 17;
    private const int PortIdOffset = 25;
    private const int MessageAgeOffset = 27;
    private const int MaxAgeOffset = 29;
    private const int HelloTimeOffset = 31;
    private const int ForwardDelayOffset = 33;

    private const byte FlagTopologyChange = 0x01;
    private const byte FlagTopologyChangeAck = 0x80;

    /// <summary>The frame's length in bytes (no padding: the kernel sends it so on a veth).</summary>
    public int FrameLength => BpduOffset + (Type == BpduType.Config ? ConfigLength : TcnLength);

    /// <summary>Writes the whole frame, Ethernet and LLC headers included, from <paramref name="source"/>.</summary>
    public void Emit(Span<byte> frame, MacAddress source, MacAddress destination)
    {
        int bpduLength = Type == BpduType.Config ? ConfigLength : TcnLength;
        destination.Write(frame);
        source.Write(frame[6..]);
        BinaryPrimitives.WriteUInt16BigEndian(frame[LengthOffset..], (ushort)(3 + bpduLength));
        frame[LlcOffset] = LlcSapSpanningTree;
        frame[LlcOffset + 1] = LlcSapSpanningTree;
        frame[LlcOffset + 2] = LlcUnnumberedInformation;
        var bpdu = frame.Slice(BpduOffset, bpduLength);
        bpdu[..3].Clear();
        bpdu[TypeOffset] = (byte)Type;
        if (Type != BpduType.Config) return;
        bpdu[FlagsOffset] = (byte)((TopologyChange ? FlagTopologyChange : 0) | (TopologyChangeAck ? FlagTopologyChangeAck : 0));
        WriteBridgeId(bpdu[RootOffset..], Root);
        BinaryPrimitives.WriteInt32BigEndian(bpdu[RootPathCostOffset..], RootPathCost);
        WriteBridgeId(bpdu[BridgeIdOffset..], BridgeId);
        BinaryPrimitives.WriteUInt16BigEndian(bpdu[PortIdOffset..], PortId);
        BinaryPrimitives.WriteUInt16BigEndian(bpdu[MessageAgeOffset..], MessageAgeTicks);
        BinaryPrimitives.WriteUInt16BigEndian(bpdu[MaxAgeOffset..], MaxAgeTicks);
        BinaryPrimitives.WriteUInt16BigEndian(bpdu[HelloTimeOffset..], HelloTimeTicks);
        BinaryPrimitives.WriteUInt16BigEndian(bpdu[ForwardDelayOffset..], ForwardDelayTicks);
    }

    /// <summary>
    /// Reads a BPDU frame (Ethernet header first). Fails, without throwing, on a frame that is not
    /// 802.3 with the spanning tree LLC SAPs, on protocol id or version other than 0 (br_stp_rcv
    /// checks those), and on a configuration BPDU shorter than 35 bytes.
    /// </summary>
    public static DropReason TryParse(ReadOnlySpan<byte> frame, out StpBpduRepr repr)
    {
        repr = default;
        if (frame.Length < BpduOffset + TcnLength) return DropReason.HdrTrunc;
        ushort length = BinaryPrimitives.ReadUInt16BigEndian(frame[LengthOffset..]);
        if (length >= 0x0600) return DropReason.InvalidProto;
        if (frame[LlcOffset] != LlcSapSpanningTree || frame[LlcOffset + 1] != LlcSapSpanningTree ||
            frame[LlcOffset + 2] != LlcUnnumberedInformation)
            return DropReason.InvalidProto;
        var bpdu = frame[BpduOffset..];
        if (bpdu[0] != 0 || bpdu[1] != 0 || bpdu[2] != 0) return DropReason.InvalidProto;
        var type = (BpduType)bpdu[TypeOffset];
        if (type == BpduType.TopologyChangeNotification)
        {
            repr = new StpBpduRepr(type);
            return DropReason.None;
        }
        if (type != BpduType.Config) return DropReason.InvalidProto;
        if (bpdu.Length < ConfigLength) return DropReason.HdrTrunc;
        byte flags = bpdu[FlagsOffset];
        repr = new StpBpduRepr(type,
            (flags & FlagTopologyChange) != 0,
            (flags & FlagTopologyChangeAck) != 0,
            ReadBridgeId(bpdu[RootOffset..]),
            BinaryPrimitives.ReadInt32BigEndian(bpdu[RootPathCostOffset..]),
            ReadBridgeId(bpdu[BridgeIdOffset..]),
            BinaryPrimitives.ReadUInt16BigEndian(bpdu[PortIdOffset..]),
            BinaryPrimitives.ReadUInt16BigEndian(bpdu[MessageAgeOffset..]),
            BinaryPrimitives.ReadUInt16BigEndian(bpdu[MaxAgeOffset..]),
            BinaryPrimitives.ReadUInt16BigEndian(bpdu[HelloTimeOffset..]),
            BinaryPrimitives.ReadUInt16BigEndian(bpdu[ForwardDelayOffset..]));
        return DropReason.None;
    }

    private static void WriteBridgeId(Span<byte> destination, BridgeId id)
    {
        BinaryPrimitives.WriteUInt16BigEndian(destination, id.Priority);
        (id.Address.IsValid ? id.Address : MacAddress.Zero).Write(destination[2..]);
    }

    private static BridgeId ReadBridgeId(ReadOnlySpan<byte> source) =>
        new(BinaryPrimitives.ReadUInt16BigEndian(source), MacAddress.Read(source[2..]));

    /// <summary>br_set_ticks: jiffies to 1/256 s.</summary>
    public static ushort ToTicks(long nanoseconds) => (ushort)(256 * (nanoseconds / BridgeTime.Jiffy) / BridgeTime.Hz);

    /// <summary>br_get_ticks: 1/256 s to jiffies, rounding up.</summary>
    public static long FromTicks(ushort ticks) => ((long)ticks * BridgeTime.Hz + 255) / 256 * BridgeTime.Jiffy;
}
