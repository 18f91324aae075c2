using Simulator.Core.Addressing;
using Simulator.Core.Engine;
using Simulator.Core.Wire;
using Simulator.Devices.Ipv4.Routing;
using Simulator.Devices.Links;
using Simulator.Devices.Namespaces;
using Simulator.Netfilter.Matches;
using Simulator.Netfilter.Tables;
using Simulator.Netfilter.Targets;

namespace Simulator.Bench;

/// <summary>
/// Packets per second through a router's FORWARD chain: client — router — server, one echo in
/// flight, each round trip forwarding two packets. Measured with no firewall, with an empty
/// filter table (the cost of the hooks alone), and with 1,000 rules that do not match followed
/// by the one that does (-s 10.99.x.y -j DROP ×1000, then -j ACCEPT).
/// </summary>
internal static class ForwardChainBenchmark
{
    public static void Run(double seconds)
    {
        // Twice round, so the first figures do not carry the JIT's warm-up.
        foreach (var (label, rules) in new[]
                 {
                     ("no firewall", -1), ("empty filter table", 0), ("1,000 non-matching rules + 1 match", 1000),
                     ("no firewall", -1), ("empty filter table", 0), ("1,000 non-matching rules + 1 match", 1000),
                 })
        {
            var (world, client, router) = Build();
            if (rules >= 0)
            {
                var filter = router.Firewall.Tables.Filter;
                filter.CreateBuiltinChains();
                for (int i = 0; i < rules; i++)
                {
                    var source = new Ipv4Address(0x0A630000u | (uint)i);
                    filter.Append("FORWARD", new Rule(IpPacketMatch.Any.WithSource(source, new Ipv4Address(0xFFFFFFFFu)), [], StandardTarget.Drop));
                }
                if (rules > 0) filter.Append("FORWARD", new Rule(IpPacketMatch.Any, [], StandardTarget.Accept));
            }
            var result = EchoLoop(world, client, seconds);
            Console.WriteLine($"{label,-36}: {result.PerSecond * 2,12:N0} forwarded packets/s ({result.PerSecond:N0} round trips/s, " +
                              $"{(double)result.AllocatedBytes / (result.Operations * 2):F1} B allocated per forwarded packet)");
        }
    }

    private static Measure.Result EchoLoop(World world, NetworkNamespace client, double seconds)
    {
        var simulation = world.Simulation;
        simulation.EventBudget = long.MaxValue;
        var socket = client.Ipv4.Sockets.OpenRaw(IpProtocol.Icmp);
        bool replied = false;
        socket.Handler = (packet, _) =>
        {
            if (packet.Length > 20 && packet[20] == (byte)IcmpType.EchoReply) replied = true;
        };
        var echo = IcmpRepr.EchoRequest(0x4242, 1, 56);
        var message = new byte[echo.BufferLength];
        echo.Emit(message, new byte[56]);
        var server = Ipv4Address.Parse("10.0.1.2");
        Func<bool> done = () => replied;
        return Measure.Run(seconds, () =>
        {
            for (int i = 0; i < 1000; i++)
            {
                replied = false;
                if (socket.SendTo(server, message) is { } error) throw new InvalidOperationException($"send failed: {error}");
                simulation.RunUntil(simulation.Now + Simulation.Second, done);
                if (!replied) throw new InvalidOperationException("no echo reply");
            }
            return 1000;
        });
    }

    internal static (World, NetworkNamespace Client, NetworkNamespace Router) Build()
    {
        var world = new World();
        var client = world.CreateNamespace("client");
        var router = world.CreateNamespace("router");
        var server = world.CreateNamespace("server");
        Link(world, client, router, 0);
        Link(world, router, server, 1);
        router.Ipv4.SetAllForwarding(1);
        Route(client, "0.0.0.0/0", "10.0.0.2");
        Route(server, "0.0.0.0/0", "10.0.1.1");
        return (world, client, router);
    }

    private static void Link(World world, NetworkNamespace left, NetworkNamespace right, int n)
    {
        var a = new VethDevice(world, $"l{n}", world.RandomMac());
        var b = new VethDevice(world, $"r{n}", world.RandomMac());
        VethDevice.Pair(a, b);
        left.Add(a);
        right.Add(b);
        Address(a, $"10.0.{n}.1/24");
        Address(b, $"10.0.{n}.2/24");
    }

    private static void Address(NetDevice device, string cidr)
    {
        Ipv4InterfaceAddress.TryParse(cidr, out var address);
        device.Namespace.Ipv4.Addresses.Add(device, address, default);
        device.SetUp();
    }

    private static void Route(NetworkNamespace ns, string prefix, string via)
    {
        Ipv4InterfaceAddress.TryParse(prefix, out var destination);
        var error = ns.Ipv4.Fib.Add(new RouteRequest { Destination = destination, Gateway = Ipv4Address.Parse(via) }, RouteAddMode.Add);
        if (error != null) throw new InvalidOperationException($"route {prefix} via {via}: {error}");
    }
}
