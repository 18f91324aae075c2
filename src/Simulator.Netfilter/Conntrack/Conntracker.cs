using System.Buffers.Binary;
using Simulator.Core.Addressing;
using Simulator.Core.Wire;

namespace Simulator.Netfilter.Conntrack;

/// <summary>
/// Connection tracking of IPv4 packets (net/netfilter/nf_conntrack_core.c nf_conntrack_in and
/// nf_confirm, with the ICMP, UDP, TCP and generic trackers): attaches each packet to its
/// connection, creating an unconfirmed one for a first packet, and says how the packet relates
/// to it. ICMP errors that quote a packet of a tracked connection are RELATED to it.
/// </summary>
public sealed class Conntracker(ConntrackTable table)
{
    private const int PortsLength = 4;

    public ConntrackTable Table => table;

    /// <summary>What tracking decided for one packet.</summary>
    public readonly record struct Result(ConntrackEntry? Entry, ConntrackInfo Info, bool Drop)
    {
        /// <summary>No connection: the matches see INVALID.</summary>
        public static Result NoConnection => new(null, default, false);
    }

    /// <summary>
    /// nf_conntrack_in at PREROUTING or OUTPUT for <paramref name="packet"/> (IPv4 header first).
    /// A packet dropped here (table full) has <see cref="Result.Drop"/> set.
    /// </summary>
    public Result In(Span<byte> packet, bool atPrerouting)
    {
        var ip = new Ipv4Packet(packet);
        var payload = ip.Payload;
        byte protocol = (byte)ip.Protocol;
        if (ip.FragmentOffset != 0)
        {
            table.Statistics.Invalid++;
            return Result.NoConnection;
        }

        if (protocol == ConntrackTuple.Icmp)
        {
            var icmpResult = IcmpError(ip, payload, atPrerouting, out bool handled);
            if (handled) return icmpResult;
        }

        while (true)
        {
            if (!TryGetTuple(ip.Source, ip.Destination, protocol, payload, out var tuple))
            {
                table.Statistics.Invalid++;
                return Result.NoConnection;
            }
            var entry = table.Find(tuple, out var direction);
            ConntrackInfo info;
            if (entry is null)
            {
                if (!tuple.TryInvert(out var reply))
                {
                    table.Statistics.Invalid++;
                    return Result.NoConnection;
                }
                if (table.Count >= table.Settings.Max)
                {
                    // early_drop finds nothing unassured to evict in a model this small: drop.
                    table.Statistics.Drop++;
                    table.Statistics.EarlyDrop++;
                    return new Result(null, default, true);
                }
                entry = table.Create(tuple, reply);
                info = ConntrackInfo.New;
            }
            else if (direction == ConntrackDirection.Reply)
            {
                info = ConntrackInfo.EstablishedReply;
            }
            else
            {
                info = entry.HasStatus(ConntrackStatus.SeenReply) ? ConntrackInfo.Established : ConntrackInfo.New;
            }

            var outcome = HandlePacket(entry, info, protocol, payload);
            if (outcome == TcpTracker.Outcome.Reopen) continue;
            if (outcome == TcpTracker.Outcome.Invalid)
            {
                table.Statistics.Invalid++;
                return Result.NoConnection;
            }
            if (info == ConntrackInfo.EstablishedReply && !entry.HasStatus(ConntrackStatus.SeenReply))
            {
                entry.SetStatus(ConntrackStatus.SeenReply);
                entry.PendingUpdate = true;
            }
            return new Result(entry, info, false);
        }
    }

    /// <summary>
    /// nf_confirm, at the last hook a packet passes (INPUT, POSTROUTING): a new connection enters
    /// the table; the events the packet caused are delivered. False when confirmation failed and
    /// the packet must be dropped.
    /// </summary>
    public bool Confirm(ConntrackEntry? entry, ConntrackInfo info)
    {
        if (entry is null || info == ConntrackInfo.Untracked) return true;
        if (!entry.IsConfirmed)
        {
            if (info.IsRelated()) return true;
            return table.Confirm(entry);
        }
        table.DeliverPendingEvents(entry);
        return true;
    }

    /// <summary>The tuple of a packet (nf_ct_get_tuple); false when its transport header is cut short.</summary>
    public static bool TryGetTuple(Ipv4Address source, Ipv4Address destination, byte protocol, ReadOnlySpan<byte> l4,
        out ConntrackTuple tuple)
    {
        switch (protocol)
        {
            case ConntrackTuple.Tcp or ConntrackTuple.Udp:
                if (l4.Length < 8) break;
                tuple = new ConntrackTuple(source, destination, protocol,
                    BinaryPrimitives.ReadUInt16BigEndian(l4), BinaryPrimitives.ReadUInt16BigEndian(l4[2..]));
                return true;
            case ConntrackTuple.Icmp:
                if (l4.Length < IcmpPacket.HeaderLength) break;
                tuple = ConntrackTuple.ForIcmp(source, destination, l4[0], l4[1],
                    BinaryPrimitives.ReadUInt16BigEndian(l4[IcmpPacket.IdentifierOffset..]));
                return true;
            default:
                tuple = new ConntrackTuple(source, destination, protocol, 0, 0);
                return true;
        }
        tuple = default;
        return false;
    }

