using Simulator.Core.Addressing;

namespace Simulator.Devices.Ipv4.Sockets;

/// <summary>A packet a raw socket received: the whole IPv4 packet, as recvmsg returns it on a raw socket.</summary>
public sealed record ReceivedPacket(long Time, int InterfaceIndex, byte[] Bytes);

/// <summary>A datagram a UDP socket received.</summary>
public sealed record UdpDatagram(long Time, Ipv4Address Source, ushort SourcePort, Ipv4Address Destination, byte[] Data);
