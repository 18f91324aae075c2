using FsCheck;
using FsCheck.Fluent;
using Simulator.Core.Addressing;
using Simulator.Devices.Ipv4.Routing;

namespace Simulator.Devices.Tests.Routing;

public class RouteTableTests
{
    private static Route Route(string prefix, int metric = 0, byte tos = 0) =>
        new() { Destination = Ipv4Prefix.Parse(prefix), Metric = metric, Tos = tos };

    [Test]
    public void Longest_prefix_wins_and_shorter_ones_catch_the_rest()
    {
        var table = new RouteTable(RouteTables.Main);
        var all = Route("0.0.0.0/0");
        var net = Route("10.0.0.0/8");
        var subnet = Route("10.1.0.0/16");
        var host = Route("10.1.2.3/32");
        foreach (var r in new[] { all, net, subnet, host }) table.Insert(r);

        Assert.That(table.Lookup(Ipv4Address.Parse("10.1.2.3")), Is.SameAs(host));
        Assert.That(table.Lookup(Ipv4Address.Parse("10.1.2.4")), Is.SameAs(subnet));
        Assert.That(table.Lookup(Ipv4Address.Parse("10.200.0.1")), Is.SameAs(net));
        Assert.That(table.Lookup(Ipv4Address.Parse("192.168.0.1")), Is.SameAs(all));
    }

    [Test]
    public void Lower_metric_is_preferred_among_routes_to_one_prefix()
    {
        var table = new RouteTable(RouteTables.Main);
        var backup = Route("10.0.0.0/8", metric: 100);
        var primary = Route("10.0.0.0/8", metric: 10);
        table.Insert(backup);
        table.Insert(primary);
        Assert.That(table.Lookup(Ipv4Address.Parse("10.9.9.9")), Is.SameAs(primary));
        table.Remove(primary);
        Assert.That(table.Lookup(Ipv4Address.Parse("10.9.9.9")), Is.SameAs(backup));
    }

    [Test]
    public void Dump_order_is_the_kernel_trie_order()
    {
        // Measured with iproute2 6.1: "default", then by address; for one address the longer prefix first.
        var table = new RouteTable(RouteTables.Main);
        foreach (var p in new[] { "10.0.0.0/16", "10.4.0.0/16", "0.0.0.0/0", "10.0.0.0/24" }) table.Insert(Route(p));
        Assert.That(table.All().Select(r => r.Destination.ToString()),
            Is.EqualTo(new[] { "0.0.0.0/0", "10.0.0.0/24", "10.0.0.0/16", "10.4.0.0/16" }));
    }

    /// <summary>Random tables and addresses: the fast table and the linear reference agree.</summary>
    [Test]
    public void Lookup_agrees_with_a_linear_scan()
    {
        var routeGen =
            from network in Gen.Choose(0, 255)
            from second in Gen.Choose(0, 3)
            from length in Gen.Elements(0, 8, 16, 20, 24, 28, 32)
            from metric in Gen.Elements(0, 10, 100)
            from tos in Gen.Elements(0, 0, 0, 16)
            select (Prefix: new Ipv4Prefix(new Ipv4Address((uint)(network << 24 | second << 16 | network << 4)), length), metric, tos);
        var caseGen =
            from routes in Gen.ListOf(routeGen)
            from addresses in Gen.ListOf(Gen.Choose(0, 255).SelectMany(a => Gen.Choose(0, 3), (a, b) => new Ipv4Address((uint)(a << 24 | b << 16 | a << 4 | 1))))
            select (routes, addresses);

        Prop.ForAll(caseGen.ToArbitrary(), testCase =>
        {
            var fast = new RouteTable(RouteTables.Main);
            var slow = new LinearRouteTable();
            foreach (var (prefix, metric, tos) in testCase.routes)
            {
                var route = new Route { Destination = prefix, Metric = metric, Tos = (byte)tos };
                fast.Insert(route);
                slow.Insert(route);
            }
            return testCase.addresses.All(a => fast.Lookup(a) == slow.Lookup(a));
        }).QuickCheckThrowOnFailure();
    }
}
