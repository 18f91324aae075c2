using Simulator.Core.Engine;
using Timer = Simulator.Core.Engine.Timer;

namespace Simulator.Devices.Ipv4.Sockets.Tcp;

/// <summary>
/// A socket's timers (net/ipv4/tcp_timer.c): retransmission with exponential backoff (linear for
/// the first SYNs, tcp_syn_linear_timeouts), the zero-window probe, and the one that ends
/// TIME_WAIT (TCP_TIMEWAIT_LEN, 60 s) or an orphaned FIN_WAIT2 (tcp_fin_timeout). When
/// retransmissions run out (tcp_write_timeout) the connection fails with ETIMEDOUT, or with the
/// ICMP error that came meanwhile.
/// </summary>
internal sealed class TcpTimers
{
    /// <summary>TCP_TIMEWAIT_LEN.</summary>
    public const long TimeWaitLength = 60 * Simulation.Second;

    private readonly TcpSocket _socket;
    private readonly Timer _write;
    private readonly Timer _linger;
    private bool _probing;
    private int _probesOut;

    public TcpTimers(TcpSocket socket)
    {
        _socket = socket;
        _write = new Timer(socket.Simulation, OnWriteTimer);
        _linger = new Timer(socket.Simulation, OnLingerTimer);
    }

    /// <summary>icsk_rto: the current timeout, doubled by each backoff.</summary>
    public long Rto { get; private set; } = RttEstimator.InitialRto;

    /// <summary>icsk_retransmits: timeouts since the last ACK of new data.</summary>
    public int Retransmits { get; private set; }

    /// <summary>total_rto: timeouts of this connection's current recovery.</summary>
    private int _totalRto;

    /// <summary>retrans_stamp: when the oldest unacknowledged segment first went out.</summary>
    private long _retransStamp = -1;

    /// <summary>Arms the retransmission timer for the current RTO.</summary>
    public void ArmRetransmit()
    {
        _probing = false;
        if (_retransStamp < 0) _retransStamp = _socket.Simulation.Now;
        _write.Arm(Rto);
    }

    /// <summary>After sending data: the timer runs if it was not already.</summary>
    public void ArmRetransmitIfIdle()
    {
        if (_write.IsArmed && !_probing) return;
        ArmRetransmit();
    }

    /// <summary>
    /// tcp_ack's bookkeeping when new data is acknowledged: backoff and the retry count start over,
    /// the timer restarts for what is still in flight or stops.
    /// </summary>
    public void OnNewDataAcked(RttEstimator rtt, bool allAcked)
    {
        Retransmits = 0;
        _totalRto = 0;
        _probesOut = 0;
        Rto = rtt.Rto;
        if (allAcked)
        {
            _write.Cancel();
            _retransStamp = -1;
            _probing = false;
        }
        else
        {
            _retransStamp = _socket.Simulation.Now;
            _write.Arm(Rto);
        }
    }

    /// <summary>tcp_check_probe_timer: the peer's window is shut and nothing is in flight.</summary>
    public void ArmProbe()
    {
        if (_write.IsArmed) return;
        _probing = true;
        _write.Arm(Math.Min(Rto << Math.Min(_probesOut, 10), RttEstimator.MaxRto));
    }

    /// <summary>The window opened: the probe timer gives way to normal sending.</summary>
    public void CancelProbe()
    {
        if (!_probing) return;
        _probing = false;
        _probesOut = 0;
        _write.Cancel();
    }

    private void OnWriteTimer()
    {
        var s = _socket;
        if (s.State is TcpState.Close or TcpState.Listen or TcpState.TimeWait) return;
        if (_probing)
        {
            OnProbeTimer();
            return;
        }
        if (s.SndUna == s.SndMax) return;
        if (WriteTimeout()) return;

        // tcp_enter_loss: everything in flight counts as lost; slow start again from one segment.
        int inFlight = (int)(s.SndMax - s.SndUna);
        s.Ssthresh = Math.Max(inFlight / 2, 2 * s.MssCache);
        s.Cwnd = 1;
        s.Output.RetransmitHead();
        Retransmits++;
        _totalRto++;
        // Linear backoff for the first SYN retransmissions (Linux 6.12+), exponential after.
        if (s.State != TcpState.SynSent || _totalRto > s.Settings.SynLinearTimeouts)
            Rto = Math.Min(Rto << 1, RttEstimator.MaxRto);
        _write.Arm(Rto);
    }

