using Simulator.Core.Addressing;
using Simulator.Core.Packets;
using Simulator.Core.Wire;
using Simulator.Devices.Links;
using Simulator.Devices.Links.Bridge;
using Simulator.Devices.Namespaces;

namespace Simulator.Bench;

/// <summary>
/// Frames forwarded per second through one bridge with 64 ports (veths, their far ends in a
/// "stations" namespace) and 1,000 learned station addresses, 15–16 behind each port. Each frame
/// is sent from a station's far end to the station behind the next port: the bridge learns
/// (refreshes) its source, finds its destination and forwards it to one port; the far end then
/// receives and discards it (not for its address). Two engine events per frame (two veth crossings).
/// </summary>
internal static class BridgeForwardBenchmark
{
    private const int Ports = 64;
    private const int Stations = 1000;
    private const int Batch = 1000;

    public static void Run(double seconds)
    {
        var world = new World();
        var simulation = world.Simulation;
        simulation.EventBudget = long.MaxValue;
        var host = world.InitialNamespace;
        var stationsNs = world.CreateNamespace("stations");
        var bridge = new BridgeDevice(world, "br0", world.RandomMac());
        host.Add(bridge);
        bridge.SetUp();
        var farEnds = new VethDevice[Ports];
        for (int p = 0; p < Ports; p++)
        {
            var port = new VethDevice(world, $"p{p}", world.RandomMac());
            var far = new VethDevice(world, $"s{p}", world.RandomMac());
            VethDevice.Pair(port, far);
            host.Add(port);
            stationsNs.Add(far);
            if (bridge.AddSlave(port) is { } error) throw new InvalidOperationException(error.ToString());
            port.SetUp();
            far.SetUp();
            farEnds[p] = far;
        }
        simulation.RunFor(Core.Engine.Simulation.Millisecond);

        var stations = Enumerable.Range(0, Stations).Select(i => new MacAddress(0x0200_0000_0000UL + (ulong)i + 1)).ToArray();
        // Learn every station behind port i % 64 with one broadcast each.
        for (int i = 0; i < Stations; i++) Send(farEnds[i % Ports], MacAddress.Broadcast, stations[i], simulation.Packets);
        // Not RunUntilIdle: the bridge's garbage collector always has its next run scheduled.
        simulation.RunFor(Core.Engine.Simulation.Millisecond);
        if (bridge.Fdb.Count != Stations + Ports + 1 && bridge.Fdb.Count != Stations + Ports)
            throw new InvalidOperationException($"expected {Stations} learned entries, the table holds {bridge.Fdb.Count}");

        int next = 0;
        long Frames()
        {
            for (int n = 0; n < Batch; n++)
            {
                int i = next;
                next = (next + 1) % Stations;
                // Station i is behind port i % 64; station i + 1 behind the next port.
                Send(farEnds[i % Ports], stations[(i + 1) % Stations], stations[i], simulation.Packets);
            }
            simulation.RunFor(Core.Engine.Simulation.Millisecond);
            return Batch;
        }

        ulong forwardedBefore = SumTx(bridge);
        long eventsBefore = simulation.EventsExecuted;
        var result = Measure.Run(seconds, Frames);
        long events = simulation.EventsExecuted - eventsBefore;
        ulong forwarded = SumTx(bridge) - forwardedBefore;
        Console.WriteLine($"frames through the bridge: {result.Operations:N0} in {result.Seconds:F2} s = {result.PerSecond / 1e6:F2}M frames/s");
        Console.WriteLine($"ports: {Ports}, learned addresses: {bridge.Fdb.Entries.Count(e => !e.IsLocal)}, events (warm-up included): {events:N0}, transmitted by ports (warm-up included): {forwarded:N0}");
        Console.WriteLine($"allocated: {result.AllocatedBytes:N0} bytes = {(double)result.AllocatedBytes / result.Operations:F3} bytes per frame");
        Console.WriteLine($"packets still rented from the pool: {simulation.Packets.Outstanding}");
    }

    private static ulong SumTx(BridgeDevice bridge)
    {
        ulong sum = 0;
        foreach (var port in bridge.Ports) sum += port.Device.Stats.TxPackets;
        return sum;
    }

    private static void Send(NetDevice from, MacAddress destination, MacAddress source, PacketPool pool)
    {
        var frame = pool.Rent(64);
        var data = frame.Data;
        destination.Write(data);
        source.Write(data[6..]);
        data[12] = 0x08;
        data[13] = 0x00;
        data[14..].Clear();
        from.Transmit(frame);
    }
}
