using Simulator.Core.Packets;
using Simulator.Core.Tracing;
using Simulator.Devices.Ipv4;
using Simulator.Devices.Links;
using Simulator.Devices.Namespaces;
using Simulator.Netfilter;
using Simulator.Netfilter.Conntrack;
using Simulator.Netfilter.Tables;
using Simulator.Netfilter.Targets;
using Simulator.Netfilter.Traversal;

namespace Simulator.Devices.Netfilter;

/// <summary>
/// A namespace's netfilter: its iptables tables, its connection table and NAT, run at the five
/// IPv4 hooks in the kernel's priority order — raw (-300), conntrack (-200), mangle (-150),
/// nat DNAT (-100), filter (0), security (50), nat SNAT (100), conntrack confirm (last). The
/// stack calls it only while something is registered: a built-in chain exists in some table, or
/// a rule needs connection tracking (as the kernel, which tracks nothing in a namespace until
/// then). The nat table is consulted for the first packet of a connection only; later packets,
/// and replies, are translated from the connection's binding.
/// </summary>
public sealed partial class NamespaceFirewall : IIpv4Hooks
{
    private readonly NetworkNamespace _ns;
    private readonly Conntracker _tracker;
    private readonly NatHook _nat;
    private readonly HookObserver _observer;
    /// <summary>Per hook, the tables with a built-in chain there (nat aside), in priority order.</summary>
    private readonly Table[][] _registered = new Table[5][];
    private bool _tracking;
    private bool _natActive;

    internal NamespaceFirewall(NetworkNamespace ns)
    {
        _ns = ns;
        Tables = new NetfilterTables();
        Connections = new ConntrackTable(ns.World.Simulation);
        _tracker = new Conntracker(Connections);
        _nat = new NatHook(this);
        _observer = new HookObserver(this);
        for (int i = 0; i < _registered.Length; i++) _registered[i] = [];
        Tables.Changed += Reconfigure;
        ns.World.NetdevEvents += OnNetdevEvent;
    }

    public NetworkNamespace Namespace => _ns;
    internal Ipv4Stack Stack => _ns.Ipv4;

    /// <summary>The namespace's iptables tables (what the iptables commands edit).</summary>
    public NetfilterTables Tables { get; }

    /// <summary>The namespace's connection table (what conntrack lists).</summary>
    public ConntrackTable Connections { get; }

    /// <summary>Connection tracking is on: some rule needs it (a nat chain, -m conntrack/state, CONNMARK, CT).</summary>
    public bool IsTracking => _tracking;

    /// <summary>
    /// net.netfilter.nf_log_all_netns (initial namespace only): LOG in other namespaces writes to
    /// the kernel log only when this is set (nf_log_allowed).
    /// </summary>
    public int LogAllNetns { get; set; }

    /// <summary>
    /// net.bridge.bridge-nf-call-iptables: bridged IPv4 frames go through this namespace's
    /// iptables chains (<see cref="BridgeNetfilter"/>). 1 in a fresh namespace, as measured on
    /// Linux 6.18 with br_netfilter loaded.
    /// </summary>
    public int BridgeCallIptables { get; set; } = 1;

    /// <summary>True while the IPv4 stack calls this firewall: some table or tracking is registered.</summary>
    internal bool IsRegistered => Stack.Hooks == this;

    /// <summary>Re-derive what is registered after a table changed, and attach or detach the stack's hooks.</summary>
    private void Reconfigure()
    {
        foreach (var hook in Enum.GetValues<NetfilterHook>())
        {
            _registered[(int)hook] = [.. TableSchema.TablesAt(hook)
                .Where(kind => kind != TableKind.Nat)
                .Select(kind => Tables[kind])
                .Where(table => table.Exists && table.BuiltinChain(hook) is { Exists: true })];
        }
        _natActive = Tables.Nat.Exists && Tables.Nat.BuiltinChains.Any(c => c.Exists);
        _tracking = Tables.NeedConntrack();
        bool any = _tracking || _natActive || _registered.Any(tables => tables.Length > 0);
        Stack.Hooks = any ? this : null;
    }

