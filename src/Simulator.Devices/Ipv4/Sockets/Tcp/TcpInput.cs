using Simulator.Core.Tracing;
using Simulator.Core.Wire;

namespace Simulator.Devices.Ipv4.Sockets.Tcp;

/// <summary>What became of a segment: consumed, or dropped for a reason; and whether to answer it with a reset.</summary>
internal readonly record struct SegmentVerdict(DropReason Reason, bool SendReset = false)
{
    public static readonly SegmentVerdict Consumed = new(DropReason.None);
    public static SegmentVerdict Drop(DropReason reason) => new(reason);
    public static SegmentVerdict Reset(DropReason reason) => new(reason, SendReset: true);
}

/// <summary>
/// The receive side of a connected socket (net/ipv4/tcp_input.c): tcp_rcv_synsent_state_process
/// for SYN_SENT, tcp_validate_incoming (sequence check, RST and SYN checks of RFC 5961),
/// tcp_ack, the state changes an ACK of our FIN brings, tcp_data_queue and tcp_fin, and the
/// TIME_WAIT rules of tcp_timewait_state_process. Out-of-order data is not kept: it is dropped
/// and acknowledged at once, and the sender's retransmission fills the hole.
/// </summary>
internal sealed class TcpInput(TcpSocket s)
{
    /// <summary>What a TIME_WAIT socket makes of a segment.</summary>
    public enum TimeWaitVerdict { Done, NewSyn }

    public SegmentVerdict Process(TcpSegment segment)
    {
        switch (s.State)
        {
            case TcpState.Close:
                return SegmentVerdict.Reset(DropReason.TcpClose);
            case TcpState.SynSent:
                return SynSent(segment);
        }
        return Synchronized(segment);
    }

    // ----- SYN_SENT -----

    /// <summary>tcp_rcv_synsent_state_process (RFC 9293 3.10.7.3).</summary>
    private SegmentVerdict SynSent(TcpSegment segment)
    {
        if (segment.Ack)
        {
            // An ACK of something we never sent: reset, unless it is a reset itself.
            if (!SequenceNumbers.After(segment.AckSeq, s.Iss) || SequenceNumbers.After(segment.AckSeq, s.SndNxt))
                return segment.Rst ? SegmentVerdict.Drop(DropReason.TcpFlags) : SegmentVerdict.Reset(DropReason.TcpFlags);
            if (segment.Rst)
            {
                Reset();
                return SegmentVerdict.Drop(DropReason.TcpReset);
            }
            if (!segment.Syn) return SegmentVerdict.Drop(DropReason.TcpFlags);

            // A SYN-ACK: the connection is established.
            LearnPeerOptions(segment);
            s.Irs = segment.Seq;
            s.RcvNxt = segment.Seq + 1;
            s.RcvWup = s.RcvNxt;
            s.SndUna = segment.AckSeq;
            // The window of a SYN-ACK is never scaled (RFC 7323 2.2).
            s.SndWnd = segment.Header.WindowSize;
            s.SndWl1 = segment.Seq;
            s.MaxWindow = s.SndWnd;
            s.Output.MeasureRtt(segment.AckSeq, segment, s.Rtt);
            s.Timers.OnNewDataAcked(s.Rtt, allAcked: true);
            if (s.Timers.Retransmits > 1) s.Cwnd = 1;
            s.SetState(TcpState.Established);
            s.Wake();
            // Data written while connecting goes now and carries the ACK; else a bare ACK.
            if (s.SendBuffer.Length > 0) s.Output.WriteXmit();
            else s.Output.SendAck();
            return SegmentVerdict.Consumed;
        }
        if (segment.Rst) return SegmentVerdict.Drop(DropReason.TcpReset);
        if (segment.Syn)
        {
            // Simultaneous open (RFC 9293 figure 7): both sent SYNs; answer with a SYN-ACK.
            LearnPeerOptions(segment);
            s.Irs = segment.Seq;
            s.RcvNxt = segment.Seq + 1;
            s.RcvWup = s.RcvNxt;
            s.SndWnd = segment.Header.WindowSize;
            s.SndWl1 = segment.Seq;
            s.MaxWindow = s.SndWnd;
            s.SetState(TcpState.SynRecv);
            s.Output.SendSynAck();
            return SegmentVerdict.Consumed;
        }
        return SegmentVerdict.Drop(DropReason.TcpFlags);
    }

