using Simulator.Cli.Tests.Ip;
using Simulator.Core.Addressing;
using Simulator.Core.Engine;
using Simulator.Core.Wire;

namespace Simulator.Cli.Tests.Conntrack;

/// <summary>
/// Seed 004's NAT gateways, built with the shell's own commands:
/// <code>
///   ma 192.168.1.2 ── ga (192.168.1.1 | 100.100.100.1) ══ internet ══ (200.200.200.1 | 192.168.2.1) gb ── 192.168.2.2 mb
///                       SNAT to 100.100.100.1                              DNAT 200.200.200.1 to 192.168.2.2
/// </code>
/// Traffic comes from sockets in C#: ping and nc are other programs.
/// </summary>
internal sealed class Seed004Gateways
{
    public Seed004Gateways()
    {
        Harness = new IpHarness();
        Harness.Setup(
            "ip netns add ma", "ip netns add ga", "ip netns add gb", "ip netns add mb",
            "ip link add eth0 netns ma type veth peer name lan0 netns ga",
            "ip link add wan0 netns ga type veth peer name wan0 netns gb",
            "ip link add lan0 netns gb type veth peer name eth0 netns mb",
            "ip -n ma addr add 192.168.1.2/24 dev eth0", "ip -n ma link set eth0 up", "ip -n ma route add default via 192.168.1.1",
            "ip -n ga addr add 192.168.1.1/24 dev lan0", "ip -n ga link set lan0 up",
            "ip -n ga addr add 100.100.100.1/24 dev wan0", "ip -n ga link set wan0 up", "ip -n ga route add 200.200.200.0/24 dev wan0",
            "ip -n gb addr add 200.200.200.1/24 dev wan0", "ip -n gb link set wan0 up", "ip -n gb route add 100.100.100.0/24 dev wan0",
            "ip -n gb addr add 192.168.2.1/24 dev lan0", "ip -n gb link set lan0 up",
            "ip -n mb addr add 192.168.2.2/24 dev eth0", "ip -n mb link set eth0 up", "ip -n mb route add default via 192.168.2.1",
            "ip netns exec ga sysctl -qw net.ipv4.ip_forward=1",
            "ip netns exec gb sysctl -qw net.ipv4.ip_forward=1",
            "ip netns exec ga iptables -t nat -A POSTROUTING -s 192.168.1.0/24 -o wan0 -j SNAT --to-source 100.100.100.1",
            "ip netns exec gb iptables -t nat -A PREROUTING -d 200.200.200.1 -i wan0 -j DNAT --to-destination 192.168.2.2");
    }

    public IpHarness Harness { get; }

    public Devices.Namespaces.NetworkNamespace Ns(string name) => Harness.World.FindNamespace(name)!;

    /// <summary>One echo request from machine A with a fixed identifier; the replies' identifiers.</summary>
    public List<ushort> Ping(ushort id, ushort sequence = 1)
    {
        var socket = Ns("ma").Ipv4.Sockets.OpenRaw(IpProtocol.Icmp);
        var echo = IcmpRepr.EchoRequest(id, sequence, 56);
        var message = new byte[echo.BufferLength];
        echo.Emit(message, new byte[56]);
        Assert.That(socket.SendTo(Ipv4Address.Parse("200.200.200.1"), message), Is.Null);
        Harness.World.Simulation.RunFor(Simulation.Second / 10);
        var ids = new List<ushort>();
        while (socket.Received.Count > 0)
        {
            var bytes = socket.Received.Dequeue().Bytes;
            Ipv4Repr.TryParse(bytes, ChecksumMode.Verify, out var ip);
            IcmpRepr.TryParse(bytes.AsSpan(ip.HeaderLength), ChecksumMode.Verify, out var icmp);
            if (icmp.Type == IcmpType.EchoReply) ids.Add(icmp.Identifier);
        }
        socket.Close();
        return ids;
    }
}
