using Simulator.Core.Addressing;
using Simulator.Core.Engine;
using Simulator.Core.Wire;
using Simulator.Devices.Ipv4.Routing;
using Simulator.Devices.Namespaces;
using Simulator.Devices.Tests.Support;

namespace Simulator.Devices.Tests.Ipv4;

/// <summary>
/// The router's ICMP errors to one sender share a token bucket (inetpeer): ip_error spends one
/// second of tokens per route error, icmp_ratelimit another per ICMP error, refilling at one per
/// second up to five (ip_error) or six (icmp) seconds.
/// </summary>
public class IcmpRateLimitTests
{
    [Test]
    public void Route_errors_and_icmp_errors_drain_one_bucket_per_sender()
    {
        // The same sequence was run on Linux 6.18 (iproute2 6.1, iputils 20221126): two pings with
        // TTL 1, then two to a net without a route, then two behind an "unreachable" route, then,
        // after ping's 10 s linger, two behind a "prohibit" route. The router answered 2, 2, 1, 2.
        var world = new World();
        var client = world.CreateNamespace("c");
        var router = world.CreateNamespace("r");
        var server = world.CreateNamespace("s");
        var (c, r1) = Topology.Veth(client, "v1", router, "v2");
        var (r2, s) = Topology.Veth(router, "v3", server, "v4");
        Topology.Address(c, "10.0.0.1/24");
        Topology.Address(r1, "10.0.0.2/24");
        Topology.Address(r2, "10.0.1.1/24");
        Topology.Address(s, "10.0.1.2/24");
        Topology.Route(client, "0.0.0.0/0", "10.0.0.2");
        router.Ipv4.SetAllForwarding(1);
        foreach (var (type, prefix) in new[] { (RouteType.Unreachable, "10.9.0.0/16"), (RouteType.Prohibit, "10.8.0.0/16") })
        {
            Ipv4InterfaceAddress.TryParse(prefix, out var destination);
            router.Ipv4.Fib.Add(new RouteRequest { Destination = destination, Type = type }, RouteAddMode.Add);
        }
        Topology.Ping(client, "10.0.1.2", wait: 20 * Simulation.Millisecond); // resolve neighbours first

        int Burst(string destination, byte ttl = 64, long pause = 20 * Simulation.Millisecond)
        {
            int errors = Topology.Ping(client, destination, wait: Simulation.Second, ttl: ttl).Count(IsError);
            errors += Topology.Ping(client, destination, wait: pause, ttl: ttl).Count(IsError);
            return errors;
        }

        Assert.That(Burst("10.0.1.2", ttl: 1), Is.EqualTo(2), "time exceeded");
        Assert.That(Burst("10.0.9.9"), Is.EqualTo(2), "net unreachable");
        Assert.That(Burst("10.9.1.1", pause: 10 * Simulation.Second), Is.EqualTo(1), "host unreachable: the bucket is empty");
        Assert.That(Burst("10.8.1.1"), Is.EqualTo(2), "packet filtered, after the bucket refilled");
    }

    private static bool IsError(IcmpRepr icmp) => icmp.IsError;
}
