using Simulator.Core.Capture;
using Simulator.Core.Packets;
using Simulator.Devices.Links;
using Simulator.Devices.Namespaces;

namespace Simulator.Cli.Host;

/// <summary>
/// <c>netsim run --pcap DIR</c>: one libpcap file per interface, named NAMESPACE-DEVICE.pcap
/// after where the device was first registered, holding every frame it sent or received.
/// </summary>
public sealed class PcapRecorder : IPacketTap, IDisposable
{
    /// <summary>Captures are stamped from this Unix time plus virtual time, so runs are byte-identical.</summary>
    private const long EpochNanoseconds = 1_700_000_000L * 1_000_000_000L;

    private readonly string _directory;
    private readonly World _world;
    private readonly Dictionary<NetDevice, (FileStream Stream, PcapWriter Writer)> _files = [];

    public PcapRecorder(World world, string directory)
    {
        _world = world;
        _directory = directory;
        Directory.CreateDirectory(directory);
        foreach (var ns in world.Namespaces)
            foreach (var device in ns.Devices) Attach(device);
        world.NetdevEvents += OnNetdevEvent;
    }

    private void OnNetdevEvent(NetDevice device, NetdevEvent netdevEvent)
    {
        if (netdevEvent == NetdevEvent.Register) Attach(device);
    }

    private void Attach(NetDevice device)
    {
        if (_files.ContainsKey(device)) return;
        var name = $"{device.Namespace.DisplayName}-{device.Name}";
        var path = Path.Combine(_directory, name + ".pcap");
        for (int i = 2; File.Exists(path) && _files.Values.Any(f => f.Stream.Name == Path.GetFullPath(path)); i++)
            path = Path.Combine(_directory, $"{name}-{i}.pcap");
        var stream = new FileStream(path, FileMode.Create, FileAccess.Write);
        var writer = new PcapWriter(stream);
        writer.WriteHeader();
        _files[device] = (stream, writer);
        device.AddTap(this);
    }

    public void Observe(NetDevice device, Packet frame, TapDirection direction)
    {
        if (_files.TryGetValue(device, out var file))
            file.Writer.WritePacket(EpochNanoseconds + _world.Simulation.Now, frame.Data);
    }

    public void Dispose()
    {
        _world.NetdevEvents -= OnNetdevEvent;
        foreach (var (stream, _) in _files.Values) stream.Dispose();
        _files.Clear();
    }
}
