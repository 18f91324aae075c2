using Simulator.Devices.Links.Bridge;

namespace Simulator.Cli.Tests.Bridge;

/// <summary>/sys/class/net/BR/bridge and brif files; values as a 6.18 kernel shows them.</summary>
public class SysFilesTests
{
    [Test]
    public void Bridge_attributes_read_and_write_in_centiseconds()
    {
        var m = new BridgeMachine();
        m.Veth("veth1", "veth2", macA: "ae:7a:5a:db:96:d4");
        m.Run("brctl addbr br0; brctl addif br0 veth1; brctl setageing br0 10");
        Assert.That(m.Run("""
            for f in ageing_time stp_state forward_delay hello_time max_age bridge_id root_id priority root_port group_addr; do
              echo "$f=$(cat /sys/class/net/br0/bridge/$f)"
            done
            for f in hairpin_mode state port_no port_id path_cost priority designated_port designated_cost learning unicast_flood; do
              echo "$f=$(cat /sys/class/net/br0/brif/veth1/$f)"
            done
            """), Is.Zero);
        Assert.That(m.Stdout, Is.EqualTo("""
            ageing_time=1000
            stp_state=0
            forward_delay=1500
            hello_time=200
            max_age=2000
            bridge_id=8000.ae7a5adb96d4
            root_id=8000.ae7a5adb96d4
            priority=32768
            root_port=0
            group_addr=01:80:c2:00:00:00
            hairpin_mode=0
            state=0
            port_no=0x1
            port_id=0x8001
            path_cost=2
            priority=32
            designated_port=32769
            designated_cost=0
            learning=1
            unicast_flood=1

            """));
        Assert.That(m.Run("echo 500 > /sys/class/net/br0/bridge/ageing_time; cat /sys/class/net/br0/bridge/ageing_time"), Is.Zero);
        Assert.That(m.Stdout, Is.EqualTo("500\n"));
        Assert.That(m.Run("[ -d /sys/class/net/br0/brif/veth1 ] && [ -f /sys/class/net/br0/bridge/stp_state ] && echo yes"), Is.Zero);
        Assert.That(m.Stdout, Is.EqualTo("yes\n"));
        Assert.That(m.Run("cat /sys/class/net/br0/brif/veth9/hairpin_mode"), Is.Not.Zero);
        Assert.That(m.Run("echo 1 > /sys/class/net/br0/bridge/stp_state"), Is.Zero);
        Assert.That(((BridgeDevice)m.World.InitialNamespace.FindDevice("br0")!).StpEnabled, Is.EqualTo(StpMode.Kernel));
    }
}
