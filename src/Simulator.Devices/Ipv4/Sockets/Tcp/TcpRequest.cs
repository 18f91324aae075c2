using Simulator.Core.Engine;
using Simulator.Core.Tracing;
using Simulator.Core.Wire;
using Timer = Simulator.Core.Engine.Timer;

namespace Simulator.Devices.Ipv4.Sockets.Tcp;

/// <summary>
/// A connection request a listener answered with a SYN-ACK (struct tcp_request_sock, in state
/// SYN_RECV): the options both ends agreed, the SYN-ACK's retransmissions (1 s doubling,
/// tcp_synack_retries times), and, when the handshake's ACK comes (tcp_check_req), the child
/// socket that joins the listener's accept queue.
/// </summary>
internal sealed class TcpRequest
{
    private readonly TcpSocket _listener;
    private readonly Timer _timer;
    private readonly TcpOptions _peer;
    private readonly uint _iss, _irs, _tsOffset;
    private readonly int _advMss, _rcvWscale;
    private readonly uint _rcvWnd;
    private uint _tsRecent;
    private int _numTimeout;
    private long _synAckSentAt;

    public TcpRequest(TcpSocket listener, TcpSegment syn, int advMss)
    {
        _listener = listener;
        Tuple = syn.Tuple;
        var settings = listener.Settings;
        var random = listener.Simulation.Random;
        _peer = syn.Options;
        _iss = (uint)random.NextUInt64();
        _irs = syn.Seq;
        _tsOffset = (uint)random.NextUInt64();
        _tsRecent = syn.Options.TsVal;
        _advMss = advMss;
        _rcvWscale = syn.Options.WindowScale >= 0 && settings.WindowScaling != 0 ? settings.OfferedWindowScale() : 0;
        bool timestamps = _peer.HasTimestamp && settings.Timestamps != 0;
        // tcp_openreq_init_rwin: whole segments of the MSS less the timestamp option.
        _rcvWnd = TcpOutput.InitialWindow(settings, advMss - (timestamps ? TcpOptions.TimestampSpace : 0));
        _timer = new Timer(listener.Simulation, OnTimer);
    }

    public TcpTuple Tuple { get; }
    public TcpSocket Listener => _listener;

    private TcpSettings Settings => _listener.Settings;
    private bool Timestamps => _peer.HasTimestamp && Settings.Timestamps != 0;

    public void Start()
    {
        SendSynAck();
        _timer.Arm(RttEstimator.InitialRto);
    }

    /// <summary>
    /// tcp_make_synack: MSS, and only the options the SYN offered; the window unscaled; through
    /// ip_build_and_send_pkt, so identification 0.
    /// </summary>
    private void SendSynAck()
    {
        var options = new TcpOptions
        {
            Mss = (ushort)_advMss,
            SackPermitted = _peer.SackPermitted && Settings.Sack != 0,
            HasTimestamp = Timestamps,
            TsVal = TsNow,
            TsEcr = _tsRecent,
            WindowScale = _peer.WindowScale >= 0 && Settings.WindowScaling != 0 ? _rcvWscale : -1,
        };
        var stack = _listener.Stack;
        if (stack.Routes.ResolveOutput(Tuple.RemoteAddress, Tuple.LocalAddress, _listener.BoundDevice?.IfIndex ?? 0,
                out var route) != null)
            return;
        var header = new TcpRepr(Tuple.LocalPort, Tuple.RemotePort, _iss, _irs + 1, TcpFlags.Syn | TcpFlags.Ack,
            (ushort)Math.Min(_rcvWnd, 65535u), 0) { OptionsLength = options.Length };
        Span<byte> optionBytes = stackalloc byte[40];
        options.Write(optionBytes);
        var packet = stack.Output.Build(route, IpProtocol.Tcp, header.BufferLength, -1, 0, dontFragment: true, out var room,
            identification: 0);
        header.Emit(room, route.Source, route.Destination, ReadOnlySpan<byte>.Empty, optionBytes[..options.Length]);
        stack.Output.SendLocal(packet, route);
        _synAckSentAt = _listener.Simulation.Now;
    }

    private uint TsNow => (uint)(_listener.Simulation.Now / Simulation.Millisecond) + _tsOffset;

    /// <summary>
    /// reqsk_timer_handler: resend the SYN-ACK after 1, 2, 4... seconds; after tcp_synack_retries
    /// resends, forget the request.
    /// </summary>
    private void OnTimer()
    {
        if (_numTimeout >= Settings.SynackRetries)
        {
            _listener.Table.RemoveRequest(this);
            return;
        }
        SendSynAck();
        _numTimeout++;
        _timer.Arm(Math.Min(RttEstimator.InitialRto << _numTimeout, RttEstimator.MaxRto));
    }

