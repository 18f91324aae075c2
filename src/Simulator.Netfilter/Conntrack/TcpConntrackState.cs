namespace Simulator.Netfilter.Conntrack;

/// <summary>The TCP tracker's states (<c>enum tcp_conntrack</c>), named as conntrack prints them.</summary>
public enum TcpConntrackState : byte
{
    None = 0,
    SynSent = 1,
    SynRecv = 2,
    Established = 3,
    FinWait = 4,
    CloseWait = 5,
    LastAck = 6,
    TimeWait = 7,
    Close = 8,
    SynSent2 = 9,
    /// <summary>TCP_CONNTRACK_MAX: the packet is invalid in this state (sIV).</summary>
    Invalid = 10,
    /// <summary>TCP_CONNTRACK_IGNORE: let the packet through without changing state (sIG).</summary>
    Ignore = 11,
}

public static class TcpConntrackStateNames
{
    /// <summary>tcp_conntrack_names.</summary>
    public static string Name(this TcpConntrackState state) => state switch
    {
        TcpConntrackState.None => "NONE",
        TcpConntrackState.SynSent => "SYN_SENT",
        TcpConntrackState.SynRecv => "SYN_RECV",
        TcpConntrackState.Established => "ESTABLISHED",
        TcpConntrackState.FinWait => "FIN_WAIT",
        TcpConntrackState.CloseWait => "CLOSE_WAIT",
        TcpConntrackState.LastAck => "LAST_ACK",
        TcpConntrackState.TimeWait => "TIME_WAIT",
        TcpConntrackState.Close => "CLOSE",
        TcpConntrackState.SynSent2 => "SYN_SENT2",
        _ => state.ToString(),
    };
}
