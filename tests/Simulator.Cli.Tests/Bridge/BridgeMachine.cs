using Simulator.Cli.Host;
using Simulator.Cli.Scenarios;
using Simulator.Cli.Shell;
using Simulator.Core.Addressing;
using Simulator.Devices.Links;
using Simulator.Devices.Namespaces;

namespace Simulator.Cli.Tests.Bridge;

/// <summary>
/// A simulated machine with every command, for running brctl/bridge snippets. Devices the
/// <c>ip</c> command would make are made through the model (<see cref="Veth"/>).
/// </summary>
internal sealed class BridgeMachine
{
    public BridgeMachine(params string[] directives)
    {
        var parsed = directives.Select((text, i) => new Directive("t.sh", i + 1, text));
        Setup = WorldSetup.FromDirectives(parsed, null);
        Assert.That(Setup.Errors, Is.Empty);
        World = Setup.Build();
        Machine = new Machine(World, CommandCatalog.All());
        Shell = new ShellInterpreter(Machine, Transcript);
        Machine.Shell = Shell;
    }

    public WorldSetup Setup { get; }
    public World World { get; }
    public Machine Machine { get; }
    public ShellInterpreter Shell { get; }
    public TranscriptOutput Transcript { get; } = new();

    public string Stdout => Transcript.Stdout;
    public string Stderr => Transcript.Stderr;

    /// <summary>Runs a snippet from a clean transcript; returns its exit status.</summary>
    public int Run(string script)
    {
        Transcript.Clear();
        return Shell.RunText(script, "t.sh");
    }

    public NetworkNamespace Namespace(string? name) =>
        name is null ? World.InitialNamespace : World.FindNamespace(name) ?? World.CreateNamespace(name);

    /// <summary>
    /// <c>ip link add A type veth peer name B</c> then, optionally, <c>ip link set B netns NS</c>,
    /// with fixed addresses. As in the kernel, the peer is registered first (it gets the lower
    /// ifindex) and keeps its ifindex when it moves.
    /// </summary>
    public (VethDevice A, VethDevice B) Veth(string a, string b, string? bNamespace = null, string? macA = null, string? macB = null)
    {
        var first = new VethDevice(World, a, macA is null ? World.RandomMac() : MacAddress.Parse(macA));
        var second = new VethDevice(World, b, macB is null ? World.RandomMac() : MacAddress.Parse(macB));
        VethDevice.Pair(first, second);
        World.InitialNamespace.Add(second);
        World.InitialNamespace.Add(first);
        if (bNamespace != null) World.MoveDevice(second, Namespace(bNamespace));
        return (first, second);
    }
}
