namespace Simulator.Core.Tracing;

/// <summary>
/// Why a packet died. Named after the kernel's <c>enum skb_drop_reason</c>
/// (include/net/dropreason-core.h) where one fits; <see cref="DropReasons.KernelName"/> gives the
/// kernel spelling. <see cref="None"/> means "not dropped" and is what parsers return on success.
/// </summary>
public enum DropReason : byte
{
    None = 0,
    NotSpecified,
    NoSocket,
    PktTooSmall,
    TcpCsum,
    /// <summary>A segment outside the receive window (tcp_sequence failed).</summary>
    TcpInvalidSequence,
    /// <summary>A segment carrying RST, consumed by the reset it caused.</summary>
    TcpReset,
    /// <summary>A SYN in a synchronized state, answered by a challenge ACK.</summary>
    TcpInvalidSyn,
    /// <summary>A segment whose flags the state does not accept.</summary>
    TcpFlags,
    /// <summary>An ACK for data older than the send window.</summary>
    TcpTooOldAck,
    /// <summary>An ACK for data not yet sent.</summary>
    TcpAckUnsentData,
    /// <summary>A segment for a socket that is closed or closing and takes no more data.</summary>
    TcpClose,
    /// <summary>A retransmission of data already received.</summary>
    TcpOldData,
    /// <summary>Data beyond the receive window.</summary>
    TcpOverWindow,
    /// <summary>Data out of order; NetSim keeps no out-of-order queue and waits for the retransmission.</summary>
    TcpOfoDrop,
    /// <summary>A listener's accept queue is full.</summary>
    TcpListenOverflow,
    /// <summary>Data for a socket whose program has closed it: answered by a reset.</summary>
    TcpAbortOnData,
    UdpCsum,
    NetfilterDrop,
    OtherHost,
    IpCsum,
    IpInHdr,
    IpRpFilter,
    IpNoProto,
    IpOutNoRoutes,
    IpInNoRoutes,
    IpInAddrErrors,
    NeighFailed,
    NeighQueueFull,
    NeighDead,
    UnhandledProto,
    DevReady,
    HdrTrunc,
    IcmpCsum,
    InvalidProto,
    PktTooBig,
    TtlExceeded,
    /// <summary>NetSim does not reassemble IPv4 fragments yet.</summary>
    IpFragment,
    /// <summary>A bridge port in a state that does not forward (blocking, listening, learning).</summary>
    BridgePortState,
    /// <summary>A bridge would send a frame back out of the port it came in on (no hairpin).</summary>
    BridgeIngressPort,
    /// <summary>The wire or device is down or has no carrier.</summary>
    NoCarrier,
    /// <summary>A route of type blackhole, unreachable or prohibit.</summary>
    IpRouteReject,
    /// <summary>Malformed bytes a header parser rejected.</summary>
    Malformed,
}

public static class DropReasons
{
    /// <summary>The kernel's name, e.g. NETFILTER_DROP, or NetSim's own in the same style.</summary>
    public static string KernelName(this DropReason reason) => reason switch
    {
        DropReason.None => "NOT_DROPPED",
        DropReason.NotSpecified => "NOT_SPECIFIED",
        DropReason.NoSocket => "NO_SOCKET",
        DropReason.PktTooSmall => "PKT_TOO_SMALL",
        DropReason.TcpCsum => "TCP_CSUM",
        DropReason.TcpInvalidSequence => "TCP_INVALID_SEQUENCE",
        DropReason.TcpReset => "TCP_RESET",
        DropReason.TcpInvalidSyn => "TCP_INVALID_SYN",
        DropReason.TcpFlags => "TCP_FLAGS",
        DropReason.TcpTooOldAck => "TCP_TOO_OLD_ACK",
        DropReason.TcpAckUnsentData => "TCP_ACK_UNSENT_DATA",
        DropReason.TcpClose => "TCP_CLOSE",
        DropReason.TcpOldData => "TCP_OLD_DATA",
        DropReason.TcpOverWindow => "TCP_OVERWINDOW",
        DropReason.TcpOfoDrop => "TCP_OFO_DROP",
        DropReason.TcpListenOverflow => "TCP_LISTEN_OVERFLOW",
        DropReason.TcpAbortOnData => "TCP_ABORT_ON_DATA",
        DropReason.UdpCsum => "UDP_CSUM",
        DropReason.NetfilterDrop => "NETFILTER_DROP",
        DropReason.OtherHost => "OTHERHOST",
        DropReason.IpCsum => "IP_CSUM",
        DropReason.IpInHdr => "IP_INHDR",
        DropReason.IpRpFilter => "IP_RPFILTER",
        DropReason.IpNoProto => "IP_NOPROTO",
        DropReason.IpOutNoRoutes => "IP_OUTNOROUTES",
        DropReason.IpInNoRoutes => "IP_INNOROUTES",
        DropReason.IpInAddrErrors => "IP_INADDRERRORS",
        DropReason.NeighFailed => "NEIGH_FAILED",
        DropReason.NeighQueueFull => "NEIGH_QUEUEFULL",
        DropReason.NeighDead => "NEIGH_DEAD",
        DropReason.UnhandledProto => "UNHANDLED_PROTO",
        DropReason.DevReady => "DEV_READY",
        DropReason.HdrTrunc => "HDR_TRUNC",
        DropReason.IcmpCsum => "ICMP_CSUM",
        DropReason.InvalidProto => "INVALID_PROTO",
        DropReason.PktTooBig => "PKT_TOO_BIG",
        DropReason.TtlExceeded => "IP_TTL_EXCEEDED",
        DropReason.IpFragment => "IP_FRAGMENT (NetSim: fragments not modelled)",
        DropReason.BridgePortState => "BRIDGE_PORT_STATE",
        DropReason.BridgeIngressPort => "BRIDGE_INGRESS_PORT",
        DropReason.NoCarrier => "NO_CARRIER",
        DropReason.IpRouteReject => "IP_ROUTE_REJECT",
        DropReason.Malformed => "MALFORMED",
        _ => reason.ToString(),
    };
}
