using Simulator.Core.Addressing;
using Simulator.Core.Tracing;

namespace Simulator.Core.Wire;

/// <summary>
/// The fields of an Ethernet II header. <see cref="EtherType"/> is the type of the payload; a frame
/// with a <see cref="Vlan"/> tag carries it after the tag, behind TPID 0x8100.
/// </summary>
public readonly record struct EthernetRepr(
    MacAddress Destination,
    MacAddress Source,
    EtherType EtherType,
    VlanTag? Vlan = null)
{
    public int HeaderLength => Vlan is null ? EthernetFrame.MinHeaderLength : EthernetFrame.TaggedHeaderLength;

    /// <summary>
    /// Reads the header of <paramref name="bytes"/>: <see cref="DropReason.HdrTrunc"/> when the bytes
    /// end before it does. The payload is <c>bytes[HeaderLength..]</c>. Only one tag is taken off;
    /// a second one (QinQ) shows as the payload's EtherType.
    /// </summary>
    public static DropReason TryParse(ReadOnlySpan<byte> bytes, out EthernetRepr repr)
    {
        repr = default;
        var frame = new EthernetFrame(ReadOnlyView.Of(bytes));
        var reason = frame.Check();
        if (reason != DropReason.None) return reason;
        repr = new EthernetRepr(frame.Destination, frame.Source, frame.PayloadEtherType,
            frame.HasVlanTag ? frame.VlanTag : null);
        return DropReason.None;
    }

    /// <summary>Writes the header into the first <see cref="HeaderLength"/> bytes of <paramref name="destination"/>.</summary>
    public void Emit(Span<byte> destination)
    {
        if (destination.Length < HeaderLength)
            throw new ArgumentException($"an Ethernet header needs {HeaderLength} bytes", nameof(destination));
        if (!Destination.IsValid || !Source.IsValid)
            throw new InvalidOperationException("an Ethernet header needs valid addresses");
        var frame = new EthernetFrame(destination)
        {
            Destination = Destination,
            Source = Source,
        };
        if (Vlan is { } tag)
        {
            if (!tag.IsValid) throw new InvalidOperationException($"invalid VLAN tag {tag}");
            frame.EtherType = EtherType.Vlan;
            frame.VlanTag = tag;
        }
        else
        {
            frame.EtherType = EtherType;
        }
        frame.PayloadEtherType = EtherType;
    }
}
