using Simulator.Cli.Scenarios;
using Simulator.Cli.Tests.Scenarios;
using Simulator.Cli.Validation;

namespace Simulator.Cli.Tests.Validation;

/// <summary>The validator's test scripts, run through it on the kernel, and the namespaces a run owns.</summary>
internal static class ValidationFixtures
{
    public static string Fixture(string name) =>
        System.IO.Path.Combine(RepositoryPaths.Root, "tests", "Simulator.Cli.Tests", "Validation", "Fixtures", name);

    public static ValidationResult Validate(string path)
    {
        var scenario = ScenarioFile.Parse(path, File.ReadAllText(path), System.IO.Path.GetFileName(path));
        return ScenarioValidation.Run(path, scenario, System.IO.Path.GetFileName(path), new ValidationOptions());
    }

    /// <summary>The kernel namespaces that belong to validation runs of process <paramref name="pid"/>.</summary>
    public static IReadOnlyList<string> NamespacesOf(int pid) =>
        RealNamespaces.List().Where(n => RealNamespaces.OwnerProcess(n) == pid).ToList();
}
