namespace Simulator.Core.Packets;

/// <summary>
/// Recycles packet buffers so that forwarding in steady state allocates nothing. One pool per
/// simulation; not thread-safe, like the simulation itself.
/// </summary>
public sealed class PacketPool
{
    /// <summary>Room for a 1500-byte MTU frame with Ethernet and VLAN headers, plus headroom.</summary>
    private const int StandardCapacity = Packet.DefaultHeadroom + 1536;

    private readonly Stack<Packet> _free = new();

    /// <summary>Packets rented and not yet released: a leak shows here.</summary>
    public int Outstanding { get; private set; }

    public Packet Rent(int length)
    {
        var packet = _free.Count > 0 ? _free.Pop() : new Packet(this, Math.Max(StandardCapacity, Packet.DefaultHeadroom + length));
        packet.InPool = false;
        packet.Reset(length);
        Outstanding++;
        return packet;
    }

    internal void Return(Packet packet)
    {
        if (packet.InPool) throw new InvalidOperationException("packet released twice");
        packet.InPool = true;
        Outstanding--;
        _free.Push(packet);
    }
}