    /// <summary>
    /// What the peer's SYN or SYN-ACK says (tcp_rcv_synsent_state_process, tcp_sync_mss): window
    /// scaling, timestamps and SACK only if both ends offered them; the MSS it takes.
    /// </summary>
    private void LearnPeerOptions(TcpSegment segment)
    {
        var options = segment.Options;
        var settings = s.Settings;
        if (options.WindowScale >= 0 && settings.WindowScaling != 0)
        {
            s.SndWscale = options.WindowScale;
        }
        else
        {
            s.SndWscale = 0;
            s.RcvWscale = 0;
        }
        s.TimestampsOk = options.HasTimestamp && settings.Timestamps != 0;
        if (s.TimestampsOk) s.TsRecent = options.TsVal;
        s.SackOk = options.SackPermitted && settings.Sack != 0;
        s.MssClamp = options.Mss != 0 ? options.Mss : TcpSocket.DefaultMss;
        s.MssCache = Math.Min(s.MssClamp, s.AdvMss) - (s.TimestampsOk ? TcpOptions.TimestampSpace : 0);
    }

    // ----- synchronized states -----

    private SegmentVerdict Synchronized(TcpSegment segment)
    {
        if (s.State == TcpState.TimeWait) return SegmentVerdict.Drop(DropReason.TcpClose);

        // PAWS (RFC 7323 5): a timestamp older than the last one seen marks an old duplicate.
        if (s.TimestampsOk && segment.Options.HasTimestamp && !segment.Rst &&
            (int)(segment.Options.TsVal - s.TsRecent) < 0)
        {
            s.Output.SendAck();
            return SegmentVerdict.Drop(DropReason.TcpInvalidSequence);
        }

        // tcp_sequence: the segment must overlap the window offered.
        if (!Acceptable(segment))
        {
            if (!segment.Rst)
            {
                if (segment.Syn) s.Output.SendChallengeAck();
                else s.Output.SendAck();
            }
            return SegmentVerdict.Drop(DropReason.TcpInvalidSequence);
        }

        // RFC 5961 3.2: only a reset exactly at rcv_nxt is taken; one elsewhere in the window gets a challenge ACK.
        if (segment.Rst)
        {
            if (segment.Seq == s.RcvNxt) Reset();
            else s.Output.SendChallengeAck();
            return SegmentVerdict.Drop(DropReason.TcpReset);
        }

        // tcp_replace_ts_recent: remember the peer's timestamp for segments at or before the left edge.
        if (s.TimestampsOk && segment.Options.HasTimestamp && !SequenceNumbers.After(segment.Seq, s.RcvWup))
            s.TsRecent = segment.Options.TsVal;

        // RFC 5961 4.2: a SYN on a synchronized connection gets a challenge ACK.
        if (segment.Syn)
        {
            s.Output.SendChallengeAck();
            return SegmentVerdict.Drop(DropReason.TcpInvalidSyn);
        }
        if (!segment.Ack) return SegmentVerdict.Drop(DropReason.TcpFlags);

        if (s.State == TcpState.SynRecv)
        {
            // The last step of a simultaneous open.
            if (!SequenceNumbers.Between(segment.AckSeq, s.SndUna + 1, s.SndNxt)) return SegmentVerdict.Reset(DropReason.TcpFlags);
            s.SetState(TcpState.Established);
            s.Wake();
        }

        var ackResult = ProcessAck(segment);
        if (ackResult != DropReason.None)
        {
            if (s.State != TcpState.Established) s.Output.SendChallengeAck();
            return SegmentVerdict.Drop(ackResult);
        }

        // tcp_rcv_state_process step 5: what an ACK of our FIN changes.
        bool finAcked = s.FinSent && s.SndUna == s.FinSeq + 1;
        switch (s.State)
        {
            case TcpState.FinWait1 when finAcked:
                s.SetState(TcpState.FinWait2);
                s.ShutdownFlags |= TcpShutdown.Send;
                s.Timers.ArmFinWait2();
                s.Wake();
                break;
            case TcpState.Closing when finAcked:
                EnterTimeWait();
                return SegmentVerdict.Consumed;
            case TcpState.LastAck when finAcked:
                s.Done();
                return SegmentVerdict.Consumed;
        }

        // Step 7: the segment's text.
        DropReason dataResult = DropReason.None;
        bool outOfOrder = false;
        switch (s.State)
        {
            case TcpState.CloseWait or TcpState.Closing or TcpState.LastAck
                when !SequenceNumbers.Before(segment.Seq, s.RcvNxt):
                // The peer's FIN came already; anything after it is ignored.
                break;
            case TcpState.CloseWait or TcpState.Closing or TcpState.LastAck or TcpState.FinWait1 or TcpState.FinWait2
                when (s.ShutdownFlags & TcpShutdown.Receive) != 0 && segment.Payload.Length > 0 &&
                     SequenceNumbers.After(segment.EndSeq - (segment.Fin ? 1u : 0u), s.RcvNxt):
                // RFC 1122 4.2.2.13: new data for a program that will never read it resets the connection.
                Reset();
                return SegmentVerdict.Reset(DropReason.TcpAbortOnData);
            case TcpState.Established or TcpState.FinWait1 or TcpState.FinWait2 or TcpState.CloseWait
                or TcpState.Closing or TcpState.LastAck:
                dataResult = QueueData(segment, out outOfOrder);
                break;
        }
        if (s.State is not (TcpState.Close or TcpState.TimeWait))
        {
            s.Output.WriteXmit();
            s.DelayedAck.Check(outOfOrder);
        }
        return dataResult == DropReason.None ? SegmentVerdict.Consumed : SegmentVerdict.Drop(dataResult);
    }

