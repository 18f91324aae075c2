using Simulator.Cli.Commands.Ip;
using Simulator.Cli.Commands.Ip.LinkKinds;
using Simulator.Cli.Host;
using Simulator.Cli.Shell;
using Simulator.Core.Addressing;
using Simulator.Core.Engine;
using Simulator.Devices.Links.Bridge;

namespace Simulator.Cli.Tests.Bridge;

/// <summary>
/// <c>ip link add … type bridge</c> through the link-kind contract (the ip command itself is
/// not in this branch). Expected texts from iproute2 6.1 on a 6.18 kernel.
/// </summary>
public class BridgeKindTests
{
    private static (Invocation Invocation, StringWriter Out, StringWriter Err) Invocation(BridgeMachine m)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var context = new CommandContext(["ip"], TextReader.Null, stdout, stderr, new SourceLocation("t.sh", 1),
            new Dictionary<string, string>());
        return (new Invocation(context, m.World.InitialNamespace, m.Machine), stdout, stderr);
    }

    [Test]
    public void Create_with_options_and_show_the_details_line()
    {
        var m = new BridgeMachine();
        var (invocation, _, _) = Invocation(m);
        var kind = new BridgeKind();
        var request = new LinkAddRequest { Name = "br0", Namespace = m.World.InitialNamespace };
        Assert.That(kind.Create(request, ["ageing_time", "5", "forward_delay", "300", "stp_state", "1", "priority", "4096",
            "hello_time", "100", "max_age", "1000"], invocation), Is.Zero);
        var bridge = (BridgeDevice)m.World.InitialNamespace.FindDevice("br0")!;
        // Measured: "bridge forward_delay 300 hello_time 100 max_age 1000 ageing_time 4 stp_state 1
        // priority 4096 vlan_filtering 0 bridge_id 1000.0:0:0:0:0:0 …" (5 cs is 12 jiffies, read back as 4 cs).
        Assert.That(kind.Details(bridge), Does.StartWith(
            "bridge forward_delay 300 hello_time 100 max_age 1000 ageing_time 4 stp_state 1 priority 4096 vlan_filtering 0 " +
            "bridge_id 1000.0:0:0:0:0:0 designated_root 1000.0:0:0:0:0:0 root_port 0 root_path_cost 0 topology_change 0 " +
            "topology_change_detected 0 hello_timer    0.00 tcn_timer    0.00 topology_change_timer    0.00 gc_timer    0.00 " +
            "group_fwd_mask 0 group_address 01:80:c2:00:00:00 mcast_snooping 1"));
        Assert.That(kind.Details(bridge), Does.EndWith("nf_call_iptables 0 nf_call_ip6tables 0 nf_call_arptables 0 "));
        Assert.That(bridge.OperState, Is.EqualTo(Devices.Links.OperState.Down));
    }

    [Test]
    public void Option_errors_read_as_iproute2s()
    {
        var m = new BridgeMachine();
        var kind = new BridgeKind();
        var request = new LinkAddRequest { Name = "br0", Namespace = m.World.InitialNamespace };
        (string[] Args, int Status, string Error)[] cases =
        [
            (["foo"], 1, "bridge: unknown command \"foo\"?"),
            (["ageing_time", "abc"], 255, "Error: argument \"abc\" is wrong: invalid ageing_time"),
            (["ageing_time"], 255, "Command line is not complete. Try option \"help\""),
            (["priority", "70000"], 255, "Error: argument \"70000\" is wrong: invalid priority"),
            (["vlan_filtering", "1"], 255, "netsim: ip link … type bridge vlan_filtering: not modelled (supported: forward_delay, hello_time, max_age, ageing_time, stp_state, priority, fdb_flush)"),
        ];
        foreach (var (args, status, error) in cases)
        {
            var (invocation, _, err) = Invocation(m);
            Assert.That(kind.Create(request, args, invocation), Is.EqualTo(status), string.Join(' ', args));
            Assert.That(err.ToString().Split('\n')[0], Is.EqualTo(error));
        }
        Assert.That(m.World.InitialNamespace.FindDevice("br0"), Is.Null, "nothing was created");
    }

    [Test]
    public void Change_sets_the_ageing_time_and_refuses_a_short_forward_delay_under_STP()
    {
        var m = new BridgeMachine();
        var kind = new BridgeKind();
        var (invocation, _, err) = Invocation(m);
        Assert.That(kind.Create(new LinkAddRequest { Name = "br0", Namespace = m.World.InitialNamespace }, [], invocation), Is.Zero);
        var bridge = (BridgeDevice)m.World.InitialNamespace.FindDevice("br0")!;
        Assert.That(kind.Change(bridge, ["ageing_time", "2000", "stp_state", "1"], invocation), Is.Zero);
        Assert.That((bridge.AgeingTime, bridge.StpEnabled), Is.EqualTo((20 * Simulation.Second, StpMode.Kernel)));
        Assert.That(kind.Change(bridge, ["forward_delay", "100"], invocation), Is.EqualTo(2));
        Assert.That(err.ToString(), Is.EqualTo("RTNETLINK answers: Numerical result out of range\n"));
    }

    [Test]
    public void An_address_given_at_creation_is_the_bridge_id_and_leaves_the_bridge_without_carrier()
    {
        var m = new BridgeMachine();
        var (invocation, _, _) = Invocation(m);
        Assert.That(new BridgeKind().Create(new LinkAddRequest
        {
            Name = "br0", Namespace = m.World.InitialNamespace, Address = MacAddress.Parse("02:00:00:00:00:01"), Up = true,
        }, [], invocation), Is.Zero);
        var bridge = (BridgeDevice)m.World.InitialNamespace.FindDevice("br0")!;
        // Measured: <NO-CARRIER,BROADCAST,MULTICAST,UP> … state DOWN; brctl show: 8000.020000000001.
        Assert.That((bridge.IsUp, bridge.IsRunning, bridge.BridgeId.ToString()), Is.EqualTo((true, false, "8000.020000000001")));
    }

    [Test]
    public void The_port_line_of_ip_d_link()
    {
        var m = new BridgeMachine();
        m.Run("brctl addbr br0");
        var (veth1, _) = m.Veth("veth1", "veth2", macA: "4a:8b:31:fa:da:e6");
        m.Run("brctl addif br0 veth1");
        // Measured for a port that is down.
        Assert.That(new BridgeKind().SlaveDetails(veth1), Is.EqualTo(
            "bridge_slave state disabled priority 32 cost 2 hairpin off guard off root_block off fastleave off learning on flood on " +
            "port_id 0x8001 port_no 0x1 designated_port 32769 designated_cost 0 designated_bridge 8000.4a:8b:31:fa:da:e6 " +
            "designated_root 8000.4a:8b:31:fa:da:e6 hold_timer    0.00 message_age_timer    0.00 forward_delay_timer    0.00 " +
            "topology_change_ack 0 config_pending 0 proxy_arp off proxy_arp_wifi off mcast_router 1 mcast_fast_leave off " +
            "mcast_flood on bcast_flood on mcast_to_unicast off neigh_suppress off group_fwd_mask 0 group_fwd_mask_str 0x0 " +
            "vlan_tunnel off isolated off locked off "));
    }
}
