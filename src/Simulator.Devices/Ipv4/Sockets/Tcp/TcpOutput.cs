using Simulator.Core.Wire;
using Simulator.Devices.Links;

namespace Simulator.Devices.Ipv4.Sockets.Tcp;

/// <summary>
/// What a socket sends (net/ipv4/tcp_output.c): the SYN, data within the peer's and the
/// congestion window (Nagle with Minshall's rule), FIN, ACKs with the window it offers, resets and
/// window probes, each with the options Linux puts in that kind of segment, under an IPv4 header
/// whose identification counts up per socket from a random start.
/// </summary>
internal sealed class TcpOutput(TcpSocket s)
{
    /// <summary>tcp_invalid_ratelimit: at most one challenge ACK per socket this often.</summary>
    private const long OutOfWindowAckInterval = 500 * Core.Engine.Simulation.Millisecond;

    private long _lastOutOfWindowAck = long.MinValue / 2;
    /// <summary>The segment being timed for an RTT sample (Karn: never a retransmitted one).</summary>
    private uint _timedSeq;
    private long _timedAt;
    private bool _timing;

    /// <summary>ipv4_default_advmss: the route's MTU less the IPv4 and TCP headers, at most 65535 - 40.</summary>
    public static int AdvertisedMss(NetDevice device) => Math.Clamp(device.Mtu - 40, 256, 65535 - 40);

    /// <summary>
    /// tcp_select_initial_window: the receive space of a new socket, rounded down to whole
    /// segments of <paramref name="mss"/> (64240 for 1460, 65160 for 1448).
    /// </summary>
    public static uint InitialWindow(TcpSettings settings, int mss)
    {
        int space = settings.InitialReceiveSpace;
        if (space > mss) space = space / mss * mss;
        return (uint)space;
    }

    private TcpOptions EstablishedOptions() =>
        s.TimestampsOk ? new TcpOptions { HasTimestamp = true, TsVal = s.TsNow, TsEcr = s.TsRecent } : new TcpOptions();

    // ----- handshake -----

    /// <summary>tcp_connect / a SYN retransmission: MSS, SACK permitted, timestamps, window scale, as configured.</summary>
    public void SendSyn(bool retransmission = false)
    {
        var settings = s.Settings;
        var options = new TcpOptions
        {
            Mss = (ushort)s.AdvMss,
            SackPermitted = settings.Sack != 0,
            HasTimestamp = settings.Timestamps != 0,
            TsVal = s.TsNow,
            WindowScale = settings.WindowScaling != 0 ? s.RcvWscale : -1,
        };
        s.SndNxt = s.Iss + 1;
        if (SequenceNumbers.After(s.SndNxt, s.SndMax)) s.SndMax = s.SndNxt;
        Transmit(TcpFlags.Syn, s.Iss, ReadOnlySpan<byte>.Empty, options, (ushort)Math.Min(s.RcvWnd, 65535u));
        if (!retransmission) StartTiming(s.Iss);
        s.Timers.ArmRetransmit();
    }

    /// <summary>The SYN-ACK of a simultaneous open: the options agreed from the peer's SYN.</summary>
    public void SendSynAck()
    {
        var options = new TcpOptions
        {
            Mss = (ushort)s.AdvMss,
            SackPermitted = s.SackOk,
            HasTimestamp = s.TimestampsOk,
            TsVal = s.TsNow,
            TsEcr = s.TsRecent,
            WindowScale = s.SndWscale > 0 || s.RcvWscale > 0 ? s.RcvWscale : -1,
        };
        s.SndNxt = s.Iss + 1;
        if (SequenceNumbers.After(s.SndNxt, s.SndMax)) s.SndMax = s.SndNxt;
        Transmit(TcpFlags.Syn | TcpFlags.Ack, s.Iss, ReadOnlySpan<byte>.Empty, options, (ushort)Math.Min(s.RcvWnd, 65535u));
        s.DelayedAck.OnAckSent();
        s.Timers.ArmRetransmit();
    }

    // ----- data -----

    /// <summary>
    /// tcp_write_xmit: sends queued data while the peer's window and the congestion window have
    /// room, in segments of at most the MSS; the segment that empties the queue carries PSH, and
    /// the FIN when one is queued. A short segment waits while an earlier short one is unacknowledged
    /// (tcp_nagle_check, Minshall's variant), unless it carries the FIN.
    /// </summary>
    public void WriteXmit()
    {
        if (s.State is not (TcpState.Established or TcpState.CloseWait or TcpState.FinWait1 or TcpState.Closing or TcpState.LastAck))
            return;
        while (true)
        {
            int unsent = (int)(s.SendBuffer.EndSeq - s.SndNxt);
            if (unsent <= 0)
            {
                if (s.FinQueued && s.SndNxt == s.FinSeq) SendFinSegment();
                return;
            }
            int inFlight = (int)(s.SndNxt - s.SndUna);
            long windowRoom = (int)(s.SndUna + s.SndWnd - s.SndNxt);
            long cwndRoom = (long)s.Cwnd * s.MssCache - inFlight;
            int length = (int)Math.Min(Math.Min(unsent, s.MssCache), Math.Min(windowRoom, cwndRoom));
            if (length <= 0)
            {
                // Nothing in flight and no window: only a probe will learn when it opens (tcp_check_probe_timer).
                if (windowRoom <= 0 && inFlight == 0) s.Timers.ArmProbe();
                return;
            }
            bool last = length == unsent;
            bool fin = last && s.FinQueued;
            if (last && length < s.MssCache && !fin && NagleHolds()) return;
            SendData(s.SndNxt, length, psh: last, fin: fin);
        }
    }

