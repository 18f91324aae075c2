using Simulator.Core.Addressing;
using Simulator.Core.Packets;

namespace Simulator.Devices.Links;

/// <summary>
/// A network card whose cable leaves the simulation: the frames it transmits are handed to
/// <see cref="Transmitted"/> (which puts them on a real interface), and frames from outside
/// enter through <see cref="Deliver"/>. To the model it is a plain Ethernet NIC; carrier is on
/// while it is up, as the real link behind it is assumed to be.
/// </summary>
public sealed class ExternalPortDevice : NetDevice
{
    public ExternalPortDevice(Namespaces.World world, string name, MacAddress address) : base(world, name, address) { }

    /// <summary>A plain NIC: <c>ip -d link</c> shows no kind.</summary>
    public override string? Kind => null;

    /// <summary>Hardware: deleting its namespace returns it to the initial one.</summary>
    public override bool IsVirtual => false;

    /// <summary>Receives every frame the device sends, valid only during the call.</summary>
    public Action<ReadOnlySpan<byte>>? Transmitted { get; set; }

    protected override void OnOpen() => SetCarrier(true);

    protected override void OnStop() => SetCarrier(false);

    /// <summary>ndo_start_xmit: the frame leaves the simulation.</summary>
    protected override void StartXmit(Packet frame)
    {
        CountTransmitted(frame);
        Transmitted?.Invoke(frame.Data);
        frame.Release();
    }

    /// <summary>A frame arrived from the outside: it enters the receive path now (netif_rx).</summary>
    public void Deliver(ReadOnlySpan<byte> bytes)
    {
        var frame = Simulation.Packets.Rent(bytes.Length);
        bytes.CopyTo(frame.Data);
        NetifRx(frame, 0);
    }
}
