using Simulator.Core.Addressing;
using Simulator.Core.Engine;
using Simulator.Core.Wire;
using Simulator.Devices.Ipv4.Routing;
using Simulator.Devices.Links;
using Simulator.Devices.Namespaces;

namespace Simulator.Devices.Tests.Support;

/// <summary>Small topologies built with the model's own operations, as `ip` would.</summary>
internal static class Topology
{
    public static (VethDevice A, VethDevice B) Veth(NetworkNamespace a, string nameA, NetworkNamespace b, string nameB)
    {
        var world = a.World;
        var first = new VethDevice(world, nameA, world.RandomMac());
        var second = new VethDevice(world, nameB, world.RandomMac());
        VethDevice.Pair(first, second);
        a.Add(first);
        b.Add(second);
        return (first, second);
    }

    public static void Address(NetDevice device, string cidr)
    {
        Assert.That(Ipv4InterfaceAddress.TryParse(cidr, out var address), Is.True);
        Assert.That(device.Namespace.Ipv4.Addresses.Add(device, address, default), Is.Null);
        device.SetUp();
    }

    public static void Route(NetworkNamespace ns, string prefix, string via)
    {
        Assert.That(Ipv4InterfaceAddress.TryParse(prefix, out var destination), Is.True);
        var error = ns.Ipv4.Fib.Add(new RouteRequest { Destination = destination, Gateway = Ipv4Address.Parse(via) }, RouteAddMode.Add);
        Assert.That(error, Is.Null, error?.ToString());
    }

    /// <summary>Sends one echo request from <paramref name="ns"/> and runs the world for <paramref name="wait"/>.</summary>
    public static List<IcmpRepr> Ping(NetworkNamespace ns, string destination, long wait = Simulation.Second, byte ttl = 64)
    {
        var socket = ns.Ipv4.Sockets.OpenRaw(IpProtocol.Icmp);
        socket.Ttl = ttl;
        var echo = IcmpRepr.EchoRequest(0x1234, 1, 56);
        var message = new byte[echo.BufferLength];
        echo.Emit(message, new byte[56]);
        var error = socket.SendTo(Ipv4Address.Parse(destination), message);
        Assert.That(error, Is.Null, $"sendto failed: {error}");
        ns.World.Simulation.RunFor(wait);
        var received = new List<IcmpRepr>();
        while (socket.Received.Count > 0)
        {
            var bytes = socket.Received.Dequeue().Bytes;
            Ipv4Repr.TryParse(bytes, ChecksumMode.Verify, out var ip);
            IcmpRepr.TryParse(bytes.AsSpan(ip.HeaderLength), ChecksumMode.Verify, out var icmp);
            if (icmp.Type != IcmpType.EchoRequest) received.Add(icmp);
        }
        socket.Close();
        return received;
    }
}
