using System.Buffers.Binary;
using Simulator.Core.Packets;
using Simulator.Core.Tracing;
using Simulator.Core.Wire;
using Simulator.Devices.Ipv4;
using Simulator.Devices.Links;
using Simulator.Devices.Links.Bridge;

namespace Simulator.Devices.Netfilter;

/// <summary>
/// br_netfilter (net/bridge/br_netfilter_hooks.c) for one bridge: with
/// <c>net.bridge.bridge-nf-call-iptables=1</c> (the default where the module is loaded, as on
/// the reference machine), an IPv4 frame the bridge passes goes through the iptables chains of
/// the bridge's namespace, with the bridge as in/out device and the ports as physdev:
/// <list type="bullet">
/// <item>NF_BR_PRE_ROUTING (br_nf_pre_routing): iptables PREROUTING (raw, conntrack, mangle,
/// DNAT) with in=bridge and physdev-in=port, for every IPv4 frame that enters from a port, the
/// ones for the bridge's own address too; the frame keeps a record of it (skb's nf_bridge), and
/// the IPv4 receive path then skips PREROUTING (ip_sabotage_in, in
/// <see cref="NamespaceFirewall.Run"/>) and goes on to INPUT as usual.</item>
/// <item>NF_BR_FORWARD (br_nf_forward_ip): iptables FORWARD with in=out=bridge and
/// physdev-in/physdev-out, for a frame with that record.</item>
/// <item>NF_BR_POST_ROUTING (br_nf_post_routing): iptables POSTROUTING (SNAT, conntrack
/// confirm) with out=bridge and physdev-out, for a frame with that record.</item>
/// </list>
/// Frames the bridge's own stack sends have passed OUTPUT and POSTROUTING in the IPv4 stack
/// already and have no record: br_nf_post_routing lets them by.
/// </summary>
/// <remarks>
/// Not modelled: arptables (bridge-nf-call-arptables: ARP frames pass untouched), ip6tables
/// (IPv6 is not modelled), VLAN- and PPPoE-tagged frames (bridge-nf-filter-vlan-tagged and
/// -pppoe-tagged are 0, so they pass untouched on the kernel too), and the re-routing that
/// br_nf_pre_routing_finish does when DNAT changed a bridged frame's destination (the frame here
/// goes on to the port its MAC address names).
/// </remarks>
public sealed class BridgeNetfilter(BridgeDevice bridge) : IBridgeHooks
{
    public NfVerdict Run(BridgeHook hook, Packet frame, NetDevice? input, NetDevice? output)
    {
        var ns = bridge.Namespace;
        if (ns?.ExistingFirewall is not { } firewall || firewall.BridgeCallIptables == 0 || !firewall.IsRegistered)
            return NfVerdict.Accept;
        var data = frame.Data;
        if (data.Length < EthernetFrame.MinHeaderLength ||
            BinaryPrimitives.ReadUInt16BigEndian(data[EthernetFrame.EtherTypeOffset..]) != (ushort)EtherType.Ipv4)
            return NfVerdict.Accept;
        switch (hook)
        {
            case BridgeHook.PreRouting:
                return PreRouting(firewall, frame, input!);
            case BridgeHook.Forward when frame.NfBridge:
                return Call(firewall, NfHook.Forward, frame, input, output);
            case BridgeHook.PostRouting when frame.NfBridge:
                var physIn = ns.FindDevice(frame.PhysicalInputInterface);
                // The frame leaves the bridge: its record goes with br_nf_dev_queue_xmit.
                var verdict = Call(firewall, NfHook.PostRouting, frame, physIn, output);
                frame.NfBridge = false;
                return verdict;
            default:
                return NfVerdict.Accept;
        }
    }

    /// <summary>
    /// br_nf_pre_routing: br_validate_ipv4 first (a bad header is dropped here, and Ethernet
    /// padding is trimmed off as ip_rcv would), then PREROUTING.
    /// </summary>
    private NfVerdict PreRouting(NamespaceFirewall firewall, Packet frame, NetDevice port)
    {
        var packet = frame.Data[EthernetFrame.MinHeaderLength..];
        var reason = Ipv4Repr.TryParse(packet, ChecksumMode.Verify, out var header);
        // A fragment would be reassembled by conntrack first (nf_defrag_ipv4), which is not
        // modelled: it is bridged without the chains.
        if (reason == DropReason.IpFragment) return NfVerdict.Accept;
        if (reason != DropReason.None)
        {
            port.Drop(frame, DropReason.IpInHdr, "br_netfilter: bad IPv4 header");
            return NfVerdict.Stolen;
        }
        frame.Trim(EthernetFrame.MinHeaderLength + header.BufferLength);
        var verdict = Call(firewall, NfHook.PreRouting, frame, port, null);
        if (verdict == NfVerdict.Accept) frame.NfBridge = true;
        return verdict;
    }

    /// <summary>Runs the iptables hook on the frame's IPv4 packet, the Ethernet header set aside meanwhile.</summary>
    private NfVerdict Call(NamespaceFirewall firewall, NfHook hook, Packet frame, NetDevice? physIn, NetDevice? physOut)
    {
        frame.Pull(EthernetFrame.MinHeaderLength);
        var verdict = firewall.RunBridged(hook, frame, bridge, physIn, physOut);
        frame.Push(EthernetFrame.MinHeaderLength);
        return verdict;
    }
}
