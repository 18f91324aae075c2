using Simulator.Core.Addressing;
using Simulator.Core.Packets;
using Simulator.Core.Wire;
using Simulator.Devices.Ipv4;
using Simulator.Devices.Links;
using Simulator.Netfilter;
using Simulator.Netfilter.Conntrack;
using Simulator.Netfilter.Nat;
using Simulator.Netfilter.Tables;
using Simulator.Netfilter.Targets;

namespace Simulator.Devices.Netfilter;

/// <summary>
/// The NAT hooks (net/netfilter/nf_nat_proto.c nf_nat_ipv4_fn and nf_nat_core.c nf_nat_inet_fn):
/// for a connection's first packet, the nat table's chain at this hook decides the binding (none:
/// the null binding); every packet is then rewritten from the binding, replies the other way
/// round; ICMP errors about a translated connection have their quoted packet translated too.
/// </summary>
internal sealed class NatHook(NamespaceFirewall firewall)
{
    public NfVerdict Run(NetfilterHook hook, Packet packet, ref PacketContext context, NetDevice? input, NetDevice? output)
    {
        if (packet.Conntrack is not ConntrackEntry entry) return NfVerdict.Accept;
        var info = (ConntrackInfo)packet.ConntrackInfo;
        var manip = NatManipTypes.ForHook(hook);
        var data = packet.Data;

        if (info.IsRelated() && data[Ipv4Packet.ProtocolOffset] == (byte)IpProtocol.Icmp)
        {
            var before = Tracing ? Describe(data) : null;
            NatRewrite.TranslateIcmpError(data, entry, info, manip);
            Reread(ref context, packet, before, output ?? input);
            return NfVerdict.Accept;
        }

        if (info is ConntrackInfo.New or ConntrackInfo.Related or ConntrackInfo.RelatedReply)
        {
            if (!NatBinding.IsInitialized(entry, manip))
            {
                var verdict = Lookup(hook, packet, ref context, entry, manip, input, output);
                if (verdict != NfVerdict.Accept) return verdict;
            }
            else if (MasqueradeOutputChanged(hook, info, entry, output))
            {
                firewall.Connections.Kill(entry);
                return NfVerdict.Drop;
            }
        }
        else if (MasqueradeOutputChanged(hook, info, entry, output))
        {
            firewall.Connections.Kill(entry);
            return NfVerdict.Drop;
        }

        var statusBit = manip == NatManipType.Source ? ConntrackStatus.SrcNat : ConntrackStatus.DstNat;
        var direction = info.Direction();
        if (direction == ConntrackDirection.Reply) statusBit ^= ConntrackStatus.NatMask;
        if ((entry.Status & statusBit) != 0)
        {
            var before = Tracing ? Describe(data) : null;
            NatRewrite.ManipulatePacket(data, entry, manip, direction);
            Reread(ref context, packet, before, output ?? input);
        }
        return NfVerdict.Accept;
    }

    /// <summary>The nat chain's verdict for a new connection, turned into its binding.</summary>
    private NfVerdict Lookup(NetfilterHook hook, Packet packet, ref PacketContext context, ConntrackEntry entry,
        NatManipType manip, NetDevice? input, NetDevice? output)
    {
        var nat = firewall.Tables.Nat;
        var random = firewall.Namespace.World.Simulation.Random;
        if (nat.BuiltinChain(hook) is { Exists: true })
        {
            var spec = default(NatSpec);
            bool translate = false;
            // The traversal counts the rule (once per connection: only first packets get here).
            var probe = context;
            var verdictResult = TraverseNat(hook, packet, ref probe, input, output, out spec, out translate);
            if (verdictResult != NfVerdict.Accept) return verdictResult;
            if (translate)
            {
                var range = spec.Range;
                switch (spec.Kind)
                {
                    case NatKind.Masquerade:
                        // Source address 0.0.0.0: a local packet that is probably not going to work.
                        if (entry.Original.Source.IsUnspecified) return NfVerdict.Accept;
                        var source = MasqueradeSource(packet, output!);
                        if (!source.IsValid || source.IsUnspecified) return NfVerdict.Drop;
                        entry.MasqueradeIfIndex = output!.IfIndex;
                        range = range with { MinAddress = source, MaxAddress = source, Flags = range.Flags | NatRangeFlags.MapIps };
                        break;
                    case NatKind.Redirect:
                        var destination = hook == NetfilterHook.LocalOut ? Ipv4Address.Loopback : FirstAddress(input);
                        if (!destination.IsValid) return NfVerdict.Drop;
                        range = range with { MinAddress = destination, MaxAddress = destination, Flags = range.Flags | NatRangeFlags.MapIps };
                        break;
                }
                NatBinding.Setup(firewall.Connections, entry, range, manip, random);
                return NfVerdict.Accept;
            }
        }
        NatBinding.SetupNull(firewall.Connections, entry, manip, random);
        return NfVerdict.Accept;
    }

    private NfVerdict TraverseNat(NetfilterHook hook, Packet packet, ref PacketContext context, NetDevice? input,
        NetDevice? output, out NatSpec spec, out bool translate)
    {
        spec = default;
        translate = false;
        var result = firewall.RunChain(firewall.Tables.Nat, hook, packet, ref context, input, output);
        switch (result.Verdict.Kind)
        {
            case VerdictKind.Drop:
                return NfVerdict.Drop;
            case VerdictKind.Nat:
                spec = result.Verdict.Nat;
                translate = true;
                return NfVerdict.Accept;
            default:
                return NfVerdict.Accept;
        }
    }

    /// <summary>
    /// nf_nat_masquerade_ipv4: the output device's address for the next hop
    /// (inet_select_addr(out, nexthop, RT_SCOPE_UNIVERSE)).
    /// </summary>
    private Ipv4Address MasqueradeSource(Packet packet, NetDevice output)
    {
        var destination = new Ipv4Packet(packet.Data).Destination;
        var nextHop = destination;
        if (firewall.Stack.Routes.ResolveOutput(destination, default, output.IfIndex, out var route) is null)
            nextHop = route.NextHop;
        return output.Ip?.SelectAddress(nextHop, Ipv4.Routing.RouteScope.Universe) ?? default;
    }

    /// <summary>nf_nat_redirect_ipv4: the first address of the device the packet came in on.</summary>
    private static Ipv4Address FirstAddress(NetDevice? input) =>
        input?.Ip?.Primaries.FirstOrDefault()?.Local ?? default;

    /// <summary>nf_nat_oif_changed: a masqueraded connection whose packets now leave by another device dies.</summary>
    private static bool MasqueradeOutputChanged(NetfilterHook hook, ConntrackInfo info, ConntrackEntry entry, NetDevice? output) =>
        entry.MasqueradeIfIndex != 0 && hook == NetfilterHook.PostRouting && info.Direction() == ConntrackDirection.Original
        && output is not null && entry.MasqueradeIfIndex != output.IfIndex;

    private bool Tracing => firewall.Namespace.World.Simulation.Trace is not null;

    private void Reread(ref PacketContext context, Packet packet, string? before, NetDevice? device)
    {
        PacketContexts.ReadHeaders(ref context, packet.Data);
        if (before is not null) firewall.TraceNat($"{before} -> {Describe(packet.Data)}", packet, device);
    }

    private static string Describe(Span<byte> data)
    {
        var ip = new Ipv4Packet(data);
        if (!Conntracker.TryGetTuple(ip.Source, ip.Destination, (byte)ip.Protocol, ip.Payload, out var tuple)) return $"{ip.Source} > {ip.Destination}";
        return tuple.ToString();
    }
}
