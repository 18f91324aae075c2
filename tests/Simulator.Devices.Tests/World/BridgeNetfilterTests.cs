using Simulator.Devices.Links.Bridge;
using Simulator.Devices.Namespaces;
using Simulator.Devices.Tests.Bridge;
using Simulator.Netfilter.Matches;
using Simulator.Netfilter.Tables;
using Simulator.Netfilter.Targets;

namespace Simulator.Devices.Tests.Outside;

/// <summary>
/// br_netfilter: bridged IPv4 through the bridge namespace's iptables chains, seed 000's way.
/// <code>
///   a 10.0.0.1 ── pa ┐
///                    br0 10.0.0.254 (host)
///   b 10.0.0.2 ── pb ┘
/// </code>
/// </summary>
public class BridgeNetfilterTests
{
    private Simulator.Devices.Namespaces.World _world = null!;
    private NetworkNamespace _host = null!, _a = null!, _b = null!;
    private BridgeDevice _bridge = null!;

    [SetUp]
    public void Build()
    {
        _world = new Simulator.Devices.Namespaces.World();
        _host = _world.InitialNamespace;
        _a = _world.CreateNamespace("a");
        _b = _world.CreateNamespace("b");
        _bridge = BridgeTopology.Bridge(_host, "br0");
        BridgeTopology.Station(_bridge, _a, "pa", "10.0.0.1/24");
        BridgeTopology.Station(_bridge, _b, "pb", "10.0.0.2/24");
        Support.Topology.Address(_bridge, "10.0.0.254/24");
        _world.Simulation.RunFor(31 * Core.Engine.Simulation.Second); // past the ports' forward delay
    }

    private Table Filter => _host.Firewall.Tables.Filter;

    private void DropForward() => Assert.That(Filter.SetPolicy("FORWARD", ChainPolicy.Drop).Ok);

    private void AcceptBetween(string physIn, string physOut) =>
        Assert.That(Filter.Append("FORWARD", new Rule(IpPacketMatch.Any,
            [new PhysdevMatch(InterfacePattern.Parse(physIn), InterfacePattern.Parse(physOut), PhysdevOptions.In | PhysdevOptions.Out, PhysdevOptions.None)],
            StandardTarget.Accept)).Ok);

    [Test]
    public void A_forward_drop_policy_stops_bridged_ipv4_by_default()
    {
        DropForward();
        Assert.That(Support.Topology.Ping(_a, "10.0.0.2"), Is.Empty);
        Assert.That(Filter.FindChain("FORWARD")!.PolicyCounters.Packets, Is.EqualTo(1UL), "the request, seen as forwarded by br0");
    }

    [Test]
    public void Physdev_rules_let_the_ports_talk_and_count_both_directions()
    {
        DropForward();
        AcceptBetween("pa", "pb");
        AcceptBetween("pb", "pa");

        Assert.That(Support.Topology.Ping(_a, "10.0.0.2"), Has.Count.EqualTo(1));
        var rules = Filter.FindChain("FORWARD")!.Rules;
        Assert.That(rules[0].Counters.Packets, Is.EqualTo(1UL));
        Assert.That(rules[0].Counters.Bytes, Is.EqualTo(84UL), "the IPv4 packet, without its Ethernet header");
        Assert.That(rules[1].Counters.Packets, Is.EqualTo(1UL));
        Assert.That(Filter.FindChain("FORWARD")!.PolicyCounters.Packets, Is.Zero);
    }

    [Test]
    public void With_bridge_nf_call_iptables_off_the_chains_are_not_called()
    {
        DropForward();
        Assert.That(_host.Sysctls.TryRead("net.bridge.bridge-nf-call-iptables", out var value) && value == "1", "the kernel's default");
        Assert.That(_host.Sysctls.Write("net.bridge.bridge-nf-call-iptables", "7"), Is.Null);
        Assert.That(_host.Sysctls.TryRead("net.bridge.bridge-nf-call-iptables", out value) && value == "1", "stored as 0 or 1");
        Assert.That(_host.Sysctls.Write("net.bridge.bridge-nf-call-iptables", "0"), Is.Null);

        Assert.That(Support.Topology.Ping(_a, "10.0.0.2"), Has.Count.EqualTo(1));
        Assert.That(Filter.FindChain("FORWARD")!.PolicyCounters.Packets, Is.Zero);
    }

    [Test]
    public void Frames_for_the_bridge_itself_pass_prerouting_once_and_then_input()
    {
        DropForward();
        Assert.That(Filter.SetPolicy("INPUT", ChainPolicy.Accept).Ok);
        Assert.That(_host.Firewall.Tables.Nat.SetPolicy("PREROUTING", ChainPolicy.Accept).Ok);

        Assert.That(Support.Topology.Ping(_a, "10.0.0.254"), Has.Count.EqualTo(1));
        Assert.That(_host.Firewall.Tables.Nat.FindChain("PREROUTING")!.PolicyCounters.Packets, Is.EqualTo(1UL),
            "br_nf_pre_routing ran it; ip_sabotage_in kept ip_rcv from running it again");
        Assert.That(Filter.FindChain("INPUT")!.PolicyCounters.Packets, Is.EqualTo(1UL));
        Assert.That(Filter.FindChain("FORWARD")!.PolicyCounters.Packets, Is.Zero);
        Assert.That(_world.Simulation.Packets.Outstanding, Is.Zero);
    }
}
