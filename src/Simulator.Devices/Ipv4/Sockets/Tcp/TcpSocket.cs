using Simulator.Core.Addressing;
using Simulator.Core.Engine;
using Simulator.Devices.Ipv4.Routing;
using Simulator.Devices.Links;

namespace Simulator.Devices.Ipv4.Sockets.Tcp;

/// <summary>How a socket's connection is shut down: the kernel's RCV_SHUTDOWN and SEND_SHUTDOWN bits.</summary>
[Flags]
public enum TcpShutdown
{
    None = 0,
    /// <summary>SHUT_RD.</summary>
    Receive = 1,
    /// <summary>SHUT_WR: a FIN follows the data already written.</summary>
    Send = 2,
    /// <summary>SHUT_RDWR.</summary>
    Both = Receive | Send,
}

/// <summary>
/// A TCP socket (net/ipv4/tcp.c, tcp_ipv4.c): bind, listen and accept, connect, send, receive,
/// shutdown and close, as a program sees them. Calls never block: a program waits for
/// <see cref="Wakeup"/>, which comes (at the same virtual instant, after the packet that caused
/// it) whenever poll() would return — connected, data or end of stream, a connection to accept,
/// an error. The connection's state lives here; <see cref="TcpInput"/>, <see cref="TcpOutput"/>
/// and <see cref="TcpTimers"/> act on it.
/// </summary>
public sealed class TcpSocket : IEventTarget
{
    /// <summary>SOMAXCONN: listen() backlogs above it are cut to it.</summary>
    public const int MaxBacklog = 4096;
    /// <summary>TCP_MSS_DEFAULT: what a peer that sent no MSS option is assumed to take (RFC 9293 3.7.1).</summary>
    internal const int DefaultMss = 536;
    /// <summary>TCP_INIT_CWND: the initial congestion window, segments (RFC 6928).</summary>
    internal const int InitialCwnd = 10;

    private readonly Queue<TcpSocket> _acceptQueue = new();
    private bool _wakePending;
    /// <summary>SOCK_BINDADDR_LOCK: the program bound a specific address.</summary>
    private bool _addressLocked;

    internal TcpSocket(TcpTable table)
    {
        Table = table;
        Output = new TcpOutput(this);
        Input = new TcpInput(this);
        DelayedAck = new DelayedAck(this);
        Timers = new TcpTimers(this);
    }

    internal TcpTable Table { get; }
    internal Ipv4Stack Stack => Table.Stack;
    internal Simulation Simulation => Table.Stack.Simulation;
    internal TcpSettings Settings => Table.Settings;
    internal TcpOutput Output { get; }
    internal TcpInput Input { get; }
    internal TcpTimers Timers { get; }
    internal DelayedAck DelayedAck { get; }
    internal RttEstimator Rtt { get; } = new();

    public TcpState State { get; private set; } = TcpState.Close;
    public Ipv4Address LocalAddress { get; internal set; } = Ipv4Address.Any;
    public ushort LocalPort { get; internal set; }
    public Ipv4Address RemoteAddress { get; internal set; }
    public ushort RemotePort { get; internal set; }
    public NetDevice? BoundDevice { get; private set; }
    /// <summary>SO_REUSEADDR.</summary>
    public bool ReuseAddress { get; set; }
    /// <summary>SO_REUSEPORT.</summary>
    public bool ReusePort { get; set; }

    /// <summary>sk_err: a hard error waiting for the program (ECONNREFUSED, ECONNRESET, ETIMEDOUT...).</summary>
    public Errno? Error { get; internal set; }

    /// <summary>
    /// sk_data_ready, sk_state_change and sk_error_report in one: called when the socket becomes
    /// readable, connected, closed or failed, or a connection waits to be accepted.
    /// </summary>
    public Action<TcpSocket>? Wakeup { get; set; }

    public TcpTuple Tuple => new(LocalAddress, LocalPort, RemoteAddress, RemotePort);

    /// <summary>Bytes received and not yet read.</summary>
    public int BytesAvailable => ReceiveBuffer.Length;

    /// <summary>
    /// A read would return end of file: the peer's FIN came and everything before it was read, or
    /// the established connection is gone (read reports a reset first, through <see cref="Error"/>).
    /// </summary>
    public bool IsEndOfStream => ReceiveBuffer.Length == 0 && (FinReceived || ((ShutdownFlags & TcpShutdown.Receive) != 0) ||
                                                         (State == TcpState.Close && HasBeenConnected));

    /// <summary>accept() would return a connection.</summary>
    public bool CanAccept => _acceptQueue.Count > 0;

    /// <summary>The listen() backlog.</summary>
    public int Backlog { get; private set; }

