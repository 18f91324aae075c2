using System.Diagnostics;

namespace Simulator.Core.Tests.Wire;

/// <summary>Runs the real decoders (tshark, scapy) that the codecs are checked against.</summary>
internal static class ExternalTool
{
    public static (int ExitCode, string Output, string Error) Run(string fileName, IEnumerable<string> arguments,
        string? input = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = input is not null,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {fileName}");
        if (input is not null)
        {
            process.StandardInput.Write(input);
            process.StandardInput.Close();
        }
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} did not finish in 60 s");
        }
        return (process.ExitCode, output.Result, error.Result);
    }

    /// <summary>The full path of <paramref name="name"/> on PATH, or null.</summary>
    public static string? Find(string name)
    {
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
        {
            var candidate = Path.Combine(directory, name);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }

    /// <summary>
    /// A Python that can import scapy: Debian's python3-scapy lives in /usr/bin/python3's
    /// dist-packages, which a python3 earlier on PATH (pyenv, venv) may not see.
    /// </summary>
    public static string? FindPythonWithScapy()
    {
        foreach (var python in new[] { Find("python3"), "/usr/bin/python3" })
        {
            if (python is null || !File.Exists(python)) continue;
            try
            {
                if (Run(python, ["-c", "import scapy.all"]).ExitCode == 0) return python;
            }
            catch (System.ComponentModel.Win32Exception)
            {
                // not runnable: try the next one
            }
        }
        return null;
    }
}
