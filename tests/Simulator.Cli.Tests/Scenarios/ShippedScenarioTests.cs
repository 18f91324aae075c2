using Simulator.Cli.Verbs;

namespace Simulator.Cli.Tests.Scenarios;

/// <summary>Every scenario in scenarios/ passes under <c>netsim test</c>.</summary>
public class ShippedScenarioTests
{
    public static IEnumerable<TestCaseData> ScenarioFiles() =>
        Directory.Exists(RepositoryPaths.Scenarios)
            ? Directory.EnumerateFiles(RepositoryPaths.Scenarios, "*.sh", SearchOption.AllDirectories)
                .Order(StringComparer.Ordinal)
                .Select(path => new TestCaseData(Path.GetRelativePath(RepositoryPaths.Root, path)).SetName(Path.GetFileName(path)))
            : [];

    [TestCaseSource(nameof(ScenarioFiles))]
    public void Scenario_meets_its_expectations(string relativePath)
    {
        var previous = Environment.CurrentDirectory;
        Environment.CurrentDirectory = RepositoryPaths.Root;
        try
        {
            var outcome = TestVerb.RunOne(relativePath);
            Assert.That(outcome.Failures, Is.Empty, string.Join("\n", outcome.Failures));
            Assert.That(outcome.Expectations, Is.GreaterThan(0));
        }
        finally
        {
            Environment.CurrentDirectory = previous;
        }
    }
}
