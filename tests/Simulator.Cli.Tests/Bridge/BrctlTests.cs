using Simulator.Core.Engine;
using Simulator.Devices.Links.Bridge;

namespace Simulator.Cli.Tests.Bridge;

/// <summary>
/// brctl against the model. Expected texts are from bridge-utils 1.7 on a 6.18 kernel in
/// throwaway namespaces (same commands, addresses fixed where the real ones were random).
/// </summary>
public class BrctlTests
{
    [Test]
    public void Show_lists_bridges_with_their_interfaces_in_name_order()
    {
        var m = new BridgeMachine();
        m.Veth("veth1", "veth2", macA: "96:aa:17:f6:35:36");
        m.Veth("veth3", "veth4", macA: "d6:89:4c:68:64:47");
        Assert.That(m.Run("brctl addbr br0\nbrctl show"), Is.Zero);
        Assert.That(m.Stdout, Is.EqualTo("bridge name\tbridge id\t\tSTP enabled\tinterfaces\nbr0\t\t8000.000000000000\tno\t\t\n"));
        Assert.That(m.Run("brctl addif br0 veth3\nbrctl addif br0 veth1\nbrctl show"), Is.Zero);
        Assert.That(m.Stdout, Is.EqualTo(
            "bridge name\tbridge id\t\tSTP enabled\tinterfaces\n" +
            "br0\t\t8000.96aa17f63536\tno\t\tveth1\n" +
            "\t\t\t\t\t\t\tveth3\n"));
    }

    [Test]
    public void Errors_read_as_bridge_utils_words_them()
    {
        var m = new BridgeMachine();
        m.Veth("veth1", "veth2");
        m.Run("brctl addbr br0; brctl addbr br1; brctl addif br0 veth1");
        var cases = new (string Command, string Error)[]
        {
            ("brctl addif br0 veth9", "interface veth9 does not exist!"),
            ("brctl addif br9 veth2", "bridge br9 does not exist!"),
            ("brctl addbr br0", "device br0 already exists; can't create bridge with the same name"),
            ("brctl addif br1 veth1", "device veth1 is already a member of a bridge; can't add it to bridge br1."),
            ("brctl addif br0 br1", "device br1 is a bridge device itself; can't add a bridge device to a bridge device."),
            ("brctl addif br0 lo", "can't add lo to bridge br0: Invalid argument"),
            ("brctl addif veth2 veth1", "can't add veth1 to bridge veth2: Operation not supported"),
            ("brctl delif br0 veth2", "device veth2 is not a port of br0"),
            ("brctl delbr br0x", "bridge br0x doesn't exist; can't delete it"),
            ("brctl delbr veth1", "can't delete bridge veth1: Operation not permitted"),
            ("brctl showmacs br9", "read of forward table failed: No such device"),
            ("brctl showmacs veth1", "read of forward table failed: Operation not supported"),
            ("brctl show veth1", "device veth1 is not a bridge!"),
            ("brctl stp br0 maybe", "expect on/off for argument"),
            ("brctl stp br9 on", "set stp status failed: No such device"),
            ("brctl setageing br0 abc", "bad ageing time value"),
            ("brctl setageing veth1 10", "set ageing time failed: Operation not supported"),
            ("brctl hairpin br0 veth2 on", "can't set veth2 to hairpin on bridge br0: No such file or directory"),
            ("brctl setfd br0 1; brctl stp br0 on; brctl setfd br0 1", "set forward delay failed: Numerical result out of range"),
        };
        foreach (var (command, error) in cases)
        {
            Assert.That(m.Run(command), Is.EqualTo(1), command);
            Assert.That(m.Stderr.Split('\n')[0], Is.EqualTo(error), command);
        }
        m.World.InitialNamespace.FindDevice("br1")!.SetUp();
        Assert.That(m.Run("brctl delbr br1"), Is.EqualTo(1));
        Assert.That(m.Stderr, Does.StartWith("bridge br1 is still up; can't delete it"));
    }

    [Test]
    public void Wrong_argument_counts_print_the_commands_usage_on_stdout()
    {
        var m = new BridgeMachine();
        Assert.That(m.Run("brctl addif br0"), Is.EqualTo(1));
        Assert.That(m.Stdout, Is.EqualTo("Incorrect number of arguments for command\nUsage: brctl addif <bridge> <device>\tadd interface to bridge\n"));
        Assert.That(m.Run("brctl foo"), Is.EqualTo(1));
        Assert.That(m.Stderr.Split('\n')[0], Is.EqualTo("never heard of command [foo]"));
        Assert.That(m.Stdout, Does.StartWith("Usage: brctl [commands]\ncommands:\n\taddbr     \t<bridge>\t\tadd bridge\n"));
    }

