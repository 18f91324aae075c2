using Simulator.Core.Addressing;
using Simulator.Netfilter.Conntrack;

namespace Simulator.Cli.Commands.Conntrack;

/// <summary>The selection options of -L, -D and -E (conntrack-tools' filter): every one given must hold.</summary>
internal sealed class ConntrackFilter
{
    public byte? Protocol { get; set; }
    public Ipv4Address? OrigSource, OrigDestination, ReplySource, ReplyDestination;
    public ushort? OrigSourcePort, OrigDestinationPort, ReplySourcePort, ReplyDestinationPort;
    public byte? IcmpType, IcmpCode;
    public ushort? IcmpId;
    public bool SrcNat, DstNat, AnyNat;
    public Ipv4Address? NatAddress;
    public (uint Value, uint Mask)? Mark;
    public ConntrackStatus? Status;
    /// <summary>-f ipv6: the model tracks IPv4 only, so nothing matches.</summary>
    public bool Ipv6;

    public bool Matches(ConntrackEntry entry)
    {
        if (Ipv6) return false;
        var o = entry.Original;
        var r = entry.Reply;
        if (Protocol is byte p && entry.Protocol != p) return false;
        if (OrigSource is { } os && o.Source != os) return false;
        if (OrigDestination is { } od && o.Destination != od) return false;
        if (ReplySource is { } rs && r.Source != rs) return false;
        if (ReplyDestination is { } rd && r.Destination != rd) return false;
        if (OrigSourcePort is ushort osp && o.SourcePort != osp) return false;
        if (OrigDestinationPort is ushort odp && o.DestinationPort != odp) return false;
        if (ReplySourcePort is ushort rsp && r.SourcePort != rsp) return false;
        if (ReplyDestinationPort is ushort rdp && r.DestinationPort != rdp) return false;
        if (IcmpType is byte t && o.IcmpType != t) return false;
        if (IcmpCode is byte c && o.IcmpCode != c) return false;
        if (IcmpId is ushort id && o.IcmpId != id) return false;
        bool snat = entry.HasStatus(ConntrackStatus.SrcNat), dnat = entry.HasStatus(ConntrackStatus.DstNat);
        if (SrcNat && (!snat || (NatAddress is { } sa && r.Destination != sa))) return false;
        if (DstNat && (!dnat || (NatAddress is { } da && r.Source != da))) return false;
        if (AnyNat && !((snat && (NatAddress is not { } a1 || r.Destination == a1)) || (dnat && (NatAddress is not { } a2 || r.Source == a2))))
            return false;
        if (Mark is { } mark && (entry.Mark & mark.Mask) != mark.Value) return false;
        if (Status is { } status && (entry.Status & status) != status) return false;
        return true;
    }
}
