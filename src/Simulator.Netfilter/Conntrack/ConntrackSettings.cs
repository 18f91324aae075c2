namespace Simulator.Netfilter.Conntrack;

/// <summary>
/// A namespace's net.netfilter.nf_conntrack_* settings that the model acts on, with the kernel's
/// defaults. Timeouts are in seconds, as the sysctls read.
/// </summary>
public sealed class ConntrackSettings
{
    /// <summary>nf_conntrack_max: beyond this many entries a new connection's packet is dropped.</summary>
    public int Max { get; set; } = 262144;

    public int GenericTimeout { get; set; } = 600;
    public int IcmpTimeout { get; set; } = 30;
    public int UdpTimeout { get; set; } = 30;
    public int UdpTimeoutStream { get; set; } = 120;

    /// <summary>nf_conntrack_tcp_loose: pick up connections from the middle (an ACK with no entry).</summary>
    public int TcpLoose { get; set; } = 1;

    public int TcpTimeoutSynSent { get; set; } = 120;
    public int TcpTimeoutSynRecv { get; set; } = 60;
    public int TcpTimeoutEstablished { get; set; } = 432000;
    public int TcpTimeoutFinWait { get; set; } = 120;
    public int TcpTimeoutCloseWait { get; set; } = 60;
    public int TcpTimeoutLastAck { get; set; } = 30;
    public int TcpTimeoutTimeWait { get; set; } = 120;
    public int TcpTimeoutClose { get; set; } = 10;
    public int TcpTimeoutUnacknowledged { get; set; } = 300;

    /// <summary>The timeout of a TCP state, in seconds (tcp_timeouts; SYN_SENT2 shares SYN_SENT's).</summary>
    public int TcpTimeout(TcpConntrackState state) => state switch
    {
        TcpConntrackState.SynSent or TcpConntrackState.SynSent2 or TcpConntrackState.None => TcpTimeoutSynSent,
        TcpConntrackState.SynRecv => TcpTimeoutSynRecv,
        TcpConntrackState.Established => TcpTimeoutEstablished,
        TcpConntrackState.FinWait => TcpTimeoutFinWait,
        TcpConntrackState.CloseWait => TcpTimeoutCloseWait,
        TcpConntrackState.LastAck => TcpTimeoutLastAck,
        TcpConntrackState.TimeWait => TcpTimeoutTimeWait,
        _ => TcpTimeoutClose,
    };
}