    /// <summary>tcp_probe_timer: probe the shut window with backoff; the peer must answer.</summary>
    private void OnProbeTimer()
    {
        var s = _socket;
        _probing = false;
        if (s.SndWnd > 0 || s.SendBuffer.EndSeq == s.SndNxt)
        {
            s.Output.WriteXmit();
            return;
        }
        if (_probesOut >= s.Settings.Retries2)
        {
            Fail();
            return;
        }
        s.Output.SendWindowProbe();
        _probesOut++;
        ArmProbe();
    }

    /// <summary>
    /// tcp_write_timeout: a SYN gets tcp_syn_retries (plus tcp_syn_linear_timeouts) resends, or
    /// the time tcp_syn_retries backoffs from 1 s take; an established connection the time
    /// tcp_retries2 backoffs from 200 ms would take (retransmits_timed_out); an orphan 8
    /// (tcp_orphan_retries). True if the connection failed.
    /// </summary>
    private bool WriteTimeout()
    {
        var s = _socket;
        var settings = s.Settings;
        bool expired;
        if (s.State is TcpState.SynSent or TcpState.SynRecv)
        {
            // Either enough resends, or the time tcp_syn_retries exponential ones from 1 s would
            // take (with tcp_syn_retries=2: 7 s, while the linear resends are still going).
            int maxRetransmits = settings.SynRetries + (s.State == TcpState.SynSent ? settings.SynLinearTimeouts : 0);
            expired = Retransmits >= maxRetransmits || TimedOut(settings.SynRetries, RttEstimator.InitialRto);
        }
        else
        {
            expired = TimedOut(s.Orphan ? 8 : settings.Retries2, RttEstimator.MinRto);
        }
        if (!expired) return false;
        Fail();
        return true;
    }

    /// <summary>retransmits_timed_out: the first resent segment went out longer ago than the model timeout.</summary>
    private bool TimedOut(int boundary, long rtoBase) =>
        Retransmits > 0 && _socket.Simulation.Now - _retransStamp >= ModelTimeout(boundary, rtoBase);

    /// <summary>tcp_write_err: the program learns ETIMEDOUT, or the soft error an ICMP message left.</summary>
    private void Fail()
    {
        var s = _socket;
        s.Error = s.SoftError ?? Errno.ETIMEDOUT;
        s.Done();
    }

    /// <summary>
    /// tcp_model_timeout: how long <paramref name="boundary"/> doubling timeouts from
    /// <paramref name="rtoBase"/> take, each at most TCP_RTO_MAX.
    /// </summary>
    public static long ModelTimeout(int boundary, long rtoBase)
    {
        int threshold = 63 - (int)long.LeadingZeroCount(RttEstimator.MaxRto / rtoBase);
        if (boundary <= threshold) return ((2L << boundary) - 1) * rtoBase;
        return ((2L << threshold) - 1) * rtoBase + (boundary - threshold) * RttEstimator.MaxRto;
    }

    /// <summary>tcp_time_wait: TIME_WAIT lasts TCP_TIMEWAIT_LEN; a retransmitted FIN restarts it.</summary>
    public void ArmTimeWait()
    {
        _write.Cancel();
        _socket.DelayedAck.Cancel();
        _linger.Arm(TimeWaitLength);
    }

    /// <summary>An orphaned FIN_WAIT2 waits tcp_fin_timeout for the peer's FIN, then goes.</summary>
    public void ArmFinWait2()
    {
        if (!_socket.Orphan) return;
        _linger.Arm(_socket.Settings.FinTimeout * Simulation.Second);
    }

    private void OnLingerTimer()
    {
        var s = _socket;
        if (s.State is TcpState.TimeWait or TcpState.FinWait2)
        {
            s.SetState(TcpState.Close);
            s.Destroy();
        }
    }

    public void CancelAll()
    {
        _write.Cancel();
        _linger.Cancel();
        _socket.DelayedAck.Cancel();
        _probing = false;
    }
}
