using FsCheck;
using FsCheck.Fluent;
using Simulator.Core.Addressing;
using Simulator.Core.Engine;
using Simulator.Core.Wire;
using Simulator.Devices.Links;
using Simulator.Devices.Links.Bridge;
using Simulator.Devices.Namespaces;
using Simulator.Devices.Tests.Support;

namespace Simulator.Devices.Tests.Bridge;

public class BridgeFdbTests
{
    private static (World World, BridgeDevice Bridge, List<BridgePort> Ports) BridgeWithPorts(int count)
    {
        var world = new World();
        var bridge = BridgeTopology.Bridge(world.InitialNamespace, "br0");
        for (int i = 0; i < count; i++)
        {
            var ns = world.CreateNamespace($"ns{i}");
            BridgeTopology.Station(bridge, ns, $"p{i}", $"10.0.0.{i + 1}/24");
        }
        world.Simulation.RunFor(Simulation.Millisecond);
        var ports = bridge.Ports.OrderBy(p => p.PortNo).ToList();
        Assert.That(ports.Select(p => p.State), Is.All.EqualTo(PortState.Forwarding));
        return (world, bridge, ports);
    }

    private static readonly MacAddress StationA = MacAddress.Parse("02:00:00:00:0a:0a");

    [Test]
    public void A_source_is_learned_on_its_port_and_moves_when_seen_elsewhere()
    {
        var (world, bridge, ports) = BridgeWithPorts(2);
        bridge.Fdb.Update(ports[0], StationA);
        Assert.That(bridge.Fdb.Find(StationA)!.Port, Is.EqualTo(ports[0]));
        world.Simulation.RunFor(Simulation.Second);

        bridge.Fdb.Update(ports[1], StationA);
        var entry = bridge.Fdb.Find(StationA)!;
        Assert.That(entry.Port, Is.EqualTo(ports[1]));
        Assert.That(entry.Updated, Is.EqualTo(world.Simulation.Now));
        Assert.That(entry.IsLocal, Is.False);
    }

    [Test]
    public void Ports_own_addresses_are_local_and_never_age()
    {
        var (world, bridge, ports) = BridgeWithPorts(2);
        bridge.Fdb.Update(ports[0], StationA);
        world.Simulation.RunFor(301 * Simulation.Second);

        Assert.That(bridge.Fdb.Find(StationA), Is.Null, "aged out after 300 s");
        foreach (var port in ports)
        {
            var local = bridge.Fdb.Find(port.Device.Address)!;
            Assert.That((local.IsLocal, local.Port), Is.EqualTo((true, port)));
        }
    }

    [Test]
    public void A_frame_claiming_a_local_address_does_not_move_it_and_is_reported()
    {
        var (world, bridge, ports) = BridgeWithPorts(2);
        var own = ports[0].Device.Address;
        bridge.Fdb.Update(ports[1], own);
        Assert.That(bridge.Fdb.Find(own)!.Port, Is.EqualTo(ports[0]));
        Assert.That(world.Kernel.Lines.Last().Message,
            Is.EqualTo($"br0: received packet on p1 with own address as source address (addr:{own}, vlan:0)"));
    }

    [Test]
    public void Entries_age_out_after_the_configured_ageing_time_of_simulated_time()
    {
        var (world, bridge, ports) = BridgeWithPorts(2);
        bridge.SetAgeingTime(1000); // brctl setageing br0 10
        bridge.Fdb.Update(ports[0], StationA);
        world.Simulation.RunFor(9 * Simulation.Second);
        Assert.That(bridge.Fdb.Find(StationA), Is.Not.Null);
        world.Simulation.RunFor(1 * Simulation.Second + BridgeFdb.MinimumCleanupInterval);
        Assert.That(bridge.Fdb.Find(StationA), Is.Null);
    }

    [Test]
    public void Ageing_time_zero_turns_learning_off_so_everything_floods()
    {
        var (_, bridge, ports) = BridgeWithPorts(2);
        bridge.SetAgeingTime(0);
        bridge.Fdb.Update(ports[0], StationA);
        Assert.That(bridge.Fdb.Find(StationA), Is.Null);
    }

    [Test]
    public void A_port_going_down_forgets_what_was_learned_behind_it_but_keeps_its_local_entry()
    {
        var (world, bridge, ports) = BridgeWithPorts(2);
        bridge.Fdb.Update(ports[0], StationA);
        ports[0].Device.SetDown();
        Assert.That(bridge.Fdb.Find(StationA), Is.Null);
        Assert.That(bridge.Fdb.Find(ports[0].Device.Address)!.IsLocal, Is.True);
        Assert.That(world.Simulation.Packets.Outstanding, Is.Zero);
    }

