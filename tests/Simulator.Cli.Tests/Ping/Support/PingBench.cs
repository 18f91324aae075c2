using Simulator.Cli.Commands.Ping;
using Simulator.Cli.Host;
using Simulator.Cli.Shell;
using Simulator.Core.Addressing;
using Simulator.Devices.Ipv4.Routing;
using Simulator.Devices.Links;
using Simulator.Devices.Namespaces;

namespace Simulator.Cli.Tests.Ping.Support;

/// <summary>What one command printed and returned; <see cref="Both"/> keeps the order of the two streams.</summary>
internal sealed record CommandRun(int Status, string Stdout, string Stderr, string Both)
{
    public string[] Lines => (Both.EndsWith('\n') ? Both[..^1] : Both).Split('\n');
}

/// <summary>
/// A simulated machine whose topology a test builds with the model's own operations (as `ip`
/// would), and on which it runs ping as a script would, through the command host.
/// </summary>
internal sealed class PingBench
{
    public PingBench(ulong seed = 1)
    {
        World = new World(seed);
        Machine = new Machine(World, CommandCatalog.All());
        Output = new TranscriptOutput();
        Shell = new ShellInterpreter(Machine, Output);
        Machine.Shell = Shell;
    }

    public World World { get; }
    public Machine Machine { get; }
    public ShellInterpreter Shell { get; }
    public TranscriptOutput Output { get; }

    public long Now => World.Simulation.Now;

    public NetworkNamespace Namespace(string name) => World.FindNamespace(name) ?? World.CreateNamespace(name);

    /// <summary>Runs <paramref name="argv"/> in namespace <paramref name="ns"/> (null: the initial one).</summary>
    public CommandRun Run(string? ns, params string[] argv)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var both = new StringWriter();
        var context = new CommandContext(argv, TextReader.Null, new TeeWriter(stdout, both), new TeeWriter(stderr, both),
            new SourceLocation("test.sh", 1), new Dictionary<string, string>(), ns);
        var command = CommandCatalog.All().Single(c => c.Names.Contains(argv[0]));
        var target = Machine.ResolveNamespace(ns) ?? throw new InvalidOperationException($"no namespace {ns}");
        int status = command.Run(new Invocation(context, target, Machine));
        return new CommandRun(status, stdout.ToString(), stderr.ToString(), both.ToString());
    }

    public CommandRun Ping(string? ns, string arguments) => Run(ns, ["ping", .. arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries)]);

    public (VethDevice A, VethDevice B) Veth(NetworkNamespace a, string nameA, NetworkNamespace b, string nameB)
    {
        var first = new VethDevice(World, nameA, World.RandomMac());
        var second = new VethDevice(World, nameB, World.RandomMac());
        VethDevice.Pair(first, second);
        a.Add(first);
        b.Add(second);
        return (first, second);
    }

    public static void Address(NetDevice device, string cidr)
    {
        Assert.That(Ipv4InterfaceAddress.TryParse(cidr, out var address), Is.True, cidr);
        Assert.That(device.Namespace.Ipv4.Addresses.Add(device, address, default), Is.Null);
        device.SetUp();
    }

    public static void Route(NetworkNamespace ns, string prefix, string via)
    {
        Assert.That(Ipv4InterfaceAddress.TryParse(prefix, out var destination), Is.True, prefix);
        var error = ns.Ipv4.Fib.Add(new RouteRequest { Destination = destination, Gateway = Ipv4Address.Parse(via) }, RouteAddMode.Add);
        Assert.That(error, Is.Null, error?.ToString());
    }

    public static void RejectRoute(NetworkNamespace ns, string prefix, RouteType type)
    {
        Assert.That(Ipv4InterfaceAddress.TryParse(prefix, out var destination), Is.True, prefix);
        var error = ns.Ipv4.Fib.Add(new RouteRequest { Destination = destination, Type = type }, RouteAddMode.Add);
        Assert.That(error, Is.Null, error?.ToString());
    }

    /// <summary>ns0 (10.0.0.1/24, veth0) — ns1 (10.0.0.2/24, veth1).</summary>
    public (NetworkNamespace Ns0, NetworkNamespace Ns1) Pair(bool loopbackUp = false)
    {
        var ns0 = Namespace("ns0");
        var ns1 = Namespace("ns1");
        var (a, b) = Veth(ns0, "veth0", ns1, "veth1");
        Address(a, "10.0.0.1/24");
        Address(b, "10.0.0.2/24");
        if (loopbackUp)
        {
            ns0.Loopback.SetUp();
            ns1.Loopback.SetUp();
        }
        return (ns0, ns1);
    }

    /// <summary>
    /// ns0 (10.0.0.1) — (10.0.0.254) router (10.0.1.254) — ns1 (10.0.1.2), default routes via
    /// the router; forwarding as asked.
    /// </summary>
    public (NetworkNamespace Ns0, NetworkNamespace Router, NetworkNamespace Ns1) Routed(bool forward = true)
    {
        var ns0 = Namespace("ns0");
        var router = Namespace("router");
        var ns1 = Namespace("ns1");
        var (a, ra) = Veth(ns0, "veth0", router, "r0");
        var (rb, b) = Veth(router, "r1", ns1, "veth1");
        Address(a, "10.0.0.1/24");
        Address(ra, "10.0.0.254/24");
        Address(rb, "10.0.1.254/24");
        Address(b, "10.0.1.2/24");
        foreach (var ns in new[] { ns0, router, ns1 }) ns.Loopback.SetUp();
        Route(ns0, "0.0.0.0/0", "10.0.0.254");
        Route(ns1, "0.0.0.0/0", "10.0.1.254");
        if (forward) router.Ipv4.SetAllForwarding(1);
        return (ns0, router, ns1);
    }

    private sealed class TeeWriter(TextWriter first, TextWriter second) : TextWriter
    {
        public override System.Text.Encoding Encoding => first.Encoding;
        public override void Write(char value) { first.Write(value); second.Write(value); }
        public override void Write(string? value) { first.Write(value); second.Write(value); }
    }
}
