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
    /// <summary>
    /// Started with <c>&amp;</c>: start it on the kernel too without waiting, end it when the
    /// model's job ends, and compare the two when both have ended.
    /// </summary>
    Job,
    /// <summary>
    /// <c>wait</c>, <c>kill</c>, <c>pkill</c>: the model's jobs are waited for or signalled, and
    /// the kernel's jobs paired with them likewise.
    /// </summary>
    JobControl,
}

/// <summary>
/// The plan for one command: the real argv (namespaces mapped, wrapped in <c>ip netns exec</c>),
/// whether it reads its standard input, and for a skip the reason.
/// </summary>
public sealed record CommandPlan(PlanKind Kind, string? Reason, IReadOnlyList<string> RealArgv, bool ReadsStdin)
{
    /// <summary>
    /// Set when the command creates a link of a kind this kernel lacks: if the model creates it,
    /// the command is skipped for this reason (and later commands naming the device with it);
    /// if the model refuses it too, the two refusals are compared.
    /// </summary>
    public string? MissingKind { get; init; }

    /// <summary>The devices the command creates (for <see cref="MissingKind"/>).</summary>
    public IReadOnlyList<string> CreatedDevices { get; init; } = [];

    /// <summary>
    /// A command that ends when its peer does (<c>nc</c> without a time limit): the kernel's run
    /// is given the time the model's took plus <see cref="CommandPlanner.PeerGrace"/>, and is
    /// reported as not ending in time beyond it, rather than holding the run for
    /// <see cref="KernelSide.CommandLimit"/>.
    /// </summary>
    public bool EndsWithPeer { get; init; }

    public static CommandPlan Skip(string reason) => new(PlanKind.Skip, reason, [], false);
}
