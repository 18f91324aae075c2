using Simulator.Cli.Scenarios;
using Simulator.Cli.Tests.Attach;
using Simulator.Cli.Tests.Scenarios;
using Simulator.Cli.Validation;

namespace Simulator.Cli.Tests.Validation;

/// <summary>
/// Differential tests: every shipped scenario runs on the real kernel too (root with namespaces,
/// as CI is; otherwise skipped with the reason) and must agree with the model, except where the
/// scenario marks a difference as known; known differences and their reasons are printed.
/// </summary>
[NonParallelizable]
public class ShippedScenarioValidationTests
{
    [TestCaseSource(typeof(ShippedScenarioTests), nameof(ShippedScenarioTests.ScenarioFiles))]
    public void Scenario_agrees_with_the_kernel(string relativePath)
    {
        TestNamespaces.RequireKernel();
        var previous = Environment.CurrentDirectory;
        Environment.CurrentDirectory = RepositoryPaths.Root;
        try
        {
            var scenario = ScenarioFile.Parse(relativePath, File.ReadAllText(relativePath), relativePath);
            var result = ScenarioValidation.Run(relativePath, scenario, relativePath, new ValidationOptions());
            var report = ValidationReport.Render(result);
            TestContext.Out.WriteLine(report);
            foreach (var known in result.Rows.Where(r => r.Known != null))
                TestContext.Out.WriteLine($"known difference at {known.Location}: {known.Known!.Reason}");
            Assert.That(result.Refusal, Is.Null);
            Assert.That(result.Passed, Is.True, report);
        }
        finally
        {
            Environment.CurrentDirectory = previous;
        }
    }
}
