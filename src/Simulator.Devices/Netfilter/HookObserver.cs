using Simulator.Core.Packets;
using Simulator.Devices.Links;
using Simulator.Netfilter;
using Simulator.Netfilter.Log;
using Simulator.Netfilter.Tables;
using Simulator.Netfilter.Targets;
using Simulator.Netfilter.Traversal;

namespace Simulator.Devices.Netfilter;

/// <summary>
/// Follows a traversal for the firewall: a matched LOG rule writes its line to the kernel log
/// (nf_log_packet), which only the initial namespace may do unless nf_log_all_netns is set there.
/// One instance serves the namespace; <see cref="Begin"/> sets the packet before each traversal.
/// </summary>
internal sealed class HookObserver(NamespaceFirewall firewall) : ITraversalObserver
{
    private Packet? _packet;
    private NetDevice? _input;
    private NetDevice? _output;
    private PacketContext _context;

    public void Begin(Packet packet, NetDevice? input, NetDevice? output, in PacketContext context)
    {
        _packet = packet;
        _input = input;
        _output = output;
        _context = context;
    }

    public void RuleMatched(Table table, Chain chain, int ruleNumber, Rule rule, Verdict verdict, in PacketContext packet)
    {
        if (rule.Target is LogTarget log && _packet is not null && LogAllowed())
        {
            var line = PacketLogLine.Format(log, _input?.Name, _output?.Name, PacketContexts.ReceivedMacHeader(_packet),
                _packet.Data, packet.Mark, _context.IsBridged ? _context.PhysInDevice : null,
                _context.IsBridged ? _context.PhysOutDevice : null);
            firewall.Namespace.World.Kernel.Log(line);
        }
    }

    public void PolicyApplied(Table table, Chain chain, Verdict verdict, in PacketContext packet)
    {
    }

    /// <summary>nf_log_allowed: the initial namespace, or any when the initial one's nf_log_all_netns is 1.</summary>
    private bool LogAllowed()
    {
        var world = firewall.Namespace.World;
        if (firewall.Namespace == world.InitialNamespace) return true;
        return world.InitialNamespace.Firewall.LogAllNetns != 0;
    }
}
