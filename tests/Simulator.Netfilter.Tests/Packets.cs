using Simulator.Core.Addressing;
using Simulator.Netfilter;

namespace Simulator.Netfilter.Tests;

/// <summary>Packet contexts for tests: a TCP, UDP or ICMP packet between two addresses.</summary>
internal static class Packets
{
    public static PacketContext Tcp(string source, ushort sourcePort, string destination, ushort destinationPort,
        NetfilterHook hook = NetfilterHook.LocalIn) => new()
    {
        Hook = hook,
        Source = Ipv4Address.Parse(source),
        Destination = Ipv4Address.Parse(destination),
        Protocol = 6,
        SourcePort = sourcePort,
        DestinationPort = destinationPort,
        Length = 60,
    };

    public static PacketContext Udp(string source, ushort sourcePort, string destination, ushort destinationPort) =>
        Tcp(source, sourcePort, destination, destinationPort) with { Protocol = 17, Length = 40 };

    public static PacketContext Icmp(string source, string destination, byte type, byte code = 0,
        NetfilterHook hook = NetfilterHook.LocalIn) => new()
    {
        Hook = hook,
        Source = Ipv4Address.Parse(source),
        Destination = Ipv4Address.Parse(destination),
        Protocol = 1,
        IcmpType = type,
        IcmpCode = code,
        Length = 84,
    };
}