    private TcpTracker.Outcome HandlePacket(ConntrackEntry entry, ConntrackInfo info, byte protocol, ReadOnlySpan<byte> l4)
    {
        var settings = table.Settings;
        switch (protocol)
        {
            case ConntrackTuple.Icmp:
                // nf_conntrack_icmp_packet: only a query can start an ICMP "connection".
                if (entry.Original.IcmpType is not ((byte)IcmpType.EchoRequest or (byte)IcmpType.Timestamp
                    or (byte)IcmpType.InformationRequest or (byte)IcmpType.AddressMaskRequest))
                    return TcpTracker.Outcome.Invalid;
                table.Refresh(entry, settings.IcmpTimeout);
                return TcpTracker.Outcome.Accept;
            case ConntrackTuple.Udp:
                return Udp(entry, l4);
            case ConntrackTuple.Tcp:
                if (l4.Length < TcpPacket.MinHeaderLength || (l4[TcpPacket.DataOffsetAndFlagsOffset] >> 4) < 5)
                    return TcpTracker.Outcome.Invalid;
                byte flags = l4[TcpPacket.DataOffsetAndFlagsOffset + 1];
                if (!TcpTracker.ValidFlags(flags)) return TcpTracker.Outcome.Invalid;
                if (!entry.IsConfirmed && !TcpTracker.New(entry, flags, settings)) return TcpTracker.Outcome.Invalid;
                return TcpTracker.Packet(table, entry, info.Direction(), flags);
            default:
                table.Refresh(entry, settings.GenericTimeout);
                return TcpTracker.Outcome.Accept;
        }
    }

    /// <summary>
    /// nf_conntrack_udp_packet: 30 s until a reply; after a reply, a packet more than two seconds
    /// after the first makes the flow a stream: ASSURED, 120 s.
    /// </summary>
    private TcpTracker.Outcome Udp(ConntrackEntry entry, ReadOnlySpan<byte> l4)
    {
        if (l4.Length < UdpPacket.HeaderLength) return TcpTracker.Outcome.Invalid;
        int length = BinaryPrimitives.ReadUInt16BigEndian(l4[UdpPacket.LengthOffset..]);
        if (length > l4.Length || length < UdpPacket.HeaderLength) return TcpTracker.Outcome.Invalid;
        var settings = table.Settings;
        if (!entry.IsConfirmed) entry.UdpStreamAfter = table.Now + 2 * Core.Engine.Simulation.Second;
        if (entry.HasStatus(ConntrackStatus.SeenReply))
        {
            bool stream = table.Now > entry.UdpStreamAfter;
            table.Refresh(entry, stream ? settings.UdpTimeoutStream : settings.UdpTimeout);
            if (stream && !entry.HasStatus(ConntrackStatus.Assured))
            {
                entry.SetStatus(ConntrackStatus.Assured);
                entry.PendingUpdate = true;
            }
        }
        else
        {
            table.Refresh(entry, settings.UdpTimeout);
        }
        return TcpTracker.Outcome.Accept;
    }

    /// <summary>
    /// nf_conntrack_icmpv4_error and nf_conntrack_inet_error: an ICMP error is RELATED to the
    /// connection of the packet it quotes, provided it is addressed to where that connection's
    /// packets in that direction go. Queries and answers are left to the normal tracker
    /// (<paramref name="handled"/> false).
    /// </summary>
    private Result IcmpError(Ipv4Packet ip, Span<byte> payload, bool atPrerouting, out bool handled)
    {
        handled = true;
        if (payload.Length < IcmpPacket.HeaderLength)
        {
            table.Statistics.Error++;
            return Result.NoConnection;
        }
        if (atPrerouting && !InternetChecksum.IsValid(payload))
        {
            table.Statistics.Error++;
            return Result.NoConnection;
        }
        byte type = payload[0];
        if (type > 18)
        {
            table.Statistics.Error++;
            return Result.NoConnection;
        }
        if (!IcmpRepr.IsErrorType((IcmpType)type))
        {
            handled = false;
            return Result.NoConnection;
        }

        var quoted = payload[IcmpPacket.HeaderLength..];
        if (Ipv4Repr.TryParseQuoted(quoted, ChecksumMode.Ignore, out var inner) != Core.Tracing.DropReason.None
            || !TryGetTuple(inner.Source, inner.Destination, (byte)inner.Protocol, quoted[inner.HeaderLength..], out var original)
            || !original.TryInvert(out var innerTuple))
        {
            table.Statistics.Error++;
            return Result.NoConnection;
        }
        var entry = table.Find(innerTuple, out var direction);
        if (entry is null || entry.Tuple(direction).Destination != ip.Destination)
        {
            table.Statistics.Error++;
            return Result.NoConnection;
        }
        return new Result(entry, direction == ConntrackDirection.Reply ? ConntrackInfo.RelatedReply : ConntrackInfo.Related, false);
    }
}
