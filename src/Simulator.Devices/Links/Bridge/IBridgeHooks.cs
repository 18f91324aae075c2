using Simulator.Core.Packets;
using Simulator.Devices.Ipv4;

namespace Simulator.Devices.Links.Bridge;

/// <summary>The bridge's netfilter hook points (NF_BR_*, include/uapi/linux/netfilter_bridge.h).</summary>
public enum BridgeHook
{
    PreRouting,
    LocalIn,
    Forward,
    LocalOut,
    PostRouting,
}

/// <summary>
/// Where bridge netfilter (ebtables, and br_netfilter's bridge-nf-call-iptables with its physdev
/// information) plugs into the bridge's data path. The bridge calls it at the five NF_BR_* points
/// and continues with the matching ...Finish step only on <see cref="NfVerdict.Accept"/>.
/// <see cref="Netfilter.BridgeNetfilter"/> implements it (ebtables is not modelled).
/// </summary>
public interface IBridgeHooks
{
    /// <param name="frame">The whole Ethernet frame, header first.</param>
    /// <param name="input">The port it came in on (or the bridge for LOCAL_IN), if any.</param>
    /// <param name="output">The port it goes out of (FORWARD, LOCAL_OUT, POST_ROUTING).</param>
    NfVerdict Run(BridgeHook hook, Packet frame, NetDevice? input, NetDevice? output);
}