    /// <summary>tcp_sequence: some of the segment falls in [rcv_wup, rcv_nxt + window].</summary>
    private bool Acceptable(TcpSegment segment)
    {
        uint windowEnd = s.RcvNxt + ReceiveWindow();
        return !SequenceNumbers.Before(segment.EndSeq, s.RcvWup) && !SequenceNumbers.After(segment.Seq, windowEnd);
    }

    private uint ReceiveWindow()
    {
        int left = (int)(s.RcvWup + s.RcvWnd - s.RcvNxt);
        return left < 0 ? 0u : (uint)left;
    }

    /// <summary>
    /// tcp_ack: an ACK beyond what was sent is refused; one older than a window is refused with a
    /// challenge (RFC 5961 5.2); a new one frees acknowledged data, samples the RTT, grows the
    /// congestion window and restarts the timers; the peer's window is taken under the rules of
    /// tcp_may_update_window.
    /// </summary>
    private DropReason ProcessAck(TcpSegment segment)
    {
        uint ack = segment.AckSeq;
        if (SequenceNumbers.After(ack, s.SndMax)) return DropReason.TcpAckUnsentData;
        if (SequenceNumbers.Before(ack, s.SndUna))
        {
            if (SequenceNumbers.Before(ack, s.SndUna - s.MaxWindow))
            {
                s.Output.SendChallengeAck();
                return DropReason.TcpTooOldAck;
            }
            return DropReason.None;
        }

        uint window = (uint)segment.Header.WindowSize << s.SndWscale;
        if (SequenceNumbers.After(ack, s.SndUna) || SequenceNumbers.After(segment.Seq, s.SndWl1) ||
            (segment.Seq == s.SndWl1 && (window > s.SndWnd || window == 0)))
        {
            bool opened = s.SndWnd == 0 && window > 0;
            s.SndWnd = window;
            s.SndWl1 = segment.Seq;
            if (window > s.MaxWindow) s.MaxWindow = window;
            if (opened) s.Timers.CancelProbe();
        }

        if (SequenceNumbers.After(ack, s.SndUna))
        {
            int acked = (int)(ack - s.SndUna);
            s.Output.MeasureRtt(ack, segment, s.Rtt);
            s.SndUna = ack;
            s.SendBuffer.AcknowledgeTo(ack);
            if (SequenceNumbers.Before(s.SndNxt, ack)) s.SndNxt = ack;
            // Slow start below ssthresh, then about one segment per round trip (RFC 5681).
            int segments = Math.Max(1, acked / Math.Max(s.MssCache, 1));
            s.Cwnd = s.Cwnd < s.Ssthresh / Math.Max(s.MssCache, 1)
                ? s.Cwnd + segments
                : s.Cwnd + Math.Max(1, segments / Math.Max(s.Cwnd, 1));
            s.Timers.OnNewDataAcked(s.Rtt, allAcked: s.SndUna == s.SndMax);
        }
        return DropReason.None;
    }

