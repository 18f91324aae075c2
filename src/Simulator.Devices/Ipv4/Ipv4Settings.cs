namespace Simulator.Devices.Ipv4;

/// <summary>A namespace's global net.ipv4.* settings (not per interface), with the kernel's defaults.</summary>
public sealed class Ipv4Settings
{
    public int DefaultTtl = 64;
    public int IcmpEchoIgnoreAll;
    public int IcmpEchoIgnoreBroadcasts = 1;
    public int IcmpIgnoreBogusErrorResponses = 1;
    public int IcmpErrorsUseInboundIfaddr;
    /// <summary>Milliseconds between ICMP errors to one peer (inet_peer_xrlim_allow's timeout).</summary>
    public int IcmpRatelimit = 1000;
    /// <summary>Which ICMP types the per-peer limit applies to: dest unreach, source quench, time exceeded, param problem.</summary>
    public int IcmpRatemask = 6168;
    public int IcmpMsgsPerSec = 1000;
    public int IcmpMsgsBurst = 50;
    public int LocalPortRangeLow = 32768;
    public int LocalPortRangeHigh = 60999;
    public int PingGroupRangeLow = 1;
    public int PingGroupRangeHigh;
    public int IpNonlocalBind;
}