    // ----- the connection's variables (struct tcp_sock), named as RFC 9293 and the kernel name them -----

    internal uint Iss, SndUna, SndNxt, SndWl1, SndWnd, MaxWindow;
    /// <summary>The highest sequence number sent; SndNxt goes back to SndUna after a timeout (go-back-N).</summary>
    internal uint SndMax;
    internal int SndWscale;
    internal uint Irs, RcvNxt, RcvWup, RcvWnd, RcvSsthresh;
    internal int RcvWscale;
    /// <summary>The MSS the peer announced (rx_opt.mss_clamp).</summary>
    internal int MssClamp = DefaultMss;
    /// <summary>The payload of a full-sized segment this socket sends (mss_cache): options already taken off.</summary>
    internal int MssCache = DefaultMss;
    /// <summary>The MSS this socket announces: the route's MTU less 40.</summary>
    internal int AdvMss;
    /// <summary>icsk_ack.rcv_mss: the size of full segments the peer sends, as guessed from what came.</summary>
    internal int RcvMss = DefaultMss;
    internal bool TimestampsOk, SackOk;
    internal uint TsRecent, TsOffset;
    internal int Cwnd = InitialCwnd;
    internal int Ssthresh = int.MaxValue;
    /// <summary>snd_sml: the end of the last segment sent smaller than a full one (Nagle, Minshall's variant).</summary>
    internal uint SndSml;
    internal ushort IpId;
    internal readonly SendQueue SendBuffer = new();
    internal readonly ReceiveQueue ReceiveBuffer = new();
    internal bool FinQueued;
    internal bool FinReceived;
    internal TcpShutdown ShutdownFlags;
    /// <summary>SOCK_DEAD: the program closed the socket; the kernel finishes the connection alone.</summary>
    internal bool Orphan;
    /// <summary>The connection was established once (the socket is SS_CONNECTED: connect() again is EISCONN).</summary>
    internal bool HasBeenConnected;
    /// <summary>sk_err_soft: an ICMP error kept for when the connection times out.</summary>
    internal Errno? SoftError;
    internal TcpSocket? Parent;
    /// <summary>SOCK_BINDPORT_LOCK: the program chose the port; it stays bound when the connection ends.</summary>
    internal bool PortLocked;

    /// <summary>The sequence number of the FIN once one is queued: after the last byte written.</summary>
    internal uint FinSeq => SendBuffer.EndSeq;
    internal bool FinSent => FinQueued && SequenceNumbers.After(SndMax, FinSeq);
    /// <summary>The timestamp clock: milliseconds, with the connection's random offset (tcp_time_stamp_ts + tsoffset).</summary>
    internal uint TsNow => (uint)(Simulation.Now / Simulation.Millisecond) + TsOffset;

    // ----- the program's calls -----

    /// <summary>SO_BINDTODEVICE.</summary>
    public void BindToDevice(NetDevice? device) => BoundDevice = device;

    /// <summary>
    /// bind(): the address must be one of the namespace's (or ip_nonlocal_bind set); port 0 takes a
    /// free one, odd first (inet_csk_find_open_port). EADDRINUSE when another socket holds the
    /// port and SO_REUSEADDR/SO_REUSEPORT do not allow sharing it.
    /// </summary>
    public Errno? Bind(Ipv4Address address, ushort port)
    {
        if (State != TcpState.Close || LocalPort != 0) return Errno.EINVAL;
        if (!address.IsUnspecified)
        {
            var type = Stack.Fib.AddressType(address);
            if (type != RouteType.Local && (Stack.Settings.IpNonlocalBind == 0 || address.IsMulticast || type == RouteType.Broadcast))
                return Errno.EADDRNOTAVAIL;
        }
        if (port == 0)
        {
            port = Table.FindFreePort(address, this, preferOdd: true);
            if (port == 0) return Errno.EADDRINUSE;
        }
        else if (Table.BindConflict(this, address, port))
        {
            return Errno.EADDRINUSE;
        }
        else
        {
            PortLocked = true;
        }
        LocalAddress = address;
        LocalPort = port;
        _addressLocked = !address.IsUnspecified;
        Table.AddBound(this);
        return null;
    }

    /// <summary>listen(): binds a free port if none is bound (inet_autobind); the backlog is cut to SOMAXCONN.</summary>
    public Errno? Listen(int backlog)
    {
        backlog = Math.Clamp(backlog, 0, MaxBacklog);
        if (State == TcpState.Listen)
        {
            Backlog = backlog;
            return null;
        }
        if (State != TcpState.Close) return Errno.EINVAL;
        if (LocalPort == 0)
        {
            var error = Bind(Ipv4Address.Any, 0);
            if (error != null) return error;
        }
        else if (Table.ListenConflict(this))
        {
            return Errno.EADDRINUSE;
        }
        Backlog = backlog;
        SetState(TcpState.Listen);
        Table.AddListener(this);
        return null;
    }