    /// <inheritdoc/>
    public NfVerdict Run(NfHook hook, Packet packet, NetDevice? input, NetDevice? output)
    {
        if (hook == NfHook.PreRouting && packet.NfBridge)
        {
            // ip_sabotage_in: the bridge already ran PREROUTING (and conntrack, DNAT) for this
            // frame on its way to the bridge device; the IPv4 receive path does not run it twice.
            // The frame has left the bridge, so its record goes.
            packet.NfBridge = false;
            return NfVerdict.Accept;
        }
        return RunHook((NetfilterHook)hook, packet, input, output, bridge: default);
    }

    /// <summary>
    /// The hook point for bridge netfilter (br_netfilter with net.bridge.bridge-nf-call-iptables=1):
    /// the bridge calls this for an IPv4 frame it passes at <paramref name="hook"/>, with the
    /// bridge device as in/out device and the ports as physdev. The chains see the packet with
    /// its physdev information, as -m physdev expects.
    /// </summary>
    public NfVerdict RunBridged(NfHook hook, Packet packet, NetDevice bridgeDevice, NetDevice? physIn, NetDevice? physOut)
    {
        var netfilterHook = (NetfilterHook)hook;
        var input = netfilterHook is NetfilterHook.LocalOut ? null : bridgeDevice;
        var output = netfilterHook is NetfilterHook.PreRouting or NetfilterHook.LocalIn ? null : bridgeDevice;
        return RunHook(netfilterHook, packet, input, output, new BridgeInfo(physIn?.Name, physOut?.Name));
    }

    private readonly record struct BridgeInfo(string? PhysIn, string? PhysOut)
    {
        public bool IsBridged => PhysIn is not null || PhysOut is not null;
    }

    private NfVerdict RunHook(NetfilterHook hook, Packet packet, NetDevice? input, NetDevice? output, BridgeInfo bridge)
    {
        var tables = _registered[(int)hook];
        bool conntrackHere = hook is NetfilterHook.PreRouting or NetfilterHook.LocalOut;
        bool natHere = _natActive && hook != NetfilterHook.Forward;
        bool confirmHere = hook is NetfilterHook.LocalIn or NetfilterHook.PostRouting;

        var context = PacketContexts.Build(hook, packet, input, output);
        if (bridge.IsBridged)
        {
            context.IsBridged = true;
            context.PhysInDevice = bridge.PhysIn;
            context.PhysOutDevice = bridge.PhysOut;
        }

        int index = 0;
        // raw, at -300, before connection tracking.
        while (index < tables.Length && TableSchema.Priority(tables[index].Kind, hook) < TableSchema.ConntrackPriority)
        {
            var verdict = Traverse(tables[index++], hook, packet, ref context, input, output);
            if (verdict != NfVerdict.Accept) return verdict;
        }
        if (conntrackHere && _tracking && packet.Conntrack is null)
        {
            if (context.Conntrack == ConntrackStates.Untracked)
            {
                packet.Conntrack = Untracked.Instance;
                packet.ConntrackInfo = (byte)ConntrackInfo.Untracked;
            }
            else
            {
                var result = _tracker.In(packet.Data, hook == NetfilterHook.PreRouting);
                if (result.Drop) return NfVerdict.Drop;
                packet.Conntrack = result.Entry;
                packet.ConntrackInfo = (byte)result.Info;
                PacketContexts.SetConnection(ref context, packet);
            }
        }
        int natPriority = hook is NetfilterHook.PreRouting or NetfilterHook.LocalOut
            ? TableSchema.NatDestinationPriority
            : TableSchema.NatSourcePriority;
        bool natDone = !natHere;
        for (; index < tables.Length; index++)
        {
            if (!natDone && TableSchema.Priority(tables[index].Kind, hook) > natPriority)
            {
                natDone = true;
                var natVerdict = _nat.Run(hook, packet, ref context, input, output);
                if (natVerdict != NfVerdict.Accept) return natVerdict;
            }
            var verdict = Traverse(tables[index], hook, packet, ref context, input, output);
            if (verdict != NfVerdict.Accept) return verdict;
        }
        if (!natDone)
        {
            var natVerdict = _nat.Run(hook, packet, ref context, input, output);
            if (natVerdict != NfVerdict.Accept) return natVerdict;
        }
        if (confirmHere && packet.Conntrack is ConntrackEntry entry
            && !_tracker.Confirm(entry, (ConntrackInfo)packet.ConntrackInfo))
        {
            return NfVerdict.Drop;
        }
        return NfVerdict.Accept;
    }

