using Simulator.Core.Addressing;
using Simulator.Devices;
using Simulator.Devices.Ipv4.Routing;
using Simulator.Devices.Namespaces;
using Simulator.Devices.Tests.Support;

namespace Simulator.Devices.Tests.Routing;

/// <summary>Route changes as the kernel answers them (errors measured with iproute2 6.1 on Linux 6.18).</summary>
public class FibTests
{
    private static (World World, NetworkNamespace Ns, Links.VethDevice Veth) Setup()
    {
        var world = new World();
        var ns = world.CreateNamespace("t");
        var other = world.CreateNamespace("u");
        var (v1, v2) = Topology.Veth(ns, "v1", other, "v2");
        Topology.Address(v1, "10.0.0.1/24");
        return (world, ns, v1);
    }

    private static RouteRequest Via(string prefix, string gateway, int? metric = null) => new()
    {
        Destination = Parse(prefix),
        Gateway = Ipv4Address.Parse(gateway),
        Metric = metric,
    };

    private static Ipv4InterfaceAddress Parse(string text)
    {
        Ipv4InterfaceAddress.TryParse(text, out var address);
        return address;
    }

    [Test]
    public void Same_prefix_and_metric_twice_is_File_exists()
    {
        var (_, ns, _) = Setup();
        Assert.That(ns.Ipv4.Fib.Add(Via("10.1.0.0/16", "10.0.0.9"), RouteAddMode.Add), Is.Null);
        Assert.That(ns.Ipv4.Fib.Add(Via("10.1.0.0/16", "10.0.0.8"), RouteAddMode.Add)?.ToString(), Is.EqualTo("RTNETLINK answers: File exists"));
        Assert.That(ns.Ipv4.Fib.Add(Via("10.1.0.0/16", "10.0.0.8", metric: 10), RouteAddMode.Add), Is.Null, "another metric is another route");
    }

    [Test]
    public void Append_adds_another_next_hop_but_not_the_same_one_twice()
    {
        var (_, ns, _) = Setup();
        Assert.That(ns.Ipv4.Fib.Add(Via("10.1.0.0/16", "10.0.0.9"), RouteAddMode.Add), Is.Null);
        Assert.That(ns.Ipv4.Fib.Add(Via("10.1.0.0/16", "10.0.0.8"), RouteAddMode.Append), Is.Null);
        Assert.That(ns.Ipv4.Fib.Add(Via("10.1.0.0/16", "10.0.0.8"), RouteAddMode.Append)?.ToString(), Is.EqualTo("RTNETLINK answers: File exists"));
    }

    [Test]
    public void Gateway_must_be_directly_reachable()
    {
        var (_, ns, _) = Setup();
        Assert.That(ns.Ipv4.Fib.Add(Via("10.2.0.0/16", "10.5.0.9"), RouteAddMode.Add)?.ToString(),
            Is.EqualTo("Error: Nexthop has invalid gateway."));
    }

    [Test]
    public void Host_bits_in_the_prefix_are_refused()
    {
        var (_, ns, _) = Setup();
        Assert.That(ns.Ipv4.Fib.Add(Via("10.3.0.1/16", "10.0.0.9"), RouteAddMode.Add)?.ToString(),
            Is.EqualTo("Error: Invalid prefix for given prefix length."));
    }

    [Test]
    public void Deleting_a_missing_route_is_No_such_process()
    {
        var (_, ns, _) = Setup();
        Assert.That(ns.Ipv4.Fib.Delete(new RouteRequest { Destination = Parse("10.9.0.0/16") })?.ToString(),
            Is.EqualTo("RTNETLINK answers: No such process"));
    }

    [Test]
    public void A_device_going_down_takes_its_routes_but_not_its_local_addresses()
    {
        var (_, ns, v1) = Setup();
        ns.Ipv4.Fib.Add(Via("10.1.0.0/16", "10.0.0.9"), RouteAddMode.Add);
        v1.SetDown();
        Assert.That(ns.Ipv4.Fib.Main.All(), Is.Empty);
        Assert.That(ns.Ipv4.Fib.IsLocalAddress(Ipv4Address.Parse("10.0.0.1")), Is.True);
        v1.SetUp();
        Assert.That(ns.Ipv4.Fib.Main.All().Select(r => r.Destination.ToString()), Is.EqualTo(new[] { "10.0.0.0/24" }),
            "the connected route returns, the static one is gone for good");
    }

    [Test]
    public void Reject_routes_give_their_errno_to_local_senders()
    {
        var (_, ns, _) = Setup();
        foreach (var (type, prefix) in new[] { (RouteType.Unreachable, "10.9.0.0/16"), (RouteType.Prohibit, "10.8.0.0/16"), (RouteType.Blackhole, "10.7.0.0/16") })
            Assert.That(ns.Ipv4.Fib.Add(new RouteRequest { Destination = Parse(prefix), Type = type }, RouteAddMode.Add), Is.Null);
        Errno? Resolve(string a) => ns.Ipv4.Routes.ResolveOutput(Ipv4Address.Parse(a), default, 0, out _);
        Assert.That(Resolve("10.9.1.1"), Is.EqualTo(Errno.EHOSTUNREACH));
        Assert.That(Resolve("10.8.1.1"), Is.EqualTo(Errno.EACCES));
        Assert.That(Resolve("10.7.1.1"), Is.EqualTo(Errno.EINVAL));
        Assert.That(Resolve("192.0.2.1"), Is.EqualTo(Errno.ENETUNREACH));
    }
}
