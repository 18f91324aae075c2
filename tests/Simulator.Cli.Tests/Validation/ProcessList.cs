namespace Simulator.Cli.Tests.Validation;

/// <summary>The machine's processes, read from /proc, for tests that check nothing is left running.</summary>
internal static class ProcessList
{
    /// <summary>Processes whose command line contains <paramref name="marker"/> (zombies aside: they run nothing).</summary>
    public static List<int> Running(string marker)
    {
        var found = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out int pid)) continue;
            try
            {
                var cmdline = File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ');
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                bool zombie = stat[(stat.LastIndexOf(')') + 2)..].StartsWith('Z');
                if (!zombie && cmdline.Contains(marker, StringComparison.Ordinal)) found.Add(pid);
            }
            catch (IOException)
            {
                // It exited meanwhile.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
        return found;
    }
}