    [Test]
    public void Showmacs_lists_entries_by_address_with_the_ageing_timer_counting()
    {
        var m = new BridgeMachine();
        m.Run("brctl addbr br0");
        var (veth1, inside) = m.Veth("veth1", "veth2", "ns1", macA: "ae:7a:5a:db:96:d4");
        m.Run("brctl addif br0 veth1");
        var bridge = (BridgeDevice)m.World.InitialNamespace.FindDevice("br0")!;
        bridge.SetUp();
        veth1.SetUp();
        inside.SetUp();
        m.World.Simulation.RunFor(Simulation.Millisecond);
        bridge.Fdb.Update(bridge.PortOf(veth1)!, Core.Addressing.MacAddress.Parse("da:ae:b0:70:5e:c2"));
        m.World.Simulation.RunFor(5 * Simulation.Second + 560 * Simulation.Millisecond);

        Assert.That(m.Run("brctl showmacs br0"), Is.Zero);
        Assert.That(m.Stdout, Is.EqualTo(
            "port no\tmac addr\t\tis local?\tageing timer\n" +
            "  1\tae:7a:5a:db:96:d4\tyes\t\t   0.00\n" +
            "  1\tda:ae:b0:70:5e:c2\tno\t\t   5.56\n"));

        // brctl setageing br0 10: the entry is gone ten seconds after it was last seen.
        Assert.That(m.Run("brctl setageing br0 10; sleep 5; brctl showmacs br0"), Is.Zero);
        Assert.That(m.Stdout, Does.Not.Contain("da:ae:b0:70:5e:c2"));
    }

    [Test]
    public void Stp_shows_in_brctl_show_and_showstp()
    {
        var m = new BridgeMachine();
        m.Veth("veth1", "veth2", macA: "8e:bf:c4:9a:4f:8e");
        Assert.That(m.Run("brctl addbr br0; brctl stp br0 on; brctl setbridgeprio br0 70000; brctl addif br0 veth1; brctl setportprio br0 veth1 5; brctl hairpin br0 veth1 on; brctl show br0"), Is.Zero);
        Assert.That(m.Stdout, Is.EqualTo("bridge name\tbridge id\t\tSTP enabled\tinterfaces\nbr0\t\t1170.8ebfc49a4f8e\tyes\t\tveth1\n"));
        Assert.That(m.Run("brctl showstp br0"), Is.Zero);
        // Measured (same commands; the forward delay stays 15 s here as setfd was not used).
        Assert.That(m.Stdout, Is.EqualTo(
            "br0\n" +
            " bridge id\t\t1170.8ebfc49a4f8e\n" +
            " designated root\t1170.8ebfc49a4f8e\n" +
            " root port\t\t   0\t\t\tpath cost\t\t   0\n" +
            " max age\t\t  20.00\t\t\tbridge max age\t\t  20.00\n" +
            " hello time\t\t   2.00\t\t\tbridge hello time\t   2.00\n" +
            " forward delay\t\t  15.00\t\t\tbridge forward delay\t  15.00\n" +
            " ageing time\t\t 300.00\n" +
            " hello timer\t\t   0.00\t\t\ttcn timer\t\t   0.00\n" +
            " topology change timer\t   0.00\t\t\tgc timer\t\t   0.00\n" +
            " flags\t\t\t\n" +
            "\n\n" +
            "veth1 (1)\n" +
            " port id\t\t1401\t\t\tstate\t\t       disabled\n" +
            " designated root\t1170.8ebfc49a4f8e\tpath cost\t\t   2\n" +
            " designated bridge\t1170.8ebfc49a4f8e\tmessage age timer\t   0.00\n" +
            " designated port\t1401\t\t\tforward delay timer\t   0.00\n" +
            " designated cost\t   0\t\t\thold timer\t\t   0.00\n" +
            " flags\t\t\t\n" +
            " hairpin mode\t\t   1\n" +
            "\n"));
    }

    [Test]
    public void Hairpin_is_set_by_brctl_bridge_link_and_sysfs()
    {
        var m = new BridgeMachine();
        m.Veth("veth1", "veth2");
        m.Run("brctl addbr br0; brctl addif br0 veth1");
        var port = BridgeDevice.PortOfDevice(m.World.InitialNamespace.FindDevice("veth1")!)!;
        Assert.That(m.Run("brctl hairpin br0 veth1 on"), Is.Zero);
        Assert.That(port.Hairpin, Is.True);
        Assert.That(m.Run("bridge link set dev veth1 hairpin off"), Is.Zero);
        Assert.That(port.Hairpin, Is.False);
        Assert.That(m.Run("echo 1 > /sys/class/net/br0/brif/veth1/hairpin_mode; cat /sys/class/net/veth1/brport/hairpin_mode"), Is.Zero);
        Assert.That((port.Hairpin, m.Stdout), Is.EqualTo((true, "1\n")));
        // Measured: any number turns it on; a word is refused by kstrtoul.
        Assert.That(m.Run("echo on > /sys/class/net/br0/brif/veth1/hairpin_mode"), Is.Not.Zero);
        Assert.That(m.Stderr, Does.Contain("Invalid argument"));
    }
}
