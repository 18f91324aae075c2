using Simulator.Cli.Host;
using Simulator.Cli.Scenarios;
using Simulator.Cli.Shell;

namespace Simulator.Cli.Validation;

/// <summary>Options of one validation run.</summary>
public sealed record ValidationOptions
{
    public ulong? Seed { get; init; }

    /// <summary>Builds the declared world on the kernel.</summary>
    public IRealWorldBuilder World { get; init; } = new NamespaceWorldBuilder();

    /// <summary>Receives the model's transcript of the script (nothing by default).</summary>
    public IShellOutput? Transcript { get; init; }
}

/// <summary>The outcome of validating one scenario.</summary>
public sealed record ValidationResult(
    string File,
    IReadOnlyList<CommandComparison> Rows,
    IReadOnlyList<string> Errors,
    IReadOnlyList<string> World,
    string Prefix,
    string? Refusal)
{
    /// <summary>The scenario's expectations that failed on the model's run.</summary>
    public IReadOnlyList<string> ModelExpectationFailures { get; init; } = [];

    /// <summary>The scenario's expectations that failed on the kernel's run, each with a known difference that excuses it or null.</summary>
    public IReadOnlyList<(string Failure, KnownDifference? Known)> KernelExpectationFailures { get; init; } = [];

    /// <summary>Statements whose compared output went through a pipe: their expectations saw the model's text.</summary>
    public IReadOnlyList<string> ModelOnlyStatements { get; init; } = [];

    public int Agree => Rows.Count(r => r.Verdict == Verdict.Agree);
    public int Differ => Rows.Count(r => r.Verdict == Verdict.Differ);
    public int Skipped => Rows.Count(r => r.Verdict == Verdict.Skip);

    /// <summary>Differences the scenario does not mark as known.</summary>
    public IEnumerable<CommandComparison> Unexplained => Rows.Where(r => r.Verdict == Verdict.Differ && r.Known is null);

    /// <summary>Passed: it ran, its directives are well-formed, and every difference is known.</summary>
    public bool Passed => Refusal is null && Errors.Count == 0 && !Unexplained.Any() &&
                          ModelExpectationFailures.Count == 0 && KernelExpectationFailures.All(f => f.Known is not null);
}

/// <summary>
/// <c>netsim validate</c> for one scenario: the script runs once, through NetSim's interpreter;
/// each network command runs in the model and on the kernel, in namespaces of the run that are
/// removed at the end whatever happens.
/// </summary>
public static class ScenarioValidation
{
    /// <summary>Why validation cannot run on this machine, or null.</summary>
    public static string? WhyUnavailable()
    {
        if (!OperatingSystem.IsLinux()) return "netsim validate needs Linux network namespaces";
        if (!Environment.IsPrivilegedProcess) return "netsim validate must run as root (it creates network namespaces)";
        if (!File.Exists("/proc/self/ns/net")) return "network namespaces are unavailable (no /proc/self/ns/net)";
        var ip = ProcessRunner.Run(["ip", "-V"], null, TimeSpan.FromSeconds(10));
        if (ip.ExitStatus != 0) return "the ip command (iproute2) is not installed";
        return null;
    }

    public static ValidationResult Run(string path, ScenarioFile scenario, string displayName, ValidationOptions options)
    {
        if (WhyUnavailable() is { } unavailable)
            return new ValidationResult(displayName, [], [], [], "", unavailable);
        RealNamespaces.SweepStale();
        var names = RealNamespaces.ForThisProcess();
        using var kernel = new KernelSide(names);
        using var protection = SignalCleanup.Protect(kernel);
        var errors = new List<string>(scenario.Errors);
        var known = KnownDifference.FromDirectives(scenario.Directives, errors);
        var setup = WorldSetup.FromDirectives(scenario.Directives, options.Seed);
        errors.AddRange(setup.Errors);
        var world = new RealWorld();
        if (kernel.CreateOwn("host", out var hostError) is null)
            return new ValidationResult(displayName, [], errors, [], names.Prefix, $"network namespaces are unavailable: {hostError}");
        var probe = kernel.CreateOwn("probe", out var probeError);
        if (probe is null)
            return new ValidationResult(displayName, [], errors, [], names.Prefix, $"network namespaces are unavailable: {probeError}");

        var model = setup.Build();
        if (options.World.Build(setup, model, kernel, world) is { } refusal)
            return new ValidationResult(displayName, [], errors, world.Description, names.Prefix, refusal);
        if (errors.Count > 0)
            return new ValidationResult(displayName, [], errors, world.Description, names.Prefix, null);

        var machine = new Machine(model, CommandCatalog.All());
        var planner = new CommandPlanner(names, new KernelCapabilities(kernel.Runner, probe), kernel.ScratchDirectory);
        var transcript = new KernelTranscript(options.Transcript);
        var host = new ValidationHost(machine, kernel, planner, transcript);
        var shell = new ShellInterpreter(host, transcript);
        machine.Shell = shell;
        setup.WriteFiles(shell.FileSystem);
        var statements = new List<StatementResult>();
        shell.StatementCompleted += statements.Add;
        shell.StatementCompleted += host.OnStatementCompleted;
        shell.StatementCompleted += transcript.OnStatementCompleted;
        try
        {
            shell.RunText(File.ReadAllText(path), displayName);
        }
        catch (SimulationStoppedException stopped)
        {
            // A scenario that shows the stop on purpose (a forwarding loop) marks the statement
            // that stops as a known difference; anywhere else a stop is an error.
            var stoppedAt = statements.LastOrDefault();
            if (stoppedAt is null || !known.Any(k => k.Covers(new SourceLocation(stoppedAt.File, stoppedAt.StartLine), statements)))
                errors.Add($"{displayName}: the model stopped: {stopped.Message}");
        }
        host.EndOfScript();

        var rows = host.Rows
            .Select(row => row.Verdict == Verdict.Differ && known.FirstOrDefault(k => k.Covers(row.Location, statements)) is { } k
                ? row with { Known = k }
                : row)
            .ToList();
        var modelFailures = ExpectationChecker.Check(scenario.Expectations, statements).Select(f => f.ToString()).ToList();
        var kernelFailures = ExpectationChecker.Check(scenario.Expectations, transcript.Statements)
            .Select(f => (f.ToString(), Excuse(f.Expectation, transcript.Statements, known)))
            .ToList();
        return new ValidationResult(displayName, rows, errors, world.Description, names.Prefix, null)
        {
            ModelExpectationFailures = modelFailures,
            KernelExpectationFailures = kernelFailures,
            ModelOnlyStatements = transcript.ModelOnly.Select(s => $"{s.File}:{s.Line}").ToList(),
        };
    }

    /// <summary>The known difference covering the statement an expectation is about, if any.</summary>
    private static KnownDifference? Excuse(Expectation expectation, IReadOnlyList<StatementResult> statements, IReadOnlyList<KnownDifference> known)
    {
        var target = statements.Where(s => s.File == expectation.File && s.EndLine < expectation.Line).MaxBy(s => s.EndLine);
        return target is null ? null : known.FirstOrDefault(k => k.Covers(target.Location, statements));
    }
}
