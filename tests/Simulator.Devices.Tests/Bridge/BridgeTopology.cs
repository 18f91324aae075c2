using Simulator.Core.Addressing;
using Simulator.Devices.Links;
using Simulator.Devices.Links.Bridge;
using Simulator.Devices.Namespaces;
using Simulator.Devices.Tests.Support;

namespace Simulator.Devices.Tests.Bridge;

/// <summary>Small bridged topologies built with the model's operations, as ip and brctl would.</summary>
internal static class BridgeTopology
{
    public static BridgeDevice Bridge(NetworkNamespace ns, string name, bool up = true)
    {
        var bridge = new BridgeDevice(ns.World, name, ns.World.RandomMac());
        ns.Add(bridge);
        if (up) bridge.SetUp();
        return bridge;
    }

    /// <summary>
    /// A station: namespace <paramref name="station"/> with a veth "eth0" at
    /// <paramref name="cidr"/>, its peer <paramref name="portName"/> enslaved to
    /// <paramref name="bridge"/> and up.
    /// </summary>
    public static (VethDevice Inside, VethDevice Port) Station(BridgeDevice bridge, NetworkNamespace station, string portName,
        string cidr, string insideName = "eth0")
    {
        var (port, inside) = Topology.Veth(bridge.Namespace, portName, station, insideName);
        Assert.That(bridge.AddSlave(port), Is.Null);
        port.SetUp();
        Topology.Address(inside, cidr);
        return (inside, port);
    }

    public static MacAddress Mac(string text) => MacAddress.Parse(text);
}
