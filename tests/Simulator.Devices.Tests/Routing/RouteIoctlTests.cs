using Simulator.Core.Addressing;
using Simulator.Devices.Ipv4.Routing;
using Simulator.Devices.Namespaces;
using Simulator.Devices.Tests.Support;

namespace Simulator.Devices.Tests.Routing;

/// <summary>SIOCADDRT/SIOCDELRT (ip_rt_ioctl), as answered to net-tools 2.10's route on Linux 6.18 (measured).</summary>
public class RouteIoctlTests
{
    private static NetworkNamespace Setup()
    {
        var world = new World();
        var ns = world.CreateNamespace("t");
        var (va, _) = Topology.Veth(ns, "va", world.CreateNamespace("u"), "vb");
        Topology.Address(va, "192.168.1.88/24");
        return ns;
    }

    private static RtEntry Default(string gateway, int metric = 0) => new()
    {
        Destination = Ipv4Address.Any,
        Genmask = Ipv4Address.Any,
        Gateway = Ipv4Address.Parse(gateway),
        Flags = RtFlags.Up | RtFlags.Gateway,
        Metric = metric,
    };

    private static string[] MainRoutes(NetworkNamespace ns) => ns.Ipv4.Fib.Main.All().Select(r => $"{r} scope {r.Scope.Name()}").ToArray();

    [Test]
    public void Add_prepends_and_refuses_only_an_identical_route()
    {
        var ns = Setup();
        Assert.That(RouteIoctl.Add(ns.Ipv4, Default("192.168.1.1")), Is.Null);
        Assert.That(RouteIoctl.Add(ns.Ipv4, Default("192.168.1.1")), Is.EqualTo(Errno.EEXIST));
        Assert.That(RouteIoctl.Add(ns.Ipv4, Default("192.168.1.254")), Is.Null);
        Assert.That(RouteIoctl.Add(ns.Ipv4, Default("192.168.1.1", metric: 3 + 1)), Is.Null);
        Assert.That(MainRoutes(ns).Take(3), Is.EqualTo(new[]
        {
            "unicast 0.0.0.0/0 via 192.168.1.254 dev va table main metric 0 scope global",
            "unicast 0.0.0.0/0 via 192.168.1.1 dev va table main metric 0 scope global",
            "unicast 0.0.0.0/0 via 192.168.1.1 dev va table main metric 3 scope global",
        }));
        Assert.That(ns.Ipv4.Fib.Main.All().First().Protocol, Is.EqualTo(RouteProtocol.Boot));
    }

    [Test]
    public void A_gateway_must_be_on_link_through_a_unicast_route()
    {
        var ns = Setup();
        Assert.That(RouteIoctl.Add(ns.Ipv4, Default("10.9.9.9")), Is.EqualTo(Errno.ENETUNREACH));
        // The subnet broadcast is not a unicast address: the route is of link scope and the
        // gateway must be found among host-scope routes, where it is not.
        Assert.That(RouteIoctl.Add(ns.Ipv4, Default("192.168.1.255")), Is.EqualTo(Errno.ENETUNREACH));
        // The host's own address is accepted, with link scope.
        var viaSelf = Default("192.168.1.88") with { Destination = Ipv4Address.Parse("10.5.0.0"), Genmask = Ipv4Address.Parse("255.255.0.0") };
        Assert.That(RouteIoctl.Add(ns.Ipv4, viaSelf), Is.Null);
        Assert.That(MainRoutes(ns)[0], Is.EqualTo("unicast 10.5.0.0/16 via 192.168.1.88 dev va table main metric 0 scope link"));
    }

    [Test]
    public void A_route_without_gateway_needs_a_device_that_is_up()
    {
        var ns = Setup();
        var net = new RtEntry { Destination = Ipv4Address.Parse("10.8.0.0"), Genmask = Ipv4Address.Parse("255.255.0.0"), Flags = RtFlags.Up };
        Assert.That(RouteIoctl.Add(ns.Ipv4, net), Is.EqualTo(Errno.ENODEV));
        Assert.That(RouteIoctl.Add(ns.Ipv4, net with { DeviceName = "veth9" }), Is.EqualTo(Errno.ENODEV));
        Assert.That(RouteIoctl.Add(ns.Ipv4, net with { DeviceName = "va:1" }), Is.EqualTo(Errno.ENODEV), "an alias must label an address");
        ns.FindDevice("va")!.SetDown();
        Assert.That(RouteIoctl.Add(ns.Ipv4, net with { DeviceName = "va" }), Is.EqualTo(Errno.ENETDOWN));
    }

    [Test]
    public void A_reject_route_is_unreachable_of_host_scope_without_a_device()
    {
        var ns = Setup();
        var reject = new RtEntry
        {
            Destination = Ipv4Address.Parse("10.8.0.0"), Genmask = Ipv4Address.Parse("255.255.0.0"),
            Flags = RtFlags.Up | RtFlags.Reject, DeviceName = "lo",
        };
        Assert.That(RouteIoctl.Add(ns.Ipv4, reject), Is.Null);
        Assert.That(MainRoutes(ns)[0], Is.EqualTo("unreachable 10.8.0.0/16 table main metric 0 scope host"));
        var plain = reject with { Flags = RtFlags.Up, DeviceName = null };
        Assert.That(RouteIoctl.Delete(ns.Ipv4, plain), Is.EqualTo(Errno.ESRCH), "a delete without reject looks for a unicast route");
        Assert.That(RouteIoctl.Delete(ns.Ipv4, reject), Is.Null);
    }

    [Test]
    public void Delete_matches_what_the_entry_sets_and_metric_0_matches_any()
    {
        var ns = Setup();
        RouteIoctl.Add(ns.Ipv4, Default("192.168.1.1", metric: 2 + 1));
        Assert.That(RouteIoctl.Delete(ns.Ipv4, Default("192.168.1.9")), Is.EqualTo(Errno.ESRCH));
        Assert.That(RouteIoctl.Delete(ns.Ipv4, Default("192.168.1.1", metric: 3 + 1)), Is.EqualTo(Errno.ESRCH));
        Assert.That(RouteIoctl.Delete(ns.Ipv4, Default("192.168.1.1", metric: 0 + 1)), Is.Null);
        Assert.That(RouteIoctl.Add(ns.Ipv4, new RtEntry { Destination = Ipv4Address.Parse("10.0.0.1"), Genmask = Ipv4Address.Parse("255.0.0.0"), DeviceName = "va" }),
            Is.EqualTo(Errno.EINVAL), "host bits under the netmask");
    }

    [Test]
    public void The_main_table_exists_once_any_route_was_added()
    {
        var world = new World();
        var ns = world.CreateNamespace("fresh");
        Assert.That(ns.Ipv4.Fib.MainTableExists, Is.False, "route -n exits 1 in a fresh namespace (measured)");
        ns.Loopback.SetUp();
        Assert.That(ns.Ipv4.Fib.Main.All(), Is.Empty);
        Assert.That(ns.Ipv4.Fib.MainTableExists, Is.True, "lo's local routes create it: local is an alias of main");
    }
}