    /// <summary>tcp_minshall_check: an earlier short segment is still unacknowledged.</summary>
    private bool NagleHolds() =>
        SequenceNumbers.After(s.SndSml, s.SndUna) && !SequenceNumbers.After(s.SndSml, s.SndNxt);

    private void SendData(uint seq, int length, bool psh, bool fin)
    {
        var flags = TcpFlags.Ack | (psh ? TcpFlags.Psh : 0) | (fin ? TcpFlags.Fin : 0);
        bool retransmission = SequenceNumbers.Before(seq, s.SndMax);
        Transmit(flags, seq, s.SendBuffer.Slice(seq, length), EstablishedOptions(), SelectWindow());
        s.SndNxt = seq + (uint)length + (fin ? 1u : 0u);
        if (SequenceNumbers.After(s.SndNxt, s.SndMax)) s.SndMax = s.SndNxt;
        if (length < s.MssCache) s.SndSml = seq + (uint)length;
        if (!retransmission) StartTiming(seq);
        else if (_timing && !SequenceNumbers.Before(_timedSeq, seq)) _timing = false;
        s.DelayedAck.OnDataSent();
        s.DelayedAck.OnAckSent();
        s.Timers.ArmRetransmitIfIdle();
    }

    /// <summary>tcp_send_fin: queues the FIN after the data written so far and sends what it can.</summary>
    public void SendFin()
    {
        s.FinQueued = true;
        WriteXmit();
    }

    private void SendFinSegment()
    {
        Transmit(TcpFlags.Fin | TcpFlags.Ack, s.FinSeq, ReadOnlySpan<byte>.Empty, EstablishedOptions(), SelectWindow());
        s.SndNxt = s.FinSeq + 1;
        if (SequenceNumbers.After(s.SndNxt, s.SndMax)) s.SndMax = s.SndNxt;
        s.DelayedAck.OnAckSent();
        s.Timers.ArmRetransmitIfIdle();
    }

    /// <summary>
    /// tcp_retransmit_timer's resend after a timeout: the oldest unacknowledged segment — the SYN,
    /// the SYN-ACK, data from snd_una, or the FIN. What followed it goes again as ACKs allow.
    /// </summary>
    public void RetransmitHead()
    {
        _timing = false;
        switch (s.State)
        {
            case TcpState.SynSent:
                SendSyn(retransmission: true);
                return;
            case TcpState.SynRecv:
                SendSynAck();
                return;
        }
        s.SndNxt = s.SndUna;
        int unsent = (int)(s.SendBuffer.EndSeq - s.SndUna);
        if (unsent > 0)
        {
            int length = Math.Min(unsent, s.MssCache);
            SendData(s.SndUna, length, psh: length == unsent, fin: length == unsent && s.FinQueued);
        }
        else if (s.FinQueued)
        {
            SendFinSegment();
        }
    }

    // ----- control segments -----

    /// <summary>tcp_send_ack: a bare ACK with the current window.</summary>
    public void SendAck()
    {
        // A socket in TIME_WAIT answers through the kernel's control socket (tcp_v4_timewait_ack):
        // identification 0, as any DF packet of a socket with no peer.
        ushort? id = s.State == TcpState.TimeWait ? (ushort)0 : null;
        Transmit(TcpFlags.Ack, s.SndMax, ReadOnlySpan<byte>.Empty, EstablishedOptions(), SelectWindow(), id);
        s.DelayedAck.OnAckSent();
    }

    /// <summary>tcp_send_challenge_ack (RFC 5961): an ACK that tells a blind attacker nothing, at most one per 500 ms.</summary>
    public void SendChallengeAck()
    {
        long now = s.Simulation.Now;
        if (now - _lastOutOfWindowAck < OutOfWindowAckInterval) return;
        _lastOutOfWindowAck = now;
        SendAck();
    }

    /// <summary>tcp_send_active_reset: RST|ACK at snd_nxt, with timestamps like any segment of the socket.</summary>
    public void SendActiveReset() =>
        Transmit(TcpFlags.Rst | TcpFlags.Ack, s.SndMax, ReadOnlySpan<byte>.Empty, EstablishedOptions(), SelectWindow());

    /// <summary>tcp_xmit_probe_skb: a zero-window probe, an ACK one below snd_una that the peer must answer.</summary>
    public void SendWindowProbe() =>
        Transmit(TcpFlags.Ack, s.SndUna - 1, ReadOnlySpan<byte>.Empty, EstablishedOptions(), SelectWindow());

