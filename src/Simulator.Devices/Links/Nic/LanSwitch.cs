using Simulator.Core.Addressing;
using Simulator.Core.Engine;
using Simulator.Core.Packets;

namespace Simulator.Devices.Links.Nic;

/// <summary>
/// The unmanaged switch of a LAN outside the host: it learns which port each source address is
/// behind, sends known unicast to that port only, and floods the rest to every other port. It is
/// not a device of any namespace (nobody runs brctl on it), so a plain table is enough; entries
/// are forgotten after the usual 300 s.
/// </summary>
public sealed class LanSwitch
{
    public static readonly long AgeingTime = 300 * Simulation.Second;

    private readonly Simulation _simulation;
    private readonly List<SwitchPort> _ports = [];
    private readonly Dictionary<MacAddress, (SwitchPort Port, long Seen)> _table = [];

    public LanSwitch(Simulation simulation) => _simulation = simulation;

    public IReadOnlyList<SwitchPort> Ports => _ports;

    /// <summary>Cables <paramref name="end"/> to a new port.</summary>
    public Wire Connect(IWireEnd end, long delay = Wire.DefaultDelay)
    {
        var port = new SwitchPort(this);
        var wire = new Wire(_simulation, port, end, delay);
        port.Wire = wire;
        _ports.Add(port);
        return wire;
    }

    internal void Receive(SwitchPort ingress, Packet frame)
    {
        var data = frame.Data;
        if (data.Length < 14)
        {
            frame.Release();
            return;
        }
        var destination = MacAddress.Read(data);
        var source = MacAddress.Read(data[6..]);
        long now = _simulation.Now;
        if (!source.IsMulticast) _table[source] = (ingress, now);
        if (!destination.IsMulticast && _table.TryGetValue(destination, out var known) && known.Seen + AgeingTime > now)
        {
            if (known.Port == ingress) frame.Release();
            else known.Port.Send(frame);
            return;
        }
        SwitchPort? previous = null;
        foreach (var port in _ports)
        {
            if (port == ingress) continue;
            if (previous != null) previous.Send(frame.Clone());
            previous = port;
        }
        if (previous is null) frame.Release();
        else previous.Send(frame);
    }
}

/// <summary>One port of a <see cref="LanSwitch"/>.</summary>
public sealed class SwitchPort : IWireEnd
{
    internal SwitchPort(LanSwitch lanSwitch) => Switch = lanSwitch;

    public LanSwitch Switch { get; }
    public Wire Wire { get; internal set; } = null!;

    public void ReceiveFromWire(Packet frame) => Switch.Receive(this, frame);

    internal void Send(Packet frame) => Wire.Send(this, frame);
}
