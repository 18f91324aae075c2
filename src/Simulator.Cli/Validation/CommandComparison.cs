using Simulator.Cli.Shell;

namespace Simulator.Cli.Validation;

public enum Verdict
{
    Agree,
    Differ,
    Skip,
}

/// <summary>
/// One row of the report: a command of the script, its exit status in the model and on the
/// kernel, the verdict, and for a difference the unified diff of the normalised outputs.
/// </summary>
public sealed record CommandComparison(
    SourceLocation Location,
    string Command,
    int? ModelStatus,
    int? KernelStatus,
    Verdict Verdict,
    string? Reason,
    IReadOnlyList<string> Diff,
    IReadOnlyList<string> Rules)
{
    /// <summary>The scenario's note that this difference is known, with its reason.</summary>
    public KnownDifference? Known { get; init; }

    public static CommandComparison Skipped(SourceLocation location, string command, int? modelStatus, string reason) =>
        new(location, command, modelStatus, null, Verdict.Skip, reason, [], []);
}

/// <summary>Compares what a command did in the model with what it did on the kernel.</summary>
public static class OutputComparer
{
    /// <summary>How the kernel's stderr lines are marked in a diff.</summary>
    public const string StderrMark = "2> ";

    public static CommandComparison Compare(
        SourceLocation location, IReadOnlyList<string> argv, string command,
        int modelStatus, string modelStdout, string modelStderr, ProcessResult kernel, RealNamespaces names)
    {
        var applied = new SortedSet<string>(StringComparer.Ordinal);
        var model = Lines(modelStdout, modelStderr, new NormalisationContext(Side.Model, argv, names), applied);
        var real = Lines(kernel.Stdout, kernel.Stderr, new NormalisationContext(Side.Kernel, argv, names), applied);
        if (kernel.TimedOut)
            return new CommandComparison(location, command, modelStatus, null, Verdict.Skip,
                "the kernel's command did not end in time and was killed", [], [.. applied]);
        bool same = modelStatus == kernel.ExitStatus && model.SequenceEqual(real, StringComparer.Ordinal);
        var diff = same ? [] : LineDiff.Unified(model, real, "model", "kernel");
        return new CommandComparison(location, command, modelStatus, kernel.ExitStatus, same ? Verdict.Agree : Verdict.Differ,
            null, diff, [.. applied]);
    }

    private static List<string> Lines(string stdout, string stderr, NormalisationContext context, ISet<string> applied)
    {
        var lines = Split(Normalisation.Apply(stdout, context, applied));
        lines.AddRange(Split(Normalisation.Apply(stderr, context, applied)).Select(l => StderrMark + l));
        return lines;
    }

    private static List<string> Split(string text)
    {
        var lines = text.Split('\n').ToList();
        while (lines.Count > 0 && lines[^1].Length == 0) lines.RemoveAt(lines.Count - 1);
        return lines;
    }
}
