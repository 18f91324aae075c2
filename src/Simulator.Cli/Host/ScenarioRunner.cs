using Simulator.Cli.Scenarios;
using Simulator.Cli.Shell;
using Simulator.Devices.Namespaces;

namespace Simulator.Cli.Host;

/// <summary>Options for one run of a scenario.</summary>
public sealed record RunOptions
{
    public bool Trace { get; init; }
    public string? PcapDirectory { get; init; }
    public ulong? Seed { get; init; }

    /// <summary>
    /// Called with the world before the script runs (netsim run --attach adds its devices);
    /// a non-null result is an error that stops the run with status 2.
    /// </summary>
    public Func<World, string?>? PrepareWorld { get; init; }
}

/// <summary>The outcome of running a scenario.</summary>
public sealed record RunResult(int ExitStatus, IReadOnlyList<StatementResult> Statements, World World);

/// <summary>
/// Builds the simulated machine a scenario describes and runs the script on it: the world from
/// its <c># netsim:</c> directives, the shell with every command, and optional captures.
/// </summary>
public static class ScenarioRunner
{
    public static RunResult Run(string path, ScenarioFile scenario, IShellOutput output, RunOptions options, string displayName)
    {
        var setup = WorldSetup.FromDirectives(scenario.Directives, options.Seed);
        foreach (var error in setup.Errors) output.Write(OutputStream.Stderr, error + "\n");
        var world = setup.Build();
        if (options.PrepareWorld?.Invoke(world) is { } prepareError)
        {
            output.Write(OutputStream.Stderr, prepareError + "\n");
            return new RunResult(2, [], world);
        }
        var machine = new Machine(world, CommandCatalog.All());
        var shell = new ShellInterpreter(machine, output) { Trace = options.Trace };
        machine.Shell = shell;
        setup.WriteFiles(shell.FileSystem);
        var statements = new List<StatementResult>();
        shell.StatementCompleted += statements.Add;
        using var pcap = options.PcapDirectory is null ? null : new PcapRecorder(world, options.PcapDirectory);
        int status;
        try
        {
            status = setup.Errors.Count > 0 ? 2 : shell.RunText(File.ReadAllText(path), displayName);
        }
        catch (SimulationStoppedException)
        {
            status = Machine.StoppedExitStatus;
        }
        return new RunResult(status, statements, world);
    }
}
