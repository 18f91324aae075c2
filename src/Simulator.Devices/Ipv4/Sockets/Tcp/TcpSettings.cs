namespace Simulator.Devices.Ipv4.Sockets.Tcp;

/// <summary>
/// The net.ipv4.tcp_* settings the model acts on, with the defaults of the reference kernel
/// (Linux 6.18; tcp_sk_init and the sysctl table in net/ipv4/sysctl_net_ipv4.c).
/// </summary>
public sealed class TcpSettings
{
    /// <summary>net.core.rmem_max, which is not per namespace and not modelled as a setting.</summary>
    public const int CoreRmemMax = 4194304;

    /// <summary>tcp_syn_retries: SYN retransmissions before connect() gives up (on top of the linear ones).</summary>
    public int SynRetries = 6;
    /// <summary>tcp_synack_retries: SYN-ACK retransmissions before a listener forgets a request.</summary>
    public int SynackRetries = 5;
    /// <summary>tcp_syn_linear_timeouts: SYN retransmissions at a fixed 1 s before backing off (Linux 6.12 and later).</summary>
    public int SynLinearTimeouts = 4;
    /// <summary>tcp_retries2: how many RTO backoffs an established connection survives (as a time budget).</summary>
    public int Retries2 = 15;
    /// <summary>tcp_fin_timeout, seconds: how long an orphaned socket waits in FIN_WAIT2.</summary>
    public int FinTimeout = 60;
    public int Timestamps = 1;
    public int Sack = 1;
    public int WindowScaling = 1;
    /// <summary>tcp_rmem: minimum, default and maximum receive buffer, bytes.</summary>
    public int RmemMin = 4096, RmemDefault = 131072, RmemMax = 33554432;

    /// <summary>
    /// The window scale a socket offers (tcp_select_initial_window): enough to cover the largest
    /// receive buffer it could grow to, max(tcp_rmem[2], rmem_max), at most 14.
    /// </summary>
    public int OfferedWindowScale()
    {
        if (WindowScaling == 0) return 0;
        long space = Math.Max(RmemMax, CoreRmemMax);
        int log = 63 - (int)long.LeadingZeroCount(space);
        return Math.Clamp(log - 15, 0, 14);
    }

    /// <summary>
    /// The receive space of a new socket: half of tcp_rmem[1] (tcp_win_from_space with the
    /// default scaling ratio of 1/2).
    /// </summary>
    public int InitialReceiveSpace => RmemDefault / 2;
}
