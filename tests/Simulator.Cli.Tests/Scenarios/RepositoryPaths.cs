namespace Simulator.Cli.Tests.Scenarios;

/// <summary>Finds the repository's folders from wherever the test binary runs.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Scenarios => Path.Combine(Root, "scenarios");

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory != null && !File.Exists(Path.Combine(directory.FullName, "NetSim.sln")))
            directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("NetSim.sln not found above " + AppContext.BaseDirectory);
    }
}
