using System.Diagnostics;

namespace Simulator.Cli.Tests.Shell;

/// <summary>
/// Runs a snippet in the real /bin/bash, to compare with the interpreter. Snippets given to it
/// use only builtins and harmless commands (echo, printf, test, ...): never network commands,
/// never anything that touches the machine.
/// </summary>
internal static class RealBash
{
    public static bool Available => File.Exists("/bin/bash");

    /// <summary>Stdout and stderr merged in write order, and the exit status.</summary>
    public static (string Output, int Status) Run(string script, string fileName = "t.sh")
    {
        string dir = Path.Combine(Path.GetTempPath(), "netsim-bash-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            File.WriteAllText(Path.Combine(dir, fileName), script);
            var psi = new ProcessStartInfo("/bin/bash", ["-c", $"exec /bin/bash {fileName} 2>&1 </dev/null"])
            {
                WorkingDirectory = dir,
                RedirectStandardOutput = true,
                UseShellExecute = false,
            };
            psi.Environment.Clear();
            psi.Environment["HOME"] = "/root";
            psi.Environment["PATH"] = "/usr/bin:/bin";
            psi.Environment["LC_ALL"] = "C";
            using Process process = Process.Start(psi)!;
            string output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return (output, process.ExitCode);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
