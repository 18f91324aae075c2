namespace Simulator.Core.Tracing;

public enum TraceKind : byte
{
    /// <summary>A frame arrived on a device.</summary>
    Receive,
    /// <summary>A frame left a device.</summary>
    Transmit,
    /// <summary>A device's master (bridge, bond, macvlan…) took the frame.</summary>
    RxHandler,
    /// <summary>A netfilter hook gave its verdict.</summary>
    HookVerdict,
    /// <summary>The routing decision for a packet.</summary>
    Route,
    /// <summary>NAT rewrote a packet's addresses or ports.</summary>
    NatRewrite,
    /// <summary>The packet reached a local socket or protocol handler.</summary>
    Deliver,
    /// <summary>The packet died; <see cref="TraceEvent.Reason"/> says why.</summary>
    Drop,
}

/// <summary>
/// One observation of a packet on its way through the model. Text output (traces, tcpdump)
/// is rendered from these; tests assert on them rather than on log strings.
/// </summary>
/// <param name="Time">Virtual time in nanoseconds.</param>
/// <param name="Namespace">The network namespace the event happened in.</param>
/// <param name="Device">The device involved, or null.</param>
/// <param name="Frame">A copy of the bytes at that point (Ethernet frame or IPv4 packet,
/// as <paramref name="Kind"/> implies), taken only when tracing is on.</param>
/// <param name="Detail">A short human explanation: hook and rule, route chosen, rewrite…</param>
public sealed record TraceEvent(
    long Time,
    TraceKind Kind,
    string Namespace,
    string? Device,
    DropReason Reason,
    string? Detail,
    ReadOnlyMemory<byte> Frame);

/// <summary>Receives trace events. Attaching none costs the packet path one null test.</summary>
public interface ITraceSink
{
    void Record(TraceEvent traceEvent);
}
