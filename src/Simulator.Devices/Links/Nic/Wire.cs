using Simulator.Core.Engine;
using Simulator.Core.Packets;

namespace Simulator.Devices.Links.Nic;

/// <summary>Something a cable can be plugged into: a NIC, or a port of the switch of an outside LAN.</summary>
public interface IWireEnd
{
    /// <summary>A frame arrived over the cable; the end owns it now.</summary>
    void ReceiveFromWire(Packet frame);
}

/// <summary>
/// An Ethernet cable between two ends. A frame sent from one end arrives at the other after
/// <see cref="Delay"/> (serialisation, propagation and the driver's interrupt path of a gigabit
/// link, a few tens of microseconds), as a scheduled event.
/// </summary>
public sealed class Wire : IEventTarget
{
    /// <summary>One crossing: a LAN ping's round trip (four crossings through a switch) is about 0.1 ms.</summary>
    public const long DefaultDelay = 25 * Simulation.Microsecond;

    private readonly Simulation _simulation;

    public Wire(Simulation simulation, IWireEnd a, IWireEnd b, long delay = DefaultDelay)
    {
        _simulation = simulation;
        A = a;
        B = b;
        Delay = delay;
    }

    public IWireEnd A { get; }
    public IWireEnd B { get; }
    public long Delay { get; }

    /// <summary>The end opposite <paramref name="end"/>.</summary>
    public IWireEnd Other(IWireEnd end) => end == A ? B : A;

    /// <summary>Puts <paramref name="frame"/> on the cable from <paramref name="from"/>.</summary>
    public void Send(IWireEnd from, Packet frame) => _simulation.Schedule(Delay, this, frame, from == A ? 1 : 0);

    void IEventTarget.OnEvent(object? payload, long argument) =>
        (argument == 1 ? B : A).ReceiveFromWire((Packet)payload!);
}