    /// <summary>
    /// tcp_data_queue: in-order data joins the receive queue (and wakes the program); a FIN at
    /// rcv_nxt ends the stream; a repeat of old data, data past the window or past a hole is
    /// dropped and acknowledged at once.
    /// </summary>
    private DropReason QueueData(TcpSegment segment, out bool outOfOrder)
    {
        outOfOrder = false;
        var payload = segment.Payload;
        if (payload.Length == 0 && !segment.Fin) return DropReason.None;
        uint seq = segment.Seq;

        if (!SequenceNumbers.After(segment.EndSeq, s.RcvNxt))
        {
            // A retransmission of what we have: our ACK was lost; ACK now.
            s.DelayedAck.EnterQuickAckMode();
            s.DelayedAck.Schedule();
            return DropReason.TcpOldData;
        }
        if (!SequenceNumbers.Before(seq, s.RcvNxt + ReceiveWindow()) && payload.Length > 0)
        {
            s.DelayedAck.EnterQuickAckMode();
            s.DelayedAck.Schedule();
            return DropReason.TcpOverWindow;
        }
        if (SequenceNumbers.After(seq, s.RcvNxt))
        {
            s.DelayedAck.Schedule();
            outOfOrder = true;
            return DropReason.TcpOfoDrop;
        }

        // In order, perhaps overlapping what we have: keep the new part.
        int skip = (int)(s.RcvNxt - seq);
        if (skip > 0 && payload.Length > 0) payload = payload.AsSpan(Math.Min(skip, payload.Length)).ToArray();
        if (payload.Length > 0)
        {
            if (ReceiveWindow() == 0)
            {
                s.DelayedAck.EnterQuickAckMode();
                s.DelayedAck.Schedule();
                return DropReason.TcpOverWindow;
            }
            s.ReceiveBuffer.Append(payload);
            s.RcvNxt += (uint)payload.Length;
            s.DelayedAck.Schedule();
            s.DelayedAck.OnDataReceived(payload.Length);
            s.Wake();
        }
        if (segment.Fin) ReceiveFin();
        return DropReason.None;
    }

    /// <summary>
    /// tcp_fin: the peer will send no more. Established becomes CLOSE_WAIT (and ping-pong mode, so
    /// the ACK can ride on the program's own FIN); FIN_WAIT1 becomes CLOSING and FIN_WAIT2
    /// TIME_WAIT, both acknowledging at once.
    /// </summary>
    private void ReceiveFin()
    {
        s.RcvNxt++;
        s.FinReceived = true;
        s.DelayedAck.Schedule();
        switch (s.State)
        {
            case TcpState.Established:
                s.SetState(TcpState.CloseWait);
                s.DelayedAck.EnterPingpongMode();
                break;
            case TcpState.FinWait1:
                s.Output.SendAck();
                s.SetState(TcpState.Closing);
                break;
            case TcpState.FinWait2:
                s.Output.SendAck();
                EnterTimeWait();
                break;
        }
        s.Wake();
    }

    /// <summary>tcp_time_wait: the connection lingers TCP_TIMEWAIT_LEN to absorb a lost final ACK.</summary>
    private void EnterTimeWait()
    {
        s.SetState(TcpState.TimeWait);
        s.ShutdownFlags = TcpShutdown.Both;
        s.Timers.ArmTimeWait();
        s.Wake();
    }

