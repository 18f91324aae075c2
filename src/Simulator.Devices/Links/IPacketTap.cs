using Simulator.Core.Packets;

namespace Simulator.Devices.Links;

public enum TapDirection { Incoming, Outgoing }

/// <summary>
/// A packet socket on a device (tcpdump, pcap capture): it sees every frame the device receives,
/// before any rx handler, and every frame it transmits (dev_queue_xmit_nit). It must not keep or
/// change the packet.
/// </summary>
public interface IPacketTap
{
    void Observe(NetDevice device, Packet frame, TapDirection direction);
}
