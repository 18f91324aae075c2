using Simulator.Cli.Host;
using Simulator.Cli.Scenarios;
using Simulator.Cli.Shell;

namespace Simulator.Cli.Verbs;

/// <summary><c>netsim test [FILES|DIRS]</c>: run scenarios and check their expectations.</summary>
public static class TestVerb
{
    public const string Help = """
        Usage: netsim test [FILE|DIR]... [-v]

        Runs each scenario (*.sh under each DIR; default: scenarios/) and checks the expectations
        written in its comments, each about the statement just above it:

          # expect: LINE        a line matching LINE appears (in order with the other expects)
          # expect-not: LINE    no line matches LINE
          # expect-status: N    the exit status is N (also !N, or A|B)

        In LINE, * matches any text, ? one character, {mac} a MAC address, {ip} an IPv4
        address, {n} an integer, {time} a decimal number; \ escapes. Trailing blanks are ignored.
        Prints one line per failed expectation (file:line, expected, got) and a summary; the exit
        status is 1 if any failed.

          -v   also print each scenario's name and result
        """;

    public static int Execute(string[] args)
    {
        var targets = new List<string>();
        bool verbose = false;
        foreach (var arg in args)
        {
            switch (arg)
            {
                case "-h" or "--help":
                    Console.Out.WriteLine(Help);
                    return 0;
                case "-v" or "--verbose":
                    verbose = true;
                    break;
                default:
                    if (arg.StartsWith('-')) return Program.UsageError("test", $"unexpected option \"{arg}\"", Help);
                    targets.Add(arg);
                    break;
            }
        }
        if (targets.Count == 0) targets.Add("scenarios");
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
        int scenarios = 0, failedScenarios = 0, expectations = 0, failedExpectations = 0;
        foreach (var file in files)
        {
            var outcome = RunOne(file);
            scenarios++;
            expectations += outcome.Expectations;
            failedExpectations += outcome.Failures.Count;
            if (outcome.Failures.Count > 0) failedScenarios++;
            foreach (var failure in outcome.Failures) Console.Out.WriteLine(failure);
            if (verbose) Console.Out.WriteLine($"{(outcome.Failures.Count == 0 ? "ok  " : "FAIL")} {file} ({outcome.Expectations} expectations)");
        }
        Console.Out.WriteLine(
            $"{scenarios} scenarios, {expectations} expectations: {expectations - failedExpectations} passed, {failedExpectations} failed" +
            (failedScenarios > 0 ? $" (in {failedScenarios} scenarios)" : ""));
        return failedExpectations > 0 ? 1 : 0;
    }

    public sealed record Outcome(int Expectations, IReadOnlyList<string> Failures, RunResult? Run);

    /// <summary>Runs one scenario and checks it; also used by the test suite.</summary>
    public static Outcome RunOne(string file)
    {
        var scenario = ScenarioFile.Parse(file, File.ReadAllText(file), file);
        var failures = new List<string>(scenario.Errors);
        if (scenario.Expectations.Count == 0) failures.Add($"{file}:1: the scenario has no expectations");
        var output = new TranscriptOutput();
        var run = ScenarioRunner.Run(file, scenario, output, new RunOptions(), file);
        failures.AddRange(ExpectationChecker.Check(scenario.Expectations, run.Statements).Select(f => f.ToString()));
        return new Outcome(scenario.Expectations.Count, failures, run);
    }
}