    /// <summary>accept(): the oldest established connection, or null (EAGAIN) when none waits.</summary>
    public TcpSocket? Accept()
    {
        if (State != TcpState.Listen || _acceptQueue.Count == 0) return null;
        var child = _acceptQueue.Dequeue();
        child.Parent = null;
        return child;
    }

    /// <summary>
    /// connect() (tcp_v4_connect): routes to the peer (a routing error returns at once), picks the
    /// source address and an ephemeral port (even first, as __inet_hash_connect), sends the SYN and
    /// returns; the outcome comes through <see cref="Wakeup"/>: <see cref="State"/> becomes
    /// <see cref="TcpState.Established"/>, or <see cref="Error"/> says why not.
    /// </summary>
    public Errno? Connect(Ipv4Address address, ushort port)
    {
        if (State == TcpState.SynSent) return Errno.EALREADY;
        if (State != TcpState.Close || HasBeenConnected) return Errno.EISCONN;
        var error = Stack.Routes.ResolveOutput(address, LocalAddress, BoundDevice?.IfIndex ?? 0, out var route);
        if (error != null) return error;
        if (route.IsBroadcast || address.IsMulticast) return Errno.ENETUNREACH;
        var random = Simulation.Random;
        bool autoBound = LocalPort == 0;
        if (LocalAddress.IsUnspecified) LocalAddress = route.Source;
        RemoteAddress = address;
        RemotePort = port;
        if (autoBound)
        {
            ushort ephemeral = Table.FindConnectPort(this);
            if (ephemeral == 0)
            {
                RemoteAddress = default;
                RemotePort = 0;
                return Errno.EADDRNOTAVAIL;
            }
            LocalPort = ephemeral;
            Table.AddBound(this);
        }
        else if (Table.Lookup(Tuple) != null)
        {
            return Errno.EADDRNOTAVAIL;
        }
        Table.Hash(this);

        // tcp_connect_init: the window and options this end offers.
        AdvMss = TcpOutput.AdvertisedMss(route.Device);
        TsOffset = (uint)random.NextUInt64();
        Iss = (uint)random.NextUInt64();
        IpId = (ushort)random.Next(65536);
        RcvWscale = Settings.OfferedWindowScale();
        RcvWnd = TcpOutput.InitialWindow(Settings, AdvMss);
        RcvSsthresh = RcvWnd;
        SndUna = Iss;
        SndNxt = SndMax = Iss;
        SendBuffer.AcknowledgeTo(SendBuffer.EndSeq);
        SendBuffer.StartSeq = Iss + 1;
        FinQueued = false;
        ShutdownFlags = TcpShutdown.None;
        Error = null;
        SetState(TcpState.SynSent);
        Output.SendSyn();
        return null;
    }

    /// <summary>
    /// send(): queues <paramref name="data"/> and sends what the windows allow. Before the
    /// handshake ends the data waits, as a blocking send() would. A pending error comes back once;
    /// after shutdown(SHUT_WR) or close, EPIPE (the program also gets SIGPIPE).
    /// </summary>
    public Errno? Send(ReadOnlySpan<byte> data)
    {
        if (TakeError() is { } error) return error;
        if ((ShutdownFlags & TcpShutdown.Send) != 0) return Errno.EPIPE;
        if (State is not (TcpState.Established or TcpState.CloseWait or TcpState.SynSent or TcpState.SynRecv))
            return Errno.EPIPE;
        SendBuffer.Append(data);
        if (State is TcpState.Established or TcpState.CloseWait) Output.WriteXmit();
        return null;
    }

    /// <summary>recv(): copies received bytes; 0 with <see cref="IsEndOfStream"/> false means none yet.</summary>
    public int Receive(Span<byte> destination)
    {
        int count = ReceiveBuffer.Read(destination);
        if (count > 0) Output.CleanupReceiveBuffer();
        return count;
    }

    /// <summary>Reads everything received so far.</summary>
    public byte[] ReceiveAll()
    {
        var bytes = new byte[ReceiveBuffer.Length];
        Receive(bytes);
        return bytes;
    }

    /// <summary>sock_error: takes the pending error, as recv/send do when they report it.</summary>
    public Errno? TakeError()
    {
        var error = Error;
        Error = null;
        return error;
    }