    /// <summary>
    /// tcp_cleanup_rbuf after the program read: an ACK goes now if one was owed for more than a
    /// full segment, or if the window it can offer has at least doubled.
    /// </summary>
    public void CleanupReceiveBuffer()
    {
        if (s.State is TcpState.Close or TcpState.Listen or TcpState.SynSent) return;
        bool timeToAck = s.DelayedAck.Pending && s.RcvNxt - s.RcvWup > s.RcvMss;
        if (!timeToAck && (s.ShutdownFlags & TcpShutdown.Receive) == 0)
        {
            uint now = ReceiveWindowNow();
            if (2L * now <= WindowClamp)
            {
                uint offered = ComputeWindow();
                if (offered != 0 && offered >= 2L * now) timeToAck = true;
            }
        }
        if (timeToAck) SendAck();
    }

    // ----- the window offered -----

    private long WindowClamp => Math.Min(65535L << s.RcvWscale, s.Settings.RmemMax / 2);

    /// <summary>tcp_receive_window: what is left of the window last offered.</summary>
    private uint ReceiveWindowNow()
    {
        int left = (int)(s.RcvWup + s.RcvWnd - s.RcvNxt);
        return left < 0 ? 0u : (uint)left;
    }

    /// <summary>
    /// __tcp_select_window: the free receive space, at most rcv_ssthresh, rounded up to the scale
    /// unit so that scaling does not announce less; nothing when less than a segment is free and
    /// the buffer is more than half full.
    /// </summary>
    private uint ComputeWindow()
    {
        long space = s.Settings.InitialReceiveSpace;
        long free = space - s.ReceiveBuffer.Length;
        if (free < space / 2 && free < s.RcvMss) return 0;
        long window = Math.Min(Math.Max(free, 0), s.RcvSsthresh);
        if (s.RcvWscale > 0)
        {
            long unit = 1L << s.RcvWscale;
            window = (window + unit - 1) / unit * unit;
        }
        return (uint)window;
    }

    /// <summary>tcp_select_window: never shrink what was offered; remember it as rcv_wnd from rcv_nxt.</summary>
    private ushort SelectWindow()
    {
        uint current = ReceiveWindowNow();
        uint window = ComputeWindow();
        if (window < current && s.RcvWscale > 0)
        {
            long unit = 1L << s.RcvWscale;
            window = (uint)((current + unit - 1) / unit * unit);
        }
        else if (window < current)
        {
            window = current;
        }
        s.RcvWnd = window;
        s.RcvWup = s.RcvNxt;
        return (ushort)Math.Min(window >> s.RcvWscale, 65535u);
    }

    // ----- round-trip timing -----

    private void StartTiming(uint seq)
    {
        if (_timing) return;
        _timing = true;
        _timedSeq = seq;
        _timedAt = s.Simulation.Now;
    }

    /// <summary>
    /// tcp_ack_update_rtt: a sample when the ACK covers the timed segment; when that segment was
    /// sent again, the echoed timestamp gives one instead (RFC 7323 4.1), in milliseconds.
    /// </summary>
    public void MeasureRtt(uint ack, TcpSegment segment, RttEstimator rtt)
    {
        if (_timing && SequenceNumbers.After(ack, _timedSeq))
        {
            _timing = false;
            rtt.Sample(s.Simulation.Now - _timedAt);
            return;
        }
        if (s.TimestampsOk && segment.Options.HasTimestamp && segment.Options.TsEcr != 0)
        {
            long milliseconds = (int)(s.TsNow - segment.Options.TsEcr);
            if (milliseconds >= 0) rtt.Sample(Math.Max(milliseconds, 1) * Core.Engine.Simulation.Millisecond);
        }
    }

    // ----- the wire -----

    /// <summary>
    /// tcp_transmit_skb and ip_queue_xmit: the header with rcv_nxt as acknowledgment, the options,
    /// the payload, an IPv4 header with DF and the socket's next identification, then OUTPUT and
    /// on. A route that is gone loses the segment, which the retransmission timer covers.
    /// </summary>
    private void Transmit(TcpFlags flags, uint seq, ReadOnlySpan<byte> payload, in TcpOptions options, ushort window,
        ushort? identification = null)
    {
        var stack = s.Stack;
        if (stack.Routes.ResolveOutput(s.RemoteAddress, s.LocalAddress, s.BoundDevice?.IfIndex ?? 0, out var route) != null)
            return;
        uint ack = (flags & TcpFlags.Ack) != 0 ? s.RcvNxt : 0;
        var header = new TcpRepr(s.LocalPort, s.RemotePort, seq, ack, flags, window, payload.Length)
        {
            OptionsLength = options.Length,
        };
        Span<byte> optionBytes = stackalloc byte[40];
        options.Write(optionBytes);
        var packet = stack.Output.Build(route, IpProtocol.Tcp, header.BufferLength, -1, 0, dontFragment: true, out var room,
            identification: identification ?? s.IpId++);
        header.Emit(room, route.Source, route.Destination, payload, optionBytes[..options.Length]);
        stack.Output.SendLocal(packet, route);
    }
}