    public void Cancel() => _timer.Cancel();

    /// <summary>
    /// tcp_check_req: a repeated SYN gets the SYN-ACK again; a reset drops the request; an ACK of
    /// anything but our SYN is answered with a reset; the right ACK makes the child socket, which
    /// then takes the segment's data, if any. A full accept queue ignores the ACK (the SYN-ACK
    /// will be resent), as tcp_abort_on_overflow 0 does.
    /// </summary>
    public SegmentVerdict Receive(TcpSegment segment, out TcpSocket? child)
    {
        child = null;
        if (segment.Syn && !segment.Ack && !segment.Rst && segment.Seq == _irs)
        {
            SendSynAck();
            return SegmentVerdict.Drop(DropReason.TcpFlags);
        }
        if (segment.Rst)
        {
            if (SequenceNumbers.Between(segment.Seq, _irs + 1, _irs + 1 + _rcvWnd))
            {
                _listener.Table.RemoveRequest(this);
                Cancel();
            }
            return SegmentVerdict.Drop(DropReason.TcpReset);
        }
        if (!segment.Ack) return SegmentVerdict.Drop(DropReason.TcpFlags);
        if (segment.AckSeq != _iss + 1) return SegmentVerdict.Reset(DropReason.TcpFlags);
        if (!SequenceNumbers.Between(segment.Seq, _irs + 1, _irs + 1 + _rcvWnd))
            return SegmentVerdict.Drop(DropReason.TcpInvalidSequence);
        if (segment.Syn) return SegmentVerdict.Reset(DropReason.TcpFlags);
        if (_listener.AcceptQueueFull) return SegmentVerdict.Drop(DropReason.TcpListenOverflow);

        if (Timestamps && segment.Options.HasTimestamp) _tsRecent = segment.Options.TsVal;
        Cancel();
        child = CreateChild(segment);
        _listener.Table.ReplaceRequest(this, child);
        _listener.EnqueueAccepted(child);
        return child.Input.Process(segment);
    }

    /// <summary>tcp_create_openreq_child and tcp_v4_syn_recv_sock: a socket for the connection, established.</summary>
    private TcpSocket CreateChild(TcpSegment ack)
    {
        var settings = Settings;
        var child = _listener.Table.Open();
        child.LocalAddress = Tuple.LocalAddress;
        child.LocalPort = Tuple.LocalPort;
        child.RemoteAddress = Tuple.RemoteAddress;
        child.RemotePort = Tuple.RemotePort;
        child.ReuseAddress = _listener.ReuseAddress;
        child.ReusePort = _listener.ReusePort;
        child.BindToDevice(_listener.BoundDevice);
        child.Iss = _iss;
        child.SndUna = child.SndNxt = child.SndMax = _iss + 1;
        child.SendBuffer.StartSeq = _iss + 1;
        child.Irs = _irs;
        child.RcvNxt = child.RcvWup = _irs + 1;
        bool windowScaling = _peer.WindowScale >= 0 && settings.WindowScaling != 0;
        child.SndWscale = windowScaling ? _peer.WindowScale : 0;
        child.RcvWscale = windowScaling ? _rcvWscale : 0;
        child.SndWnd = (uint)ack.Header.WindowSize << child.SndWscale;
        child.SndWl1 = ack.Seq;
        child.MaxWindow = child.SndWnd;
        child.TimestampsOk = Timestamps;
        child.TsRecent = _tsRecent;
        child.TsOffset = _tsOffset;
        child.SackOk = _peer.SackPermitted && settings.Sack != 0;
        child.AdvMss = _advMss;
        child.MssClamp = _peer.Mss != 0 ? _peer.Mss : TcpSocket.DefaultMss;
        child.MssCache = Math.Min(child.MssClamp, _advMss) - (child.TimestampsOk ? TcpOptions.TimestampSpace : 0);
        child.RcvWnd = _rcvWnd;
        child.RcvSsthresh = _rcvWnd;
        child.IpId = (ushort)_listener.Simulation.Random.Next(65536);
        if (_numTimeout == 0) child.Rtt.Sample(_listener.Simulation.Now - _synAckSentAt);
        child.Timers.OnNewDataAcked(child.Rtt, allAcked: true);
        child.SetState(TcpState.Established);
        return child;
    }

    /// <summary>tcp_req_err: a hard ICMP error about our SYN-ACK drops the request.</summary>
    public void IcmpError(IcmpType type, byte code, uint seq)
    {
        if (seq != _iss) return;
        if (type == IcmpType.DestinationUnreachable && IcmpErrors.TryConvert(code, out _, out bool fatal) && fatal)
        {
            _listener.Table.RemoveRequest(this);
            Cancel();
        }
    }
}