    /// <summary>
    /// tcp_reset: the peer reset the connection. The program learns ECONNREFUSED while connecting,
    /// EPIPE after the peer's FIN, ECONNRESET otherwise.
    /// </summary>
    private void Reset()
    {
        var error = s.State switch
        {
            TcpState.SynSent => Errno.ECONNREFUSED,
            TcpState.CloseWait => Errno.EPIPE,
            TcpState.Close => (Errno?)null,
            _ => Errno.ECONNRESET,
        };
        if (error is null) return;
        // The unsent data goes (tcp_write_queue_purge); what was received can still be read.
        s.Error = error;
        s.SendBuffer.AcknowledgeTo(s.SendBuffer.EndSeq);
        s.Done();
    }

    // ----- TIME_WAIT -----

    /// <summary>
    /// tcp_timewait_state_process: a reset ends TIME_WAIT (RFC 1337 protection is off by default);
    /// a new SYN beyond the old sequence space may open a new connection; a bare ACK in sequence
    /// restarts the timer; anything else — a retransmitted FIN — is acknowledged again.
    /// </summary>
    public TimeWaitVerdict TimeWait(TcpSegment segment, out DropReason reason)
    {
        reason = DropReason.None;
        if (segment.Rst)
        {
            if (segment.Seq == s.RcvNxt)
            {
                s.SetState(TcpState.Close);
                s.Destroy();
            }
            reason = DropReason.TcpReset;
            return TimeWaitVerdict.Done;
        }
        if (segment.Syn && !segment.Ack && SequenceNumbers.After(segment.Seq, s.RcvNxt))
        {
            s.SetState(TcpState.Close);
            s.Destroy();
            return TimeWaitVerdict.NewSyn;
        }
        if (segment.Seq == s.RcvNxt && segment.Payload.Length == 0 && !segment.Fin && !segment.Syn)
        {
            s.Timers.ArmTimeWait();
            return TimeWaitVerdict.Done;
        }
        s.Output.SendAck();
        if (segment.Ack) s.Timers.ArmTimeWait();
        reason = segment.Fin ? DropReason.None : DropReason.TcpInvalidSequence;
        return TimeWaitVerdict.Done;
    }

    // ----- ICMP -----

    /// <summary>
    /// tcp_v4_err: an ICMP error about a segment this socket sent (its sequence number must be in
    /// flight). Fragmentation needed shrinks the MSS and resends. While connecting, any error ends
    /// the attempt; once connected it is only remembered (sk_err_soft), for a later timeout.
    /// </summary>
    public void IcmpError(IcmpType type, byte code, uint seq, ushort nextHopMtu)
    {
        if (s.State is TcpState.Close or TcpState.Listen or TcpState.TimeWait) return;
        if (!SequenceNumbers.Between(seq, s.SndUna, s.SndMax)) return;
        Errno error;
        switch (type)
        {
            case IcmpType.DestinationUnreachable:
                if (code == (byte)IcmpUnreachableCode.FragmentationNeeded)
                {
                    ReduceMss(nextHopMtu);
                    return;
                }
                if (!IcmpErrors.TryConvert(code, out error, out _)) return;
                break;
            case IcmpType.TimeExceeded:
                error = Errno.EHOSTUNREACH;
                break;
            case IcmpType.ParameterProblem:
                error = Errno.EPROTO;
                break;
            default:
                return;
        }
        if (s.State is TcpState.SynSent or TcpState.SynRecv)
        {
            s.Error = error;
            s.Done();
            return;
        }
        s.SoftError = error;
    }

    /// <summary>tcp_v4_mtu_reduced: segments shrink to fit the path, and what is in flight goes again.</summary>
    private void ReduceMss(ushort mtu)
    {
        if (mtu < 68) return;
        int mss = mtu - 40 - (s.TimestampsOk ? TcpOptions.TimestampSpace : 0);
        if (mss >= s.MssCache) return;
        s.MssCache = Math.Max(mss, 48);
        if (s.State is TcpState.SynSent or TcpState.SynRecv) return;
        s.Output.RetransmitHead();
    }
}
