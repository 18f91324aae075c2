using Simulator.Core.Addressing;
using Simulator.Core.Packets;
using Simulator.Devices.Links;

namespace Simulator.Devices.Ipv4.Neighbours;

/// <summary>One neighbour (struct neighbour): an IPv4 address on a device and what is known of its MAC.</summary>
public sealed class NeighbourEntry
{
    internal NeighbourEntry(Ipv4Address address, NetDevice device, Core.Engine.Simulation simulation, Action<NeighbourEntry> expired)
    {
        Address = address;
        Device = device;
        Timer = new Core.Engine.Timer(simulation, () => expired(this));
    }

    public Ipv4Address Address { get; }
    public NetDevice Device { get; }
    public MacAddress HardwareAddress { get; internal set; }
    public NudState State { get; internal set; }

    /// <summary>Last time reachability was confirmed (ns).</summary>
    public long Confirmed { get; internal set; }
    /// <summary>Last time the entry was changed (ns).</summary>
    public long Updated { get; internal set; }
    /// <summary>Last time the entry was used for output (ns).</summary>
    public long Used { get; internal set; }

    /// <summary>Probes sent in the current resolution round.</summary>
    internal int Probes { get; set; }
    internal Core.Engine.Timer Timer { get; }

    /// <summary>Packets waiting for resolution (arp_queue), each with the IPv4 header at its start.</summary>
    internal Queue<Packet> Pending { get; } = new();
    internal int PendingBytes { get; set; }

    public bool IsRouter { get; internal set; }
}
