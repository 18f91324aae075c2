using Simulator.Core.Addressing;
using Simulator.Core.Engine;
using Simulator.Core.Wire;
using Simulator.Devices.Ipv4.Routing;
using Simulator.Devices.Links;
using Simulator.Devices.Namespaces;

namespace Simulator.Bench;

/// <summary>
/// The reference topology: a client and a server with four router namespaces between
/// them (five veth links, 10.0.N.0/24 each). One echo request in flight at a time; each round
/// trip crosses the routers twice, so 8 packets are forwarded per round trip.
/// </summary>
internal static class EchoChainBenchmark
{
    private const int Routers = 4;

    public static void Run(double seconds)
    {
        var world = new World();
        var simulation = world.Simulation;
        simulation.EventBudget = long.MaxValue;
        var nodes = new List<NetworkNamespace> { world.CreateNamespace("client") };
        for (int r = 0; r < Routers; r++) nodes.Add(world.CreateNamespace($"r{r}"));
        nodes.Add(world.CreateNamespace("server"));
        for (int link = 0; link < nodes.Count - 1; link++)
        {
            var left = new VethDevice(world, $"l{link}", world.RandomMac());
            var right = new VethDevice(world, $"r{link}", world.RandomMac());
            VethDevice.Pair(left, right);
            nodes[link].Add(left);
            nodes[link + 1].Add(right);
            AddAddress(left, $"10.0.{link}.1/24");
            AddAddress(right, $"10.0.{link}.2/24");
        }
        var last = nodes.Count - 2;
        for (int i = 0; i < nodes.Count; i++)
        {
            if (i > 0 && i < nodes.Count - 1) nodes[i].Ipv4.SetAllForwarding(1);
            // Forward toward the server's subnet, everything else back toward the client.
            if (i < last) AddRoute(nodes[i], $"10.0.{last}.0/24", $"10.0.{i}.2");
            if (i > 0) AddRoute(nodes[i], "0.0.0.0/0", $"10.0.{i - 1}.1");
        }

        var client = nodes[0];
        var socket = client.Ipv4.Sockets.OpenRaw(IpProtocol.Icmp);
        var server = Ipv4Address.Parse($"10.0.{last}.2");
        bool replied = false;
        socket.Handler = (packet, _) =>
        {
            if (packet.Length > 20 && packet[20] == (byte)IcmpType.EchoReply) replied = true;
        };
        var echo = IcmpRepr.EchoRequest(0x4242, 1, 56);
        var message = new byte[echo.BufferLength];
        echo.Emit(message, new byte[56]);
        Func<bool> done = () => replied;

        long RoundTrips(int count)
        {
            for (int i = 0; i < count; i++)
            {
                replied = false;
                var error = socket.SendTo(server, message);
                if (error != null) throw new InvalidOperationException($"send failed: {error}");
                simulation.RunUntil(simulation.Now + Simulation.Second, done);
                if (!replied) throw new InvalidOperationException("no echo reply within a simulated second");
            }
            return count;
        }

        long eventsBefore = simulation.EventsExecuted;
        var result = Measure.Run(seconds, () => RoundTrips(1000));
        long events = simulation.EventsExecuted - eventsBefore;
        long forwarded = result.Operations * 2 * Routers;
        Console.WriteLine($"round trips: {result.Operations:N0} in {result.Seconds:F2} s = {result.PerSecond:N0} round trips/s");
        Console.WriteLine($"events (warm-up included): {events:N0}; packets forwarded: {forwarded:N0}");
        Console.WriteLine($"allocated: {result.AllocatedBytes:N0} bytes = {(double)result.AllocatedBytes / forwarded:F3} bytes per forwarded packet");
        Console.WriteLine($"packets still rented from the pool: {simulation.Packets.Outstanding}");
    }

    private static void AddAddress(NetDevice device, string cidr)
    {
        Ipv4InterfaceAddress.TryParse(cidr, out var address);
        device.Namespace.Ipv4.Addresses.Add(device, address, default);
        device.SetUp();
    }

    private static void AddRoute(NetworkNamespace ns, string prefix, string via)
    {
        Ipv4InterfaceAddress.TryParse(prefix, out var destination);
        var error = ns.Ipv4.Fib.Add(new RouteRequest { Destination = destination, Gateway = Ipv4Address.Parse(via) },
            RouteAddMode.Add);
        if (error != null) throw new InvalidOperationException($"route {prefix} via {via} in {ns.Name}: {error}");
    }
}
