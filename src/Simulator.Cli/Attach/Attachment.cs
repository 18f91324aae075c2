using Simulator.Devices.Links;
using Simulator.Devices.Namespaces;

namespace Simulator.Cli.Attach;

/// <summary>
/// A simulated device spliced onto a real interface: the model's host gets a NIC named SIMDEV
/// whose frames go out on REALDEV, and what REALDEV receives enters the model on SIMDEV. While
/// any attachment exists the engine runs in real time.
/// </summary>
public sealed class Attachment : IDisposable
{
    private readonly PcapPort _port;
    private readonly RealTimePacer _pacer;

    private Attachment(ExternalPortDevice device, PcapPort port, RealTimePacer pacer)
    {
        Device = device;
        _port = port;
        _pacer = pacer;
    }

    public ExternalPortDevice Device { get; }

    public string RealDevice => _port.Device;

    /// <summary>
    /// Creates SIMDEV in the model's initial namespace and opens REALDEV; null with
    /// <paramref name="error"/> when the device name is taken or the interface cannot be opened.
    /// </summary>
    public static Attachment? Create(World world, AttachSpec spec, out string? error)
    {
        var ns = world.InitialNamespace;
        if (ns.FindDevice(spec.SimulatedDevice) != null)
        {
            error = $"--attach: the model already has a device named {spec.SimulatedDevice}";
            return null;
        }
        var port = PcapPort.Open(spec.RealDevice, out error);
        if (port is null)
        {
            error = $"--attach: cannot open {spec.RealDevice}: {error}";
            return null;
        }
        var device = new ExternalPortDevice(world, spec.SimulatedDevice, world.RandomMac());
        ns.Add(device);
        device.Transmitted = port.Send;
        var pacer = new RealTimePacer(world.Simulation, () =>
        {
            while (port.Received.TryDequeue(out var frame)) device.Deliver(frame);
        }, port.Arrived);
        pacer.Start();
        return new Attachment(device, port, pacer);
    }

    /// <summary>Why capturing or injecting failed during the run, if it did.</summary>
    public string? Problem =>
        _port.CaptureError is { } capture ? $"capture on {RealDevice} failed: {capture}"
        : _port.InjectErrors > 0 ? $"{_port.InjectErrors} frames could not be sent on {RealDevice}: {_port.LastInjectError}"
        : null;

    public void Dispose()
    {
        _pacer.Stop();
        Device.Transmitted = null;
        _port.Dispose();
    }
}
