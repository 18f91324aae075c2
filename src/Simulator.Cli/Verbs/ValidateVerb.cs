using System.Globalization;
using Simulator.Cli.Scenarios;
using Simulator.Cli.Shell;
using Simulator.Cli.Validation;

namespace Simulator.Cli.Verbs;

/// <summary><c>netsim validate FILE|DIR…</c>: run scenarios in the model and on the real kernel, and compare.</summary>
public static class ValidateVerb
{
    public const string Help = """
        Usage: netsim validate FILE|DIR... [-v] [--seed N]

        Runs each scenario through NetSim's interpreter; every network command runs twice, in the
        model and on this machine's kernel, and the report says command by command where the exit
        status or the output (normalised: MACs, ifindexes, times, ids, ports) disagree. The
        scenario's expectations are checked against both.

        Needs root. The machine's own network namespace is never touched: the scenario's host and
        every namespace it names are fresh namespaces (nsv<pid>-<run>-NAME), nothing is connected
        to the machine's interfaces, and all of them are removed at the end, on error and on
        Ctrl-C or SIGTERM (and, after a SIGKILL, by the next run).

        Mark a difference the scenario knows about, with its reason:
          # netsim: known-difference REASON          (the statement just above)
          # netsim: known-difference 12-15 REASON    (the commands on lines 12 to 15)

          -v          also print the model's transcript of each script
          --seed N    random seed of the model (default: the scenario's, else 1)

        Exit status: 0 when every difference is known and every expectation holds on both
        sides, 1 otherwise, 2 when validation cannot run here.
        """;

    public static int Execute(string[] args)
    {
        var targets = new List<string>();
        bool verbose = false;
        ulong? seed = null;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "-h" or "--help":
                    Console.Out.WriteLine(Help);
                    return 0;
                case "-v" or "--verbose":
                    verbose = true;
                    break;
                case "--seed" when i + 1 < args.Length && ulong.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var s):
                    seed = s;
                    i++;
                    break;
                default:
                    if (args[i].StartsWith('-')) return Program.UsageError("validate", $"unexpected argument \"{args[i]}\"", Help);
                    targets.Add(args[i]);
                    break;
            }
        }
        if (targets.Count == 0) return Program.UsageError("validate", "missing scenario file", Help);
        var files = new List<string>();
        foreach (var target in targets)
        {
            if (Directory.Exists(target))
                files.AddRange(Directory.EnumerateFiles(target, "*.sh", SearchOption.AllDirectories).Order(StringComparer.Ordinal));
            else if (File.Exists(target))
                files.Add(target);
            else
            {
                Console.Error.WriteLine($"netsim: {target}: No such file or directory");
                return 2;
            }
        }
        if (ScenarioValidation.WhyUnavailable() is { } unavailable)
        {
            Console.Error.WriteLine($"netsim: validate: {unavailable}");
            return 2;
        }

        int agree = 0, differ = 0, skipped = 0, failed = 0;
        foreach (var file in files)
        {
            var scenario = ScenarioFile.Parse(file, File.ReadAllText(file), file);
            var options = new ValidationOptions
            {
                Seed = seed,
                Transcript = verbose ? new WriterShellOutput(Console.Out, Console.Out) : null,
            };
            var result = ScenarioValidation.Run(file, scenario, file, options);
            Console.Out.Write(ValidationReport.Render(result));
            Console.Out.WriteLine();
            if (result.Refusal != null)
            {
                Console.Error.WriteLine($"netsim: validate: {result.Refusal}");
                return 2;
            }
            agree += result.Agree;
            differ += result.Differ;
            skipped += result.Skipped;
            if (!result.Passed) failed++;
        }
        if (files.Count > 1)
        {
            Console.Out.WriteLine($"{files.Count} scenarios, {failed} with unexplained differences or failed expectations");
            Console.Out.WriteLine(ValidationReport.Summary(agree, differ, skipped));
        }
        return failed > 0 ? 1 : 0;
    }
}
