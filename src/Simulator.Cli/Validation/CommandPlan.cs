namespace Simulator.Cli.Validation;

/// <summary>What a validation run does with one command of the script besides running it in the model.</summary>
public enum PlanKind
{
    /// <summary>Run it on the kernel too and compare status and output.</summary>
    Compare,
    /// <summary>Model only; the report says why.</summary>
    Skip,
    /// <summary>Run it on the kernel too, for its effect on time (sleep), without comparing.</summary>
    Pace,
    /// <summary>
    /// <c>ip netns exec NS bash -c '…'</c>: the shell it starts is NetSim's, so each command inside
    /// it comes back to the host and is compared on its own, in NS.
    /// </summary>
    Transparent,
}

/// <summary>
/// The plan for one command: the real argv (namespaces mapped, wrapped in <c>ip netns exec</c>),
/// whether it reads its standard input, and for a skip the reason.
/// </summary>
public sealed record CommandPlan(PlanKind Kind, string? Reason, IReadOnlyList<string> RealArgv, bool ReadsStdin)
{
    public static CommandPlan Skip(string reason) => new(PlanKind.Skip, reason, [], false);
}
