using Simulator.Cli.Host;
using Simulator.Cli.Scenarios;
using Simulator.Cli.Shell;
using Simulator.Devices.Namespaces;

namespace Simulator.Cli.Tests.Netcat;

/// <summary>
/// A simulated machine with two namespaces on a veth pair, as the nc scenarios build them, on
/// which a test runs script lines and reads back what each statement printed and returned:
/// <code>
///   a: va 10.0.0.1/24 ---------- b: vb 10.0.0.2/24     (lo up in both)
/// </code>
/// </summary>
internal sealed class NetcatBench
{
    private const string Topology = """
        ip netns add a
        ip netns add b
        ip link add va netns a type veth peer name vb netns b
        ip -n a addr add 10.0.0.1/24 dev va
        ip -n a link set va up
        ip -n a link set lo up
        ip -n b addr add 10.0.0.2/24 dev vb
        ip -n b link set vb up
        ip -n b link set lo up
        """;

    private readonly List<StatementResult> _statements = [];

    public NetcatBench(ulong seed = 1)
    {
        World = new World(seed);
        Machine = new Machine(World, CommandCatalog.All());
        Shell = new ShellInterpreter(Machine, new TranscriptOutput());
        Machine.Shell = Shell;
        Shell.StatementCompleted += _statements.Add;
        Run(Topology);
    }

    public World World { get; }
    public Machine Machine { get; }
    public ShellInterpreter Shell { get; }

    public long Now => World.Simulation.Now;

    /// <summary>Runs script lines; returns what each statement printed and returned, in order.</summary>
    public List<StatementResult> Run(string script)
    {
        int before = _statements.Count;
        Shell.RunText(script, "test.sh");
        return _statements.Skip(before).ToList();
    }

    /// <summary>Runs one statement and returns it.</summary>
    public StatementResult One(string line) => Run(line).Single();
}

internal static class StatementLines
{
    /// <summary>What the statement printed, stdout and stderr in the order written, without the netsim notes.</summary>
    public static string[] Lines(this StatementResult result)
    {
        var text = result.Output.EndsWith('\n') ? result.Output[..^1] : result.Output;
        return text.Length == 0 ? [] : text.Split('\n').Where(l => !l.StartsWith("netsim: test.sh:", StringComparison.Ordinal)).ToArray();
    }
}
