using Simulator.Core.Addressing;
using Simulator.Netfilter;
using Simulator.Netfilter.Tables;
using Simulator.Netfilter.Traversal;
using static Simulator.Cli.Tests.Iptables.Text;

namespace Simulator.Cli.Tests.Iptables;

/// <summary>
/// The iptables commands of the seed documents. Every expected text was taken from iptables
/// v1.8.9 (nf_tables) running the same commands in a fresh network namespace.
/// </summary>
public class SeedScenarioTests
{
    [Test]
    public void Seed000BridgeFilteringWithPhysdev()
    {
        var sim = new Simulated();
        Assert.That(sim.Run("iptables -t filter -S").Stdout,
            Is.EqualTo(Lines("-P INPUT ACCEPT", "-P FORWARD ACCEPT", "-P OUTPUT ACCEPT")));
        sim.Do("iptables -P FORWARD DROP");
        sim.Do("iptables -t filter -A FORWARD -m physdev --physdev-in ens9f0 --physdev-out veth1 -j ACCEPT");
        sim.Do("iptables -t filter -A FORWARD -m physdev --physdev-out ens9f0 --physdev-in veth1 -j ACCEPT");

        Assert.That(sim.Run("iptables -t filter -S").Stdout, Is.EqualTo(Lines(
            "-P INPUT ACCEPT",
            "-P FORWARD DROP",
            "-P OUTPUT ACCEPT",
            "-A FORWARD -m physdev --physdev-in ens9f0 --physdev-out veth1 -j ACCEPT",
            "-A FORWARD -m physdev --physdev-in veth1 --physdev-out ens9f0 -j ACCEPT")));
    }

    [Test]
    public void Seed000CountersAfterTraffic()
    {
        // The seed's "iptables -L -v" after pinging across the bridge: the counters come from
        // traversals of the model, the text from the front-end.
        var sim = new Simulated();
        sim.Do("iptables -P FORWARD DROP");
        sim.Do("iptables -t filter -A FORWARD -m physdev --physdev-in ens9f0 --physdev-out veth1 -j ACCEPT");
        sim.Do("iptables -t filter -A FORWARD -m physdev --physdev-out ens9f0 --physdev-in veth1 -j ACCEPT");
        sim.Do("iptables -P INPUT ACCEPT");
        sim.Do("iptables -P OUTPUT ACCEPT");

        var filter = sim.Tables.Filter;
        Send(filter, NetfilterHook.Forward, 153, 77, "ens9f0", "veth1");
        Send(filter, NetfilterHook.Forward, 1, 11794 - 153 * 77, "ens9f0", "veth1");
        Send(filter, NetfilterHook.Forward, 120, 72, "veth1", "ens9f0");
        Send(filter, NetfilterHook.Forward, 1, 8724 - 120 * 72, "veth1", "ens9f0");
        Send(filter, NetfilterHook.Forward, 115, 68, "eth9", "veth1");
        Send(filter, NetfilterHook.Forward, 1, 130, "eth9", "veth1");
        Send(filter, NetfilterHook.LocalIn, 1813, 109, null, null);
        Send(filter, NetfilterHook.LocalIn, 1, 198000 - 1813 * 109, null, null);
        Send(filter, NetfilterHook.LocalOut, 2013, 91, null, null);
        Send(filter, NetfilterHook.LocalOut, 1, 184000 - 2013 * 91, null, null);

        // Taken from the real tool after "iptables-restore -c" loaded the same counters.
        Assert.That(sim.Run("iptables -L -v").Stdout, Is.EqualTo(Lines(
            "Chain INPUT (policy ACCEPT 1814 packets, 198K bytes)",
            " pkts bytes target     prot opt in     out     source               destination         ",
            "",
            "Chain FORWARD (policy DROP 116 packets, 7950 bytes)",
            " pkts bytes target     prot opt in     out     source               destination         ",
            "  154 11794 ACCEPT     all  --  any    any     anywhere             anywhere             PHYSDEV match --physdev-in ens9f0 --physdev-out veth1",
            "  121  8724 ACCEPT     all  --  any    any     anywhere             anywhere             PHYSDEV match --physdev-in veth1 --physdev-out ens9f0",
            "",
            "Chain OUTPUT (policy ACCEPT 2014 packets, 184K bytes)",
            " pkts bytes target     prot opt in     out     source               destination         ")));
    }

