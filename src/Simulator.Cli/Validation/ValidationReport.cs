using System.Globalization;
using System.Text;

namespace Simulator.Cli.Validation;

/// <summary>
/// Prints a validation: a table of the commands (file:line, command, status in the model and on
/// the kernel, verdict, the normalisation rules that applied), a unified diff under each
/// difference, the expectations that failed on either side, and the summary line
/// <c>N agree, N differ, N skipped</c>.
/// </summary>
public static class ValidationReport
{
    private const int CommandWidth = 48;

    public static string Render(ValidationResult result)
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"netsim validate {result.File}");
        if (result.Prefix.Length > 0) sb.Append(CultureInfo.InvariantCulture, $" (kernel namespaces {result.Prefix}-*)");
        sb.Append('\n');
        foreach (var line in result.World) sb.Append("  world: ").Append(line).Append('\n');
        foreach (var error in result.Errors) sb.Append(error).Append('\n');
        if (result.Refusal is { } refusal)
        {
            sb.Append("netsim: validate: ").Append(refusal).Append('\n');
            return sb.ToString();
        }

        var rows = result.Rows;
        int where = Math.Max(9, rows.Select(r => r.Location.ToString().Length).DefaultIfEmpty(0).Max());
        sb.Append(CultureInfo.InvariantCulture, $"{"FILE:LINE".PadRight(where)}  {"COMMAND",-CommandWidth}  MODEL  KERNEL  RESULT\n");
        foreach (var row in rows)
        {
            sb.Append(row.Location.ToString().PadRight(where)).Append("  ")
                .Append(Shorten(row.Command).PadRight(CommandWidth)).Append("  ")
                .Append(Status(row.ModelStatus).PadRight(5)).Append("  ")
                .Append(Status(row.KernelStatus).PadRight(6)).Append("  ")
                .Append(Verdict(row));
            if (row.Rules.Count > 0 && row.Verdict != Validation.Verdict.Skip)
                sb.Append("  [normalised: ").Append(string.Join(", ", row.Rules)).Append(']');
            sb.Append('\n');
            foreach (var line in row.Diff) sb.Append("    ").Append(line).Append('\n');
        }

        if (result.ModelExpectationFailures.Count > 0 || result.KernelExpectationFailures.Count > 0)
        {
            sb.Append("expectations:\n");
            foreach (var failure in result.ModelExpectationFailures) sb.Append("  model:  ").Append(Indent(failure)).Append('\n');
            foreach (var (failure, known) in result.KernelExpectationFailures)
            {
                sb.Append("  kernel: ").Append(Indent(failure));
                if (known != null) sb.Append(" (known difference: ").Append(known.Reason).Append(')');
                sb.Append('\n');
            }
        }
        if (result.ModelOnlyStatements.Count > 0)
            sb.Append("expectations of ").Append(string.Join(", ", result.ModelOnlyStatements))
                .Append(" were checked against the model's output on the kernel side too: a command's output there went through a pipe or was not compared\n");
        var knownRows = rows.Where(r => r.Known != null).ToList();
        if (knownRows.Count > 0)
            sb.Append(CultureInfo.InvariantCulture, $"{knownRows.Count} of the differences are known to the scenario\n");
        sb.Append(Summary(result)).Append('\n');
        return sb.ToString();
    }

    /// <summary>Exactly <c>N agree, N differ, N skipped</c>.</summary>
    public static string Summary(ValidationResult result) => Summary(result.Agree, result.Differ, result.Skipped);

    public static string Summary(int agree, int differ, int skipped) =>
        string.Create(CultureInfo.InvariantCulture, $"{agree} agree, {differ} differ, {skipped} skipped");

    private static string Verdict(CommandComparison row) => row.Verdict switch
    {
        Validation.Verdict.Agree => "agree",
        Validation.Verdict.Differ when row.Known is { } known => $"differ (known: {known.Reason})",
        Validation.Verdict.Differ => "DIFFER",
        _ => $"skip: {row.Reason}",
    };

    private static string Status(int? status) => status?.ToString(CultureInfo.InvariantCulture) ?? "-";

    private static string Shorten(string command)
    {
        command = command.Replace('\n', ' ');
        return command.Length <= CommandWidth ? command : command[..(CommandWidth - 1)] + "…";
    }

    private static string Indent(string text) => text.Replace("\n", "\n          ", StringComparison.Ordinal);
}
