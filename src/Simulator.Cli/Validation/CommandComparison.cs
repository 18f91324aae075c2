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
    /// <summary>How stderr lines are marked in a diff.</summary>
    public const string StderrMark = "2> ";

    public static CommandComparison Compare(
        SourceLocation location, IReadOnlyList<string> argv, string command,
        int modelStatus, IReadOnlyList<OutputChunk> model, ProcessResult kernel, RealNamespaces names)
    {
        var applied = new SortedSet<string>(StringComparer.Ordinal);
        var modelLines = Lines(model, new NormalisationContext(Side.Model, argv, names), applied);
        var kernelLines = Lines(kernel.Output, new NormalisationContext(Side.Kernel, argv, names), applied);
        if (kernel.TimedOut)
            return new CommandComparison(location, command, modelStatus, null, Verdict.Skip,
                "the kernel's command did not end in time and was killed", [], [.. applied]);
        bool same = modelStatus == kernel.ExitStatus && modelLines.SequenceEqual(kernelLines, StringComparer.Ordinal);
        var diff = same ? [] : LineDiff.Unified(modelLines, kernelLines, "model", "kernel");
        return new CommandComparison(location, command, modelStatus, kernel.ExitStatus, same ? Verdict.Agree : Verdict.Differ,
            null, diff, [.. applied]);
    }

    /// <summary>
    /// The lines of a command's output in the order written, stderr's marked. Each run of writes
    /// to one stream is normalised on its own (a rule may span lines of one stream) and ends a
    /// line: a terminal would join a partial stdout line and the stderr text after it, but which
    /// stream each part came from matters more here. Both sides are cut the same way.
    /// </summary>
    public static List<string> Lines(IReadOnlyList<OutputChunk> output, NormalisationContext context, ISet<string> applied)
    {
        var lines = new List<string>();
        var merged = new OutputChunks();
        merged.AppendAll(output);
        foreach (var run in merged.ToList())
        {
            var text = Split(Normalisation.Apply(run.Text, context, applied));
            lines.AddRange(run.Stream == OutputStream.Stderr ? text.Select(l => StderrMark + l) : text);
        }
        return lines;
    }

    private static List<string> Split(string text)
    {
        var lines = text.Split('\n').ToList();
        while (lines.Count > 0 && lines[^1].Length == 0) lines.RemoveAt(lines.Count - 1);
        return lines;
    }
}
