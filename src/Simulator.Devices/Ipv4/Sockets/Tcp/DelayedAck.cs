using Simulator.Core.Engine;
using Timer = Simulator.Core.Engine.Timer;

namespace Simulator.Devices.Ipv4.Sockets.Tcp;

/// <summary>
/// When a socket acknowledges what it received (icsk_ack in the kernel; RFC 9293 3.8.6.3 and
/// RFC 1122 4.2.3.2): at once while in quick-ACK mode (the first segments of a connection, a
/// retransmission or out-of-order data), when more than one full segment is unacknowledged, or
/// after the delayed-ACK timer (TCP_ATO_MIN, 40 ms) — unless data going the other way carries the
/// ACK first. A program that answers within the timer puts the socket in ping-pong (interactive)
/// mode, where ACKs wait for the answer; so does a FIN received while established.
/// </summary>
internal sealed class DelayedAck
{
    /// <summary>TCP_ATO_MIN.</summary>
    public const long MinAto = 40 * Simulation.Millisecond;
    /// <summary>TCP_MAX_QUICKACKS.</summary>
    private const int MaxQuickAcks = 16;

    private readonly TcpSocket _socket;
    private readonly Timer _timer;
    private int _quick;
    private int _pingpong;
    /// <summary>icsk_ack.ato: 0 until the first data arrives.</summary>
    private long _ato;
    /// <summary>icsk_ack.lrcvtime: when data last came.</summary>
    private long _lastReceived;

    public DelayedAck(TcpSocket socket)
    {
        _socket = socket;
        _timer = new Timer(socket.Simulation, OnTimer);
    }

    /// <summary>ICSK_ACK_SCHED: an ACK is owed.</summary>
    public bool Pending { get; private set; }

    private bool InPingpongMode => _pingpong >= 1;
    private bool InQuickAckMode => _quick > 0 && !InPingpongMode;

    /// <summary>inet_csk_schedule_ack.</summary>
    public void Schedule() => Pending = true;

    /// <summary>
    /// tcp_event_data_recv and tcp_measure_rcv_mss: the first data starts quick-ACK mode; the
    /// largest segment seen becomes the peer's full segment size.
    /// </summary>
    public void OnDataReceived(int length)
    {
        var s = _socket;
        if (length >= s.RcvMss) s.RcvMss = Math.Min(length, s.AdvMss);
        if (_ato == 0)
        {
            EnterQuickAckMode();
            _ato = MinAto;
        }
        _lastReceived = s.Simulation.Now;
    }

    /// <summary>tcp_enter_quickack_mode: the next ACKs go at once.</summary>
    public void EnterQuickAckMode()
    {
        var s = _socket;
        int quickAcks = (int)Math.Max(2, s.RcvWnd / (2u * (uint)Math.Max(s.RcvMss, 1)));
        _quick = Math.Min(quickAcks, MaxQuickAcks);
        _pingpong = 0;
        _ato = MinAto;
    }

    /// <summary>inet_csk_enter_pingpong_mode.</summary>
    public void EnterPingpongMode() => _pingpong = 1;

    /// <summary>tcp_event_data_sent: an answer within the ACK timeout counts toward ping-pong mode.</summary>
    public void OnDataSent()
    {
        if (_ato > 0 && _socket.Simulation.Now - _lastReceived < _ato) _pingpong++;
    }

    /// <summary>tcp_event_ack_sent: the owed ACK went, in this segment; one quick ACK is used up.</summary>
    public void OnAckSent()
    {
        if (_quick > 0) _quick--;
        Pending = false;
        _timer.Cancel();
    }

    /// <summary>
    /// __tcp_ack_snd_check: send the owed ACK now or arm the delayed-ACK timer.
    /// <paramref name="outOfOrder"/> is data past a hole, which is acknowledged at once.
    /// </summary>
    public void Check(bool outOfOrder = false)
    {
        if (!Pending) return;
        var s = _socket;
        if (s.RcvNxt - s.RcvWup > s.RcvMss || InQuickAckMode || outOfOrder)
        {
            s.Output.SendAck();
            return;
        }
        if (!_timer.IsArmed) _timer.Arm(_ato > 0 ? _ato : MinAto);
    }

    public void Cancel()
    {
        _timer.Cancel();
        Pending = false;
    }

    /// <summary>tcp_delack_timer_handler: the ACK goes; a missed ping-pong ends ping-pong mode.</summary>
    private void OnTimer()
    {
        if (!Pending || _socket.State is TcpState.Close or TcpState.Listen) return;
        if (InPingpongMode)
        {
            _pingpong = 0;
            _ato = MinAto;
        }
        _socket.Output.SendAck();
    }
}
