using Simulator.Core.Addressing;
using Simulator.Core.Engine;
using Simulator.Devices.Links.Bridge;

namespace Simulator.Cli.Tests.Bridge;

/// <summary>iproute2's <c>bridge</c> against the model; expected lines from iproute2 6.1 on a real bridge.</summary>
public class BridgeCommandTests
{
    private static BridgeMachine TwoPorts()
    {
        var m = new BridgeMachine();
        Assert.That(m.Run("brctl addbr br0"), Is.Zero);
        m.Veth("veth1", "veth2", macA: "62:fe:71:15:59:fc");
        m.Veth("veth3", "veth4", macA: "fe:9b:b0:12:16:a6");
        Assert.That(m.Run("brctl addif br0 veth1; brctl addif br0 veth3"), Is.Zero);
        return m;
    }

    [Test]
    public void Link_show_lists_the_ports_with_state_priority_and_cost()
    {
        var m = TwoPorts();
        Assert.That(m.Run("bridge link show"), Is.Zero);
        Assert.That(m.Stdout, Is.EqualTo(
            "4: veth1@veth2: <BROADCAST,MULTICAST,M-DOWN> mtu 1500 master br0 state disabled priority 32 cost 2 \n" +
            "6: veth3@veth4: <BROADCAST,MULTICAST,M-DOWN> mtu 1500 master br0 state disabled priority 32 cost 2 \n"));
        Assert.That(m.Run("bridge link set dev veth1 hairpin on; bridge -d link show dev veth1"), Is.Zero);
        Assert.That(m.Stdout, Is.EqualTo(
            "4: veth1@veth2: <BROADCAST,MULTICAST,M-DOWN> mtu 1500 master br0 state disabled priority 32 cost 2 \n" +
            "    hairpin on guard off root_block off fastleave off learning on flood on mcast_flood on bcast_flood on mcast_router 1 mcast_to_unicast off neigh_suppress off vlan_tunnel off isolated off locked off \n"));
    }

    [Test]
    public void Link_show_of_a_forwarding_port_whose_peer_is_elsewhere()
    {
        var m = new BridgeMachine();
        m.Run("brctl addbr br0");
        var (veth1, veth2) = m.Veth("veth1", "veth2", "ns1");
        m.Run("brctl addif br0 veth1");
        m.World.InitialNamespace.FindDevice("br0")!.SetUp();
        veth1.SetUp();
        veth2.SetUp();
        m.World.Simulation.RunFor(Simulation.Millisecond);
        Assert.That(m.Run("bridge link"), Is.Zero);
        Assert.That(m.Stdout, Is.EqualTo("4: veth1@if3: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 master br0 state forwarding priority 32 cost 2 \n"));
    }

    [Test]
    public void Link_set_errors()
    {
        var m = TwoPorts();
        (string, int, string)[] cases =
        [
            ("bridge link set dev veth9 hairpin on", 255, "Cannot find bridge device \"veth9\""),
            ("bridge link set dev veth2 hairpin on", 255, "RTNETLINK answers: Operation not supported"),
            ("bridge link set dev veth1 hairpin maybe", 234, "Error: argument of \"hairpin\" must be one of \"off\", \"on\", not \"maybe\""),
            ("bridge link set", 255, "Device is a required argument."),
            ("bridge link set dev veth1 cost 0", 255, "RTNETLINK answers: Numerical result out of range"),
            ("bridge link foo", 255, "Command \"foo\" is unknown, try \"bridge link help\"."),
            ("bridge foo", 255, "Object \"foo\" is unknown, try \"bridge help\"."),
        ];
        foreach (var (command, status, error) in cases)
        {
            Assert.That(m.Run(command), Is.EqualTo(status), command);
            Assert.That(m.Stderr.Split('\n')[0], Is.EqualTo(error), command);
        }
    }

