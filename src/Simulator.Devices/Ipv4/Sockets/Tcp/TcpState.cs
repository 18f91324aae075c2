namespace Simulator.Devices.Ipv4.Sockets.Tcp;

/// <summary>
/// The TCP states (RFC 9293 section 3.3.2) with the numbers and names the kernel gives them
/// (include/net/tcp_states.h): what <c>ss</c> and /proc/net/tcp show.
/// </summary>
public enum TcpState
{
    Established = 1,
    SynSent = 2,
    SynRecv = 3,
    FinWait1 = 4,
    FinWait2 = 5,
    TimeWait = 6,
    Close = 7,
    CloseWait = 8,
    LastAck = 9,
    Listen = 10,
    Closing = 11,
}

public static class TcpStateNames
{
    /// <summary>The kernel's spelling (tcp_state_name), e.g. <c>TIME_WAIT</c>.</summary>
    public static string KernelName(this TcpState state) => state switch
    {
        TcpState.Established => "ESTABLISHED",
        TcpState.SynSent => "SYN_SENT",
        TcpState.SynRecv => "SYN_RECV",
        TcpState.FinWait1 => "FIN_WAIT1",
        TcpState.FinWait2 => "FIN_WAIT2",
        TcpState.TimeWait => "TIME_WAIT",
        TcpState.Close => "CLOSE",
        TcpState.CloseWait => "CLOSE_WAIT",
        TcpState.LastAck => "LAST_ACK",
        TcpState.Listen => "LISTEN",
        TcpState.Closing => "CLOSING",
        _ => state.ToString(),
    };
}