    /// <summary>One table's chain at the hook; MARK/CONNMARK results go back to the packet and its connection.</summary>
    internal NfVerdict Traverse(Table table, NetfilterHook hook, Packet packet, ref PacketContext context,
        NetDevice? input, NetDevice? output)
    {
        var result = RunChain(table, hook, packet, ref context, input, output);
        if (packet.Conntrack is ConntrackEntry entry && context.HasConnection) entry.ChangeMark(context.ConnMark);
        if (table.Kind == TableKind.Raw && context.Conntrack == ConntrackStates.Untracked && packet.Conntrack is null)
        {
            packet.Conntrack = Untracked.Instance;
            packet.ConntrackInfo = (byte)ConntrackInfo.Untracked;
        }
        switch (result.Verdict.Kind)
        {
            case VerdictKind.Drop:
                return NfVerdict.Drop;
            case VerdictKind.Reject:
                RejectReply.Send(this, packet, hook, input, result.Verdict.RejectWith);
                return NfVerdict.Drop;
            default:
                return NfVerdict.Accept;
        }
    }

    /// <summary>Traverses the table's chain at the hook, with LOG and tracing; the packet takes the new mark.</summary>
    internal TraversalResult RunChain(Table table, NetfilterHook hook, Packet packet, ref PacketContext context,
        NetDevice? input, NetDevice? output)
    {
        _observer.Begin(packet, input, output, context);
        var result = ChainTraversal.Traverse(table, hook, ref context, _observer);
        packet.Mark = context.Mark;
        if (_ns.World.Simulation.Trace is not null) TraceVerdict(table, hook, result, packet, input ?? output);
        return result;
    }

    private void TraceVerdict(Table table, NetfilterHook hook, TraversalResult result, Packet packet, NetDevice? device)
    {
        string where = result.FromPolicy ? "policy" : $"{result.Chain} rule {result.RuleNumber}";
        _ns.World.Simulation.Record(new TraceEvent(_ns.World.Simulation.Now, TraceKind.HookVerdict, _ns.DisplayName, device?.Name,
            result.Verdict.Kind == VerdictKind.Drop ? DropReason.NetfilterDrop : DropReason.None,
            $"{table.Name} {hook.ChainName()}: {where}: {result.Verdict}", packet.Data.ToArray()));
    }

    internal void TraceNat(string detail, Packet packet, NetDevice? device)
    {
        if (_ns.World.Simulation.Trace is null) return;
        _ns.World.Simulation.Record(new TraceEvent(_ns.World.Simulation.Now, TraceKind.NatRewrite, _ns.DisplayName, device?.Name,
            DropReason.None, detail, packet.Data.ToArray()));
    }

    /// <summary>
    /// nf_nat_masquerade_inet's notifiers: when the device a MASQUERADE binding went out of goes
    /// down, its connections are forgotten, so new ones pick the address the device gets next.
    /// </summary>
    private void OnNetdevEvent(NetDevice device, NetdevEvent netdevEvent)
    {
        if (device.Namespace != _ns || netdevEvent is not (NetdevEvent.Down or NetdevEvent.Unregister)) return;
        foreach (var entry in Connections.Entries.Where(e => e.MasqueradeIfIndex == device.IfIndex).ToList())
            Connections.Kill(entry);
    }
}