    [Test]
    public void Fdb_show_add_and_del()
    {
        var m = TwoPorts();
        var bridge = (BridgeDevice)m.World.InitialNamespace.FindDevice("br0")!;
        Assert.That(m.Run("bridge fdb add 02:11:11:11:11:11 dev veth1 master; bridge fdb add 02:11:11:11:11:12 dev veth1 master static; bridge fdb add 02:11:11:11:11:15 dev br0 self"), Is.Zero);
        Assert.That(m.Run("bridge fdb show"), Is.Zero);
        // Measured, less the "self" lines of the devices' own address lists, which are not modelled.
        Assert.That(m.Stdout, Is.EqualTo(
            "02:11:11:11:11:15 dev br0 master br0 permanent\n" +
            "02:11:11:11:11:12 dev veth1 master br0 static\n" +
            "02:11:11:11:11:11 dev veth1 master br0 permanent\n" +
            "62:fe:71:15:59:fc dev veth1 master br0 permanent\n" +
            "fe:9b:b0:12:16:a6 dev veth3 master br0 permanent\n"));
        Assert.That(m.Run("bridge fdb show brport veth1"), Is.Zero);
        Assert.That(m.Stdout, Is.EqualTo(
            "02:11:11:11:11:12 master br0 static\n" +
            "02:11:11:11:11:11 master br0 permanent\n" +
            "62:fe:71:15:59:fc master br0 permanent\n"));
        Assert.That(m.Run("brctl showmacs br0"), Is.Zero);
        Assert.That(m.Stdout, Is.EqualTo(
            "port no\tmac addr\t\tis local?\tageing timer\n" +
            "  1\t02:11:11:11:11:11\tyes\t\t   0.00\n" +
            "  1\t02:11:11:11:11:12\tno\t\t   0.00\n" +
            "  1\t62:fe:71:15:59:fc\tyes\t\t   0.00\n" +
            "  2\tfe:9b:b0:12:16:a6\tyes\t\t   0.00\n"));

        (string, string)[] errors =
        [
            ("bridge fdb add 02:11:11:11:11:13 dev veth1 master dynamic", "RTNETLINK answers: Operation not permitted"),
            ("bridge fdb add 02:11:11:11:11:11 dev veth1 master", "RTNETLINK answers: File exists"),
            ("bridge fdb add 02:11:11:11:11:14 dev br0 master", "RTNETLINK answers: Operation not supported"),
            ("bridge fdb add 02:11:11:11:11:14 dev veth2 master", "RTNETLINK answers: Operation not supported"),
            ("bridge fdb add zz dev veth1 master", "Invalid mac address zz"),
            ("bridge fdb add 02:11:11:11:11:14 dev veth9 master", "Cannot find device \"veth9\""),
            ("bridge fdb add 02:00:00:00:00:01", "Device and address are required arguments."),
            ("bridge fdb show br br9", "Cannot find bridge device \"br9\""),
        ];
        foreach (var (command, error) in errors)
        {
            Assert.That(m.Run(command), Is.EqualTo(255), command);
            Assert.That(m.Stderr.Split('\n')[0], Is.EqualTo(error), command);
        }
        Assert.That(m.Run("bridge fdb del 02:11:11:11:11:12 dev veth1 master"), Is.Zero);
        Assert.That(bridge.Fdb.Find(MacAddress.Parse("02:11:11:11:11:12")), Is.Null);
        Assert.That(m.Run("bridge fdb del 02:11:11:11:11:12 dev veth1 master"), Is.EqualTo(255));
        Assert.That(m.Stderr.Split('\n')[0], Is.EqualTo("RTNETLINK answers: No such file or directory"));
        Assert.That(m.Run("bridge fdb add 02:11:11:11:11:16 dev veth1"), Is.EqualTo(255), "self on a port is not modelled");
        Assert.That(m.Stderr, Does.StartWith("netsim: bridge fdb add"));
    }

    [Test]
    public void Learned_entries_show_without_a_state()
    {
        var m = TwoPorts();
        var bridge = (BridgeDevice)m.World.InitialNamespace.FindDevice("br0")!;
        var veth1 = m.World.InitialNamespace.FindDevice("veth1")!;
        bridge.Fdb.Update(bridge.PortOf(veth1)!, MacAddress.Parse("7e:2c:67:25:e1:c3"));
        Assert.That(m.Run("bridge fdb show dev veth1"), Is.Zero);
        Assert.That(m.Stdout.Split('\n')[0], Is.EqualTo("7e:2c:67:25:e1:c3 master br0 "));
    }
}
