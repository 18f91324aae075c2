using S = Simulator.Netfilter.Conntrack.TcpConntrackState;

namespace Simulator.Netfilter.Conntrack;

/// <summary>
/// The TCP state machine of net/netfilter/nf_conntrack_proto_tcp.c: the tcp_conntracks table of
/// transitions by direction, flag class and state, the timeout of each state, and ASSURED once a
/// handshake completes. Sequence-window checks (tcp_in_window) are not modelled: every segment
/// is taken as in window, which is what the kernel concludes for well-behaved endpoints.
/// </summary>
internal static class TcpTracker
{
    /// <summary>The class of a segment (<c>enum tcp_bit_set</c>), chosen by get_conntrack_index.</summary>
    private enum FlagClass { Syn, SynAck, Fin, Ack, Rst, None }

    private const byte FlagFin = 0x01, FlagSyn = 0x02, FlagRst = 0x04, FlagPsh = 0x08, FlagAck = 0x10, FlagUrg = 0x20;

    // tcp_conntracks[dir][class][state]; states in the order sNO sSS sSR sES sFW sCW sLA sTW sCL sS2.
    private static readonly S[,,] Transitions = new S[2, 6, 10]
    {
        {
            /* syn    */ { S.SynSent, S.SynSent, S.Ignore, S.Ignore, S.Ignore, S.Ignore, S.Ignore, S.SynSent, S.SynSent, S.SynSent2 },
            /* synack */ { S.Invalid, S.Invalid, S.SynRecv, S.Invalid, S.Invalid, S.Invalid, S.Invalid, S.Invalid, S.Invalid, S.SynRecv },
            /* fin    */ { S.Invalid, S.Invalid, S.FinWait, S.FinWait, S.LastAck, S.LastAck, S.LastAck, S.TimeWait, S.Close, S.Invalid },
            /* ack    */ { S.Established, S.Invalid, S.Established, S.Established, S.CloseWait, S.CloseWait, S.TimeWait, S.TimeWait, S.Close, S.Invalid },
            /* rst    */ { S.Invalid, S.Close, S.Close, S.Close, S.Close, S.Close, S.Close, S.Close, S.Close, S.Close },
            /* none   */ { S.Invalid, S.Invalid, S.Invalid, S.Invalid, S.Invalid, S.Invalid, S.Invalid, S.Invalid, S.Invalid, S.Invalid },
        },
        {
            /* syn    */ { S.Invalid, S.SynSent2, S.Invalid, S.Invalid, S.Invalid, S.Invalid, S.Invalid, S.SynSent, S.Invalid, S.SynSent2 },
            /* synack */ { S.Invalid, S.SynRecv, S.Ignore, S.Ignore, S.Ignore, S.Ignore, S.Ignore, S.Ignore, S.Ignore, S.SynRecv },
            /* fin    */ { S.Invalid, S.Invalid, S.FinWait, S.FinWait, S.LastAck, S.LastAck, S.LastAck, S.TimeWait, S.Close, S.Invalid },
            /* ack    */ { S.Invalid, S.Ignore, S.SynRecv, S.Established, S.CloseWait, S.CloseWait, S.TimeWait, S.TimeWait, S.Close, S.Ignore },
            /* rst    */ { S.Invalid, S.Close, S.Close, S.Close, S.Close, S.Close, S.Close, S.Close, S.Close, S.Close },
            /* none   */ { S.Invalid, S.Invalid, S.Invalid, S.Invalid, S.Invalid, S.Invalid, S.Invalid, S.Invalid, S.Invalid, S.Invalid },
        },
    };

    private static FlagClass Classify(byte flags) =>
        (flags & FlagRst) != 0 ? FlagClass.Rst
        : (flags & FlagSyn) != 0 ? ((flags & FlagAck) != 0 ? FlagClass.SynAck : FlagClass.Syn)
        : (flags & FlagFin) != 0 ? FlagClass.Fin
        : (flags & FlagAck) != 0 ? FlagClass.Ack
        : FlagClass.None;

    /// <summary>tcp_error's flag check (tcp_valid_flags): combinations no TCP sends are invalid.</summary>
    public static bool ValidFlags(byte flags)
    {
        int f = flags & (FlagFin | FlagSyn | FlagRst | FlagAck | FlagUrg | FlagPsh) & ~FlagPsh;
        return f switch
        {
            FlagSyn or FlagSyn | FlagUrg or FlagSyn | FlagAck or FlagRst or FlagRst | FlagAck
                or FlagFin | FlagAck or FlagFin | FlagAck | FlagUrg or FlagAck or FlagAck | FlagUrg => true,
            _ => false,
        };
    }

    /// <summary>tcp_new: may this segment start a connection? Sets the initial state if so.</summary>
    public static bool New(ConntrackEntry entry, byte flags, ConntrackSettings settings)
    {
        var state = Transitions[0, (int)Classify(flags), (int)S.None];
        if (state >= S.Invalid) return false;
        if (state != S.SynSent && settings.TcpLoose == 0) return false;
        entry.TcpState = S.None;
        return true;
    }

    /// <summary>What <see cref="Packet"/> decided.</summary>
    public enum Outcome { Accept, Invalid, Reopen }

    /// <summary>
    /// nf_conntrack_tcp_packet for a segment of <paramref name="entry"/> in <paramref name="direction"/>:
    /// moves the state, refreshes the timeout, sets ASSURED, and kills the entry when the only
    /// answer to a connection attempt is a reset.
    /// </summary>
    public static Outcome Packet(ConntrackTable table, ConntrackEntry entry, ConntrackDirection direction, byte flags)
    {
        var settings = table.Settings;
        var old = entry.TcpState;
        var cls = Classify(flags);
        var next = Transitions[(int)direction, (int)cls, (int)old];

        switch (next)
        {
            case S.SynSent when old >= S.TimeWait:
                // An attempt to reopen a closed or aborted connection: forget the old one.
                if (entry.TcpCloseInit || (entry.TcpLastDirection == direction && entry.TcpLastWasReset))
                {
                    table.Kill(entry);
                    return Outcome.Reopen;
                }
                break;
            case S.Ignore:
                return Outcome.Accept;
            case S.Invalid:
                return Outcome.Invalid;
        }

        entry.TcpLastDirection = direction;
        entry.TcpLastWasReset = cls == FlagClass.Rst;
        entry.TcpState = next;
        if (old != next && next == S.FinWait) entry.TcpCloseInit = true;

        int timeout = cls == FlagClass.Rst ? settings.TcpTimeoutClose : settings.TcpTimeout(next);
        if (old != next) entry.PendingUpdate = true;

        if (!entry.HasStatus(ConntrackStatus.SeenReply))
        {
            // "If only reply is a RST, we can consider ourselves not to have an established
            // connection": the entry goes at once.
            if (cls == FlagClass.Rst)
            {
                table.Kill(entry);
                return Outcome.Accept;
            }
            if (cls == FlagClass.Syn && old == S.SynSent) return Outcome.Accept; // no refresh on SYN retransmit
            if (next == S.Established) timeout = Math.Min(timeout, settings.TcpTimeoutUnacknowledged);
        }
        else if (!entry.HasStatus(ConntrackStatus.Assured) && old is S.SynRecv or S.Established && next == S.Established)
        {
            entry.SetStatus(ConntrackStatus.Assured);
            entry.PendingUpdate = true;
        }
        table.Refresh(entry, timeout);
        return Outcome.Accept;
    }
}
