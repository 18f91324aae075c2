using Simulator.Core.Addressing;
using Simulator.Core.Engine;
using Simulator.Core.Wire;
using Simulator.Devices.Links;
using Simulator.Devices.Namespaces;
using Simulator.Devices.Tests.Support;
using Simulator.Netfilter.Matches;
using Simulator.Netfilter.Tables;
using Simulator.Netfilter.Targets;

namespace Simulator.Devices.Tests.Netfilter;

/// <summary>
/// Two private hosts behind a gateway, and a public server that has no route back to them:
/// <code>
///   a  192.168.1.2 ── lan0 ┐
///                          gw ── wan0 100.100.100.1 ── 100.100.100.2 server
///   c  192.168.2.2 ── lan1 ┘
/// </code>
/// Only a source-translated packet gets an answer from the server.
/// </summary>
internal sealed class NatTopology
{
    public NatTopology()
    {
        World = new World();
        A = World.CreateNamespace("a");
        C = World.CreateNamespace("c");
        Gateway = World.CreateNamespace("gw");
        Server = World.CreateNamespace("server");
        var (a0, lan0) = Topology.Veth(A, "eth0", Gateway, "lan0");
        var (c0, lan1) = Topology.Veth(C, "eth0", Gateway, "lan1");
        var (wan, s0) = Topology.Veth(Gateway, "wan0", Server, "eth0");
        Wan = wan;
        Topology.Address(a0, "192.168.1.2/24");
        Topology.Address(lan0, "192.168.1.1/24");
        Topology.Address(c0, "192.168.2.2/24");
        Topology.Address(lan1, "192.168.2.1/24");
        Topology.Address(wan, "100.100.100.1/24");
        Topology.Address(s0, "100.100.100.2/24");
        Topology.Route(A, "0.0.0.0/0", "192.168.1.1");
        Topology.Route(C, "0.0.0.0/0", "192.168.2.1");
        Gateway.Ipv4.SetAllForwarding(1);
    }

    public World World { get; }
    public NetworkNamespace A { get; }
    public NetworkNamespace C { get; }
    public NetworkNamespace Gateway { get; }
    public NetworkNamespace Server { get; }
    public VethDevice Wan { get; }

    public NetfilterTables GatewayTables => Gateway.Firewall.Tables;

    public void Masquerade() =>
        Assert.That(GatewayTables.Nat.Append("POSTROUTING",
            new Rule(IpPacketMatch.Any with { OutInterface = InterfacePattern.Parse("wan0") }, [], MasqueradeTarget.Default)).Ok);

    /// <summary>Sends an echo request with a fixed identifier from a raw socket; returns the replies' (type, id) after a second.</summary>
    public static List<(IcmpType Type, ushort Id, Ipv4Address From)> Echo(NetworkNamespace from, string to, ushort id, ushort sequence = 1)
    {
        var socket = from.Ipv4.Sockets.OpenRaw(IpProtocol.Icmp);
        var echo = IcmpRepr.EchoRequest(id, sequence, 56);
        var message = new byte[echo.BufferLength];
        echo.Emit(message, new byte[56]);
        Assert.That(socket.SendTo(Ipv4Address.Parse(to), message), Is.Null);
        from.World.Simulation.RunFor(Simulation.Second);
        var received = new List<(IcmpType, ushort, Ipv4Address)>();
        while (socket.Received.Count > 0)
        {
            var bytes = socket.Received.Dequeue().Bytes;
            Assert.That(Ipv4Repr.TryParse(bytes, ChecksumMode.Verify, out var ip), Is.EqualTo(Core.Tracing.DropReason.None));
            Assert.That(IcmpRepr.TryParse(bytes.AsSpan(ip.HeaderLength), ChecksumMode.Verify, out var icmp),
                Is.EqualTo(Core.Tracing.DropReason.None), "ICMP checksum after NAT");
            if (icmp.Type != IcmpType.EchoRequest) received.Add((icmp.Type, icmp.Identifier, ip.Source));
        }
        socket.Close();
        return received;
    }
}
