namespace Simulator.Devices.Sysctl;

/// <summary>
/// Neighbour (ARP) timing and limits, net.ipv4.neigh.{default,DEV}.* (the kernel's
/// <c>neigh_parms</c>). Times are kept as the sysctl shows them.
/// </summary>
public sealed class NeighParms
{
    public int AnycastDelay = 100;
    public int AppSolicit;
    public int BaseReachableTimeMs = 30_000;
    public int DelayFirstProbeTime = 5;
    public int GcStaleTime = 60;
    public int IntervalProbeTimeMs = 5000;
    public int Locktime = 100;
    public int McastResolicit;
    public int McastSolicit = 3;
    public int ProxyDelay = 80;
    public int ProxyQlen = 64;
    public int RetransTimeMs = 1000;
    public int UcastSolicit = 3;
    public int UnresQlenBytes = 212_992;

    /// <summary>The kernel's SKB_TRUESIZE(ETH_FRAME_LEN) on x86-64, the unit unres_qlen counts in.</summary>
    private const int FrameTrueSize = 2112;

    /// <summary>unres_qlen is a view of unres_qlen_bytes (proc_unres_qlen rounds up).</summary>
    public int UnresQlen
    {
        get => (UnresQlenBytes + FrameTrueSize - 1) / FrameTrueSize;
        set => UnresQlenBytes = value * FrameTrueSize;
    }

    public NeighParms Clone() => (NeighParms)MemberwiseClone();
}
