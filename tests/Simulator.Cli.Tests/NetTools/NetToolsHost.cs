using Simulator.Cli.Host;
using Simulator.Cli.Shell;
using Simulator.Core.Addressing;
using Simulator.Core.Engine;
using Simulator.Core.Wire;
using Simulator.Devices.Links;
using Simulator.Devices.Namespaces;

namespace Simulator.Cli.Tests.NetTools;

/// <summary>
/// A simulated machine with every command, whose shell runs in the initial namespace, and the
/// topology the net-tools tests share, built with the model's own operations (the ip command is
/// written elsewhere): veth-a here, its peer veth-b in namespace "peer". The MAC addresses are
/// fixed so output can be compared with runs on a real kernel that set the same ones.
/// </summary>
internal sealed class NetToolsHost
{
    public NetToolsHost()
    {
        World = new World();
        Machine = new Machine(World, CommandCatalog.All());
        Shell = new ShellInterpreter(Machine, Transcript);
        Machine.Shell = Shell;
    }

    public World World { get; }
    public Machine Machine { get; }
    public ShellInterpreter Shell { get; }
    public TranscriptOutput Transcript { get; } = new();
    public NetworkNamespace Host => World.InitialNamespace;
    public NetworkNamespace? Peer { get; private set; }
    public VethDevice VethA { get; private set; } = null!;
    public VethDevice VethB { get; private set; } = null!;

    /// <summary>veth-a (02:00:00:00:00:0a) here, veth-b (02:00:00:00:00:0b) in "peer", both down.</summary>
    public static NetToolsHost WithVeth() => new NetToolsHost().AddVethPair();

    public NetToolsHost AddVethPair()
    {
        Peer = World.CreateNamespace("peer");
        (VethA, VethB) = AddVeth(Host, "veth-a", "02:00:00:00:00:0a", Peer, "veth-b", "02:00:00:00:00:0b");
        return this;
    }

    public (VethDevice A, VethDevice B) AddVeth(NetworkNamespace a, string nameA, string macA, NetworkNamespace b, string nameB, string macB)
    {
        var first = new VethDevice(World, nameA, MacAddress.Parse(macA));
        var second = new VethDevice(World, nameB, MacAddress.Parse(macB));
        VethDevice.Pair(first, second);
        a.Add(first);
        b.Add(second);
        return (first, second);
    }

    /// <summary>Gives veth-b 10.0.0.2/24 and brings it up, as the peer side of most tests.</summary>
    public NetToolsHost WithPeerAddress(string cidr = "10.0.0.2/24")
    {
        Ipv4InterfaceAddress.TryParse(cidr, out var address);
        Assert.That(Peer!.Ipv4.Addresses.Add(VethB, address, default), Is.Null);
        VethB.SetUp();
        return this;
    }

    /// <summary>Runs a script in the initial namespace; the transcript is cleared first.</summary>
    public (int Status, string Out, string Err) Run(string script)
    {
        Transcript.Clear();
        int status = Shell.RunText(script, "t.sh");
        return (status, Transcript.Stdout, StripNotes(Transcript.Stderr));
    }

    /// <summary>Runs a script; returns its status and what it printed, both streams as a terminal interleaves them.</summary>
    public (int Status, string Output) RunInterleaved(string script)
    {
        Transcript.Clear();
        int status = Shell.RunText(script, "t.sh");
        return (status, StripNotes(Transcript.Text));
    }

    /// <summary>Stdout of a script that must succeed.</summary>
    public string Out(string script)
    {
        var (status, stdout, stderr) = Run(script);
        Assert.That(status, Is.EqualTo(0), stderr);
        return stdout;
    }

    /// <summary>
    /// "ping -c 1 -W 1": a 56-byte echo request from the initial namespace; time runs until an
    /// answer comes back, or for the second ping waits.
    /// </summary>
    public void Ping(string destination)
    {
        var socket = Host.Ipv4.Sockets.OpenRaw(IpProtocol.Icmp);
        var echo = IcmpRepr.EchoRequest(0x1234, 1, 56);
        var message = new byte[echo.BufferLength];
        echo.Emit(message, new byte[56]);
        Assert.That(socket.SendTo(Ipv4Address.Parse(destination), message), Is.Null);
        var simulation = World.Simulation;
        simulation.RunUntil(simulation.Now + Simulation.Second, () => socket.Received.Count > 0);
        socket.Close();
    }

    /// <summary>The host's "file:line: command (exit status N)" notes are not the tool's output.</summary>
    private static string StripNotes(string text) =>
        string.Concat(text.Split('\n').SkipLast(1).Where(l => !l.StartsWith("netsim: t.sh:", StringComparison.Ordinal)).Select(l => l + "\n"));
}