    private static void Send(Table table, NetfilterHook hook, int count, int length, string? physIn, string? physOut)
    {
        for (int i = 0; i < count; i++)
        {
            var packet = new PacketContext
            {
                Hook = hook,
                InDevice = physIn is null ? null : "br1",
                OutDevice = physOut is null ? null : "br1",
                IsBridged = physIn is not null,
                PhysInDevice = physIn,
                PhysOutDevice = physOut,
                Source = Ipv4Address.Parse("192.168.0.2"),
                Destination = Ipv4Address.Parse("192.168.0.3"),
                Protocol = 1,
                Length = (uint)length,
            };
            ChainTraversal.Traverse(table, hook, ref packet);
        }
    }

    [Test]
    public void Seed001MasqueradeWithHostBitsAndListNat()
    {
        var sim = new Simulated();
        sim.Do("iptables -t nat -A POSTROUTING -s 192.168.1.1/24 -o eth0 -j MASQUERADE");
        Assert.That(sim.Run("iptables --list -t nat").Stdout, Is.EqualTo(Lines(
            "Chain PREROUTING (policy ACCEPT)",
            "target     prot opt source               destination         ",
            "",
            "Chain INPUT (policy ACCEPT)",
            "target     prot opt source               destination         ",
            "",
            "Chain OUTPUT (policy ACCEPT)",
            "target     prot opt source               destination         ",
            "",
            "Chain POSTROUTING (policy ACCEPT)",
            "target     prot opt source               destination         ",
            "MASQUERADE  all  --  192.168.1.0/24       anywhere            ")));
    }

    [Test]
    public void Seed003SnatListedWithS()
    {
        var sim = new Simulated();
        sim.Do("iptables -t nat -A POSTROUTING -s 1.1.1.2 -j SNAT --to-source 10.20.30.182");
        Assert.That(sim.Run("iptables -t nat -S").Stdout, Is.EqualTo(Lines(
            "-P PREROUTING ACCEPT",
            "-P INPUT ACCEPT",
            "-P OUTPUT ACCEPT",
            "-P POSTROUTING ACCEPT",
            "-A POSTROUTING -s 1.1.1.2/32 -j SNAT --to-source 10.20.30.182")));
        Assert.That(sim.Run("iptables -t nat -L POSTROUTING -n -v").Stdout, Is.EqualTo(Lines(
            "Chain POSTROUTING (policy ACCEPT 0 packets, 0 bytes)",
            " pkts bytes target     prot opt in     out     source               destination         ",
            "    0     0 SNAT       0    --  *      *       1.1.1.2              0.0.0.0/0            to:10.20.30.182")));
    }

    [Test]
    public void Seed004BridgeScriptSetupAndCleanup()
    {
        var sim = new Simulated();
        sim.Do("iptables -t nat -A POSTROUTING -s 192.168.45.0/255.255.255.0 -o enp0s3 -j MASQUERADE");
        sim.Do("iptables -t filter -A FORWARD -i demobridge -o enp0s3 -j ACCEPT");
        sim.Do("iptables -t filter -A FORWARD -i enp0s3 -o demobridge -j ACCEPT");
        Assert.That(sim.Run("iptables -t nat -S POSTROUTING").Stdout, Is.EqualTo(Lines(
            "-P POSTROUTING ACCEPT",
            "-A POSTROUTING -s 192.168.45.0/24 -o enp0s3 -j MASQUERADE")));

        sim.Do("iptables -t nat -D POSTROUTING -s 192.168.45.0/255.255.255.0 -o enp0s3 -j MASQUERADE");
        sim.Do("iptables -t filter -D FORWARD -i demobridge -o enp0s3 -j ACCEPT");
        sim.Do("iptables -t filter -D FORWARD -i enp0s3 -o demobridge -j ACCEPT");
        Assert.Multiple(() =>
        {
            Assert.That(sim.Run("iptables -S FORWARD").Stdout, Is.EqualTo(Lines("-P FORWARD ACCEPT")));
            // Running the cleanup twice: the rule is gone.
            Assert.That(sim.Run("iptables -t filter -D FORWARD -i enp0s3 -o demobridge -j ACCEPT"), Is.EqualTo(
                new Outcome("", Lines("iptables: Bad rule (does a matching rule exist in that chain?)."), 1)));
        });
    }
}
