using Simulator.Core.Addressing;
using Simulator.Core.Engine;
using Simulator.Devices.Ipv4.Sockets.Tcp;
using Simulator.Devices.Links;
using Simulator.Devices.Namespaces;
using Simulator.Devices.Tests.Support;

namespace Simulator.Devices.Tests.Tcp;

/// <summary>
/// Two namespaces joined by a veth pair, as the nc scenarios build them:
/// <code>
///   client (ns a)                 server (ns b)
///   veth-a 10.0.0.1/24 ---------- veth-b 10.0.0.2/24
/// </code>
/// (lo up in both, so that errors a namespace reports to itself arrive)
/// with a recorder on veth-a seeing every segment both ways.
/// </summary>
internal sealed class TcpBench
{
    public static readonly Ipv4Address ClientAddress = Ipv4Address.Parse("10.0.0.1");
    public static readonly Ipv4Address ServerAddress = Ipv4Address.Parse("10.0.0.2");

    public TcpBench(ulong seed = 7)
    {
        World = new World(seed);
        Client = World.CreateNamespace("a");
        Server = World.CreateNamespace("b");
        (ClientDevice, ServerDevice) = Topology.Veth(Client, "veth-a", Server, "veth-b");
        Topology.Address(ClientDevice, "10.0.0.1/24");
        Topology.Address(ServerDevice, "10.0.0.2/24");
        Client.Loopback.SetUp();
        Server.Loopback.SetUp();
        ClientDevice.AddTap(Wire);
    }

    public World World { get; }
    public Simulation Simulation => World.Simulation;
    public NetworkNamespace Client { get; }
    public NetworkNamespace Server { get; }
    public VethDevice ClientDevice { get; }
    public VethDevice ServerDevice { get; }
    public SegmentRecorder Wire { get; } = new();

    public long Now => Simulation.Now;

    public void Run(long duration) => Simulation.RunFor(duration);

    public void RunUntil(Func<bool> done, long limit = 10 * Simulation.Second)
    {
        Simulation.RunUntil(Now + limit, done);
        Assert.That(done(), Is.True, "the condition was not met in time");
    }

    public TcpSocket Listen(ushort port, int backlog = 1)
    {
        var listener = Server.Ipv4.Sockets.OpenTcp();
        listener.ReuseAddress = true;
        Assert.That(listener.Bind(Ipv4Address.Any, port), Is.Null);
        Assert.That(listener.Listen(backlog), Is.Null);
        return listener;
    }

    public TcpSocket Connect(Ipv4Address address, ushort port)
    {
        var socket = Client.Ipv4.Sockets.OpenTcp();
        Assert.That(socket.Connect(address, port), Is.Null);
        return socket;
    }

    /// <summary>Connects to a listener and accepts: both ends established.</summary>
    public (TcpSocket Client, TcpSocket Server, TcpSocket Listener) Establish(ushort port = 9000)
    {
        var listener = Listen(port);
        var client = Connect(ServerAddress, port);
        RunUntil(() => listener.CanAccept && client.State == TcpState.Established);
        var server = listener.Accept()!;
        return (client, server, listener);
    }
}