    [Test]
    public void User_entries_permanent_static_and_dynamic()
    {
        var (_, bridge, ports) = BridgeWithPorts(1);
        var a = MacAddress.Parse("02:11:11:11:11:11");
        var b = MacAddress.Parse("02:11:11:11:11:12");
        Assert.That(bridge.Fdb.Add(ports[0], a, FdbState.Permanent, create: true, exclusive: true), Is.Null);
        Assert.That(bridge.Fdb.Add(ports[0], b, FdbState.Static, create: true, exclusive: true), Is.Null);
        Assert.That(bridge.Fdb.Add(ports[0], b, FdbState.Static, create: true, exclusive: true)!.Errno, Is.EqualTo(Devices.Errno.EEXIST));
        Assert.That((bridge.Fdb.Find(a)!.IsLocal, bridge.Fdb.Find(b)!.IsStatic, bridge.Fdb.Find(b)!.IsLocal), Is.EqualTo((true, true, false)));
        Assert.That(bridge.Fdb.Delete(ports[0], b), Is.Null);
        Assert.That(bridge.Fdb.Delete(ports[0], b)!.Errno, Is.EqualTo(Devices.Errno.ENOENT));
        ports[0].Device.SetDown();
        // A dynamic entry needs a port that learns (measured: "RTNETLINK answers: Operation not permitted").
        Assert.That(bridge.Fdb.Add(ports[0], b, FdbState.Dynamic, create: true, exclusive: true)!.Errno, Is.EqualTo(Devices.Errno.EPERM));
    }

    // ----- the real table against the slow one -----

    private abstract record FdbOp;
    private sealed record LearnOp(int Port, int Mac) : FdbOp;
    private sealed record WaitOp(int Seconds) : FdbOp;
    private sealed record RemovePortOp(int Port) : FdbOp;

    private static readonly Gen<FdbOp> Op = Gen.Frequency(
        (6, from port in Gen.Choose(0, 3) from mac in Gen.Choose(0, 9) select (FdbOp)new LearnOp(port, mac)),
        (3, Gen.Choose(0, 200).Select(s => (FdbOp)new WaitOp(s))),
        (1, Gen.Choose(0, 3).Select(p => (FdbOp)new RemovePortOp(p))));

    [Test]
    public void The_table_agrees_with_a_list_scanned_end_to_end()
    {
        var config = Config.QuickThrowOnFailure.WithMaxTest(200);
        Check.One(config, Prop.ForAll(Gen.ListOf(Op, 60).Select(l => l.ToList()).ToArbitrary(), ops =>
        {
            var (world, bridge, ports) = BridgeWithPorts(4);
            long ageing = bridge.AgeingTime;
            // Ten station addresses; the first two are also ports' own addresses, so local
            // entries meet learning.
            var macs = Enumerable.Range(0, 10).Select(i => i < 2
                ? ports[i].Device.Address
                : new MacAddress(0x0200_0000_0000UL + (ulong)i)).ToList();
            var slow = new SlowFdb();
            foreach (var port in ports) slow.AddLocal(port.PortNo, port.Device.Address, world.Simulation.Now);
            var present = ports.ToDictionary(p => (int)p.PortNo);

            foreach (var op in ops)
            {
                switch (op)
                {
                    case LearnOp learn when present.TryGetValue(learn.Port + 1, out var port):
                        bridge.Fdb.Update(port, macs[learn.Mac]);
                        slow.Learn(port.PortNo, macs[learn.Mac], world.Simulation.Now);
                        break;
                    case WaitOp wait:
                        world.Simulation.RunFor(wait.Seconds * Simulation.Second);
                        break;
                    case RemovePortOp remove when present.TryGetValue(remove.Port + 1, out var port):
                        present.Remove(port.PortNo);
                        Assert.That(bridge.DeleteSlave(port.Device), Is.Null);
                        slow.RemovePort(port.PortNo, present.ToDictionary(p => p.Key, p => p.Value.Device.Address));
                        break;
                }
                var now = world.Simulation.Now;
                var real = bridge.Fdb.Entries.Where(e => !bridge.Fdb.HasExpired(e))
                    .Select(e => (e.Address, (int)(e.Port?.PortNo ?? 0), e.IsLocal))
                    .Where(e => e.Item2 != 0)
                    .OrderBy(e => e.Address.Value).ToList();
                var expected = slow.Live(now, ageing).Select(r => (r.Address, r.PortNo, r.Local))
                    .OrderBy(e => e.Address.Value).ToList();
                if (!real.SequenceEqual(expected))
                    throw new AssertionException($"after {op}: real {string.Join(", ", real)}; slow {string.Join(", ", expected)}");
                // Nothing expired stays past the collector's next run.
                Assert.That(bridge.Fdb.Entries.Count(e => e.Updated + ageing + BridgeFdb.MinimumCleanupInterval < now && !e.IsStatic), Is.Zero);
            }
        }));
    }
}
