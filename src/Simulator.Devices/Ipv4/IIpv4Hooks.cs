using Simulator.Core.Packets;
using Simulator.Devices.Links;

namespace Simulator.Devices.Ipv4;

/// <summary>The five IPv4 netfilter hook points (NF_INET_*).</summary>
public enum NfHook
{
    PreRouting,
    LocalIn,
    Forward,
    LocalOut,
    PostRouting,
}

public enum NfVerdict
{
    /// <summary>Continue with the code after the hook (the ...Finish function).</summary>
    Accept,
    /// <summary>Drop: the caller frees the packet with reason NETFILTER_DROP.</summary>
    Drop,
    /// <summary>The hook took the packet (e.g. it queued or consumed it); the caller must not touch it.</summary>
    Stolen,
}

/// <summary>
/// What the IPv4 paths call at each hook. The netfilter model implements it; a namespace
/// without rules or connection tracking has none, and the hooks cost nothing.
/// </summary>
public interface IIpv4Hooks
{
    /// <param name="packet">The packet, IPv4 header first; a hook may rewrite it (NAT, mark).</param>
    /// <param name="input">The device it came in on (PREROUTING, INPUT, FORWARD).</param>
    /// <param name="output">The device it goes out of (FORWARD, OUTPUT, POSTROUTING).</param>
    NfVerdict Run(NfHook hook, Packet packet, NetDevice? input, NetDevice? output);
}
