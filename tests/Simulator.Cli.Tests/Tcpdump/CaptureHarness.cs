using Simulator.Cli.Host;
using Simulator.Cli.Shell;
using Simulator.Core.Addressing;
using Simulator.Core.Engine;
using Simulator.Core.Wire;
using Simulator.Devices.Namespaces;

namespace Simulator.Cli.Tests.Tcpdump;

/// <summary>
/// A simulated machine running shell lines, with traffic made the way ping makes it (a raw ICMP
/// socket, one echo request a second), since ping is another branch's command.
/// </summary>
internal sealed class CaptureHarness
{
    private readonly TranscriptOutput _transcript = new();

    public CaptureHarness(ulong seed = 1)
    {
        World = new World(seed);
        Machine = new Machine(World, CommandCatalog.All());
        Shell = new ShellInterpreter(Machine, _transcript);
        Machine.Shell = Shell;
    }

    public World World { get; }
    public Machine Machine { get; }
    public ShellInterpreter Shell { get; }

    /// <summary>Everything printed since the last <see cref="Clear"/>, both streams interleaved.</summary>
    public string Text => _transcript.Text;
    public string Stdout => _transcript.Stdout;
    public string Stderr => _transcript.Stderr;

    public void Clear() => _transcript.Clear();

    public int Run(string script) => Shell.RunText(script, "t.sh");

    public void Setup(string script) => Assert.That(Run(script), Is.Zero, Text);

    public NetworkNamespace Namespace(string? name) => Machine.ResolveNamespace(name)!;

    public MacAddress Mac(string? ns, string device) => Namespace(ns).FindDevice(device)!.Address;

    /// <summary>
    /// Schedules <paramref name="count"/> echo requests from <paramref name="ns"/> to
    /// <paramref name="destination"/>, the first after <paramref name="delay"/>, then one a second,
    /// 56 bytes of data each, as ping sends them. By default the first goes just after the next
    /// command has started (a command takes <see cref="Machine.CommandStartTime"/> to start), so a
    /// capture started next sees it.
    /// </summary>
    public void Ping(string? ns, string destination, int count, ushort identifier = 60162, ushort firstSequence = 1, long? delay = null)
    {
        long first = delay ?? 2 * Machine.CommandStartTime;
        var socket = Namespace(ns).Ipv4.Sockets.OpenRaw(IpProtocol.Icmp);
        for (int i = 0; i < count; i++)
        {
            ushort sequence = (ushort)(firstSequence + i);
            World.Simulation.Schedule(first + i * Simulation.Second, () =>
            {
                var echo = IcmpRepr.EchoRequest(identifier, sequence, 56);
                var message = new byte[echo.BufferLength];
                echo.Emit(message, new byte[56]);
                socket.SendTo(Ipv4Address.Parse(destination), message);
            });
        }
    }

    /// <summary>The veth pair of seed 002: veth-a 10.0.0.1/24 here, veth-b 10.0.0.2/24 in ns1.</summary>
    public void VethPair() => Setup("""
        ip netns add ns1
        ip link add veth-a type veth peer name veth-b
        ip link set veth-b netns ns1
        ip addr add 10.0.0.1/24 dev veth-a
        ip link set veth-a up
        ip netns exec ns1 ip addr add 10.0.0.2/24 dev veth-b
        ip netns exec ns1 ip link set veth-b up
        """);
}