    /// <summary>
    /// shutdown() (inet_shutdown, tcp_shutdown): SHUT_WR sends a FIN after the data already
    /// written; on a socket that is not connected, ENOTCONN.
    /// </summary>
    public Errno? Shutdown(TcpShutdown how)
    {
        if (State is TcpState.Close or TcpState.Listen && !HasBeenConnected) return Errno.ENOTCONN;
        ShutdownFlags |= how;
        if ((how & TcpShutdown.Send) != 0 &&
            State is TcpState.Established or TcpState.SynSent or TcpState.SynRecv or TcpState.CloseWait)
        {
            if (CloseState()) Output.SendFin();
        }
        Wake();
        return null;
    }

    /// <summary>
    /// close() (tcp_close): a listener stops, resetting connections nobody accepted; unread data
    /// makes the close abortive (RST, RFC 2525 2.17); otherwise a FIN goes after the data and the
    /// kernel finishes the connection alone.
    /// </summary>
    public void Close()
    {
        if (Orphan) return;
        Orphan = true;
        Wakeup = null;
        ShutdownFlags = TcpShutdown.Both;
        if (State == TcpState.Listen)
        {
            SetState(TcpState.Close);
            Table.StopListening(this);
            while (_acceptQueue.Count > 0)
            {
                var child = _acceptQueue.Dequeue();
                child.Parent = null;
                child.Disconnect();
                child.Orphan = true;
                child.Destroy();
            }
            Destroy();
            return;
        }
        if (State == TcpState.Close)
        {
            Destroy();
            return;
        }
        if (ReceiveBuffer.Length > 0)
        {
            // Data the program never read: abort (tcp_close's data_was_unread).
            ReceiveBuffer.Clear();
            Output.SendActiveReset();
            Done();
            return;
        }
        if (CloseState()) Output.SendFin();
        if (State == TcpState.FinWait2) Timers.ArmFinWait2();
        if (State == TcpState.Close) Destroy();
    }

    // ----- state changes the other parts use -----

    internal void SetState(TcpState state)
    {
        State = state;
        if (state == TcpState.Established) HasBeenConnected = true;
    }

    /// <summary>
    /// tcp_close_state: the state a close or shutdown(SHUT_WR) leads to, and whether a FIN goes.
    /// </summary>
    internal bool CloseState()
    {
        var (next, sendFin) = State switch
        {
            TcpState.Established => (TcpState.FinWait1, true),
            TcpState.SynRecv => (TcpState.FinWait1, true),
            TcpState.CloseWait => (TcpState.LastAck, true),
            TcpState.SynSent => (TcpState.Close, false),
            TcpState.Listen => (TcpState.Close, false),
            _ => (State, false),
        };
        if (next == TcpState.Close && State != TcpState.Close)
        {
            Done();
            return false;
        }
        SetState(next);
        return sendFin;
    }

    /// <summary>tcp_done: the connection is over; timers stop, the socket leaves the tables.</summary>
    internal void Done()
    {
        SetState(TcpState.Close);
        ShutdownFlags = TcpShutdown.Both;
        Timers.CancelAll();
        Table.Unhash(this);
        if (Orphan)
        {
            Destroy();
            return;
        }
        // tcp_set_state(TCP_CLOSE): a port the program did not choose goes back (inet_put_port),
        // so a later connect() starts afresh.
        if (!PortLocked)
        {
            LocalPort = 0;
            if (!_addressLocked) LocalAddress = Ipv4Address.Any;
        }
        Wake();
    }

    /// <summary>tcp_disconnect of a connection nobody will use: an RST if the peer still thinks it open.</summary>
    internal void Disconnect()
    {
        if (State is TcpState.Established or TcpState.CloseWait or TcpState.FinWait1 or TcpState.FinWait2 or TcpState.SynRecv)
            Output.SendActiveReset();
        Done();
    }

    /// <summary>Leaves every table: port and connection.</summary>
    internal void Destroy()
    {
        Timers.CancelAll();
        Table.Unhash(this);
        Table.RemoveBound(this);
    }

    internal void EnqueueAccepted(TcpSocket child)
    {
        child.Parent = this;
        _acceptQueue.Enqueue(child);
        Wake();
    }

    internal bool AcceptQueueFull => _acceptQueue.Count > Backlog;

    /// <summary>Schedules <see cref="Wakeup"/> at the current instant, once however many causes come.</summary>
    internal void Wake()
    {
        if (Wakeup is null || _wakePending) return;
        _wakePending = true;
        Simulation.Schedule(0, this);
    }

    void IEventTarget.OnEvent(object? payload, long argument)
    {
        _wakePending = false;
        Wakeup?.Invoke(this);
    }

    public override string ToString() => $"{State.KernelName()} {LocalAddress}:{LocalPort} {RemoteAddress}:{RemotePort}";
}
