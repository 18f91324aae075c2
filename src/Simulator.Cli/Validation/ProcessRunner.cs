using System.Diagnostics;

namespace Simulator.Cli.Validation;

/// <summary>What a real program did: exit status and its two streams.</summary>
public sealed record ProcessResult(int ExitStatus, string Stdout, string Stderr, bool TimedOut)
{
    /// <summary>The status a shell gives a command that could not be started.</summary>
    public const int NotFound = 127;
}

/// <summary>
/// Runs real programs for a validation run: argv exactly as given (no shell), the C locale,
/// a scratch working directory, a wall-clock limit. Once <see cref="Close"/> is called (Ctrl-C,
/// SIGTERM) no new program starts and the running one is killed, so cleanup cannot race a
/// command that is still creating namespaces.
/// </summary>
public sealed class ProcessRunner
{
    private readonly object _gate = new();
    private Process? _current;
    private bool _closed;

    public ProcessRunner(string workingDirectory)
    {
        WorkingDirectory = workingDirectory;
    }

    public string WorkingDirectory { get; }

    public bool IsClosed
    {
        get
        {
            lock (_gate) return _closed;
        }
    }

    /// <summary>Runs <paramref name="argv"/>; null when the runner is closed.</summary>
    public ProcessResult? Execute(IReadOnlyList<string> argv, string? stdin, TimeSpan limit)
    {
        Process process;
        lock (_gate)
        {
            if (_closed) return null;
            process = Start(argv, stdin, WorkingDirectory, out var failure);
            if (failure != null)
            {
                process.Dispose();
                return failure;
            }
            _current = process;
        }
        try
        {
            return Finish(process, stdin, limit);
        }
        finally
        {
            lock (_gate) _current = null;
            process.Dispose();
        }
    }

    /// <summary>Stops starting programs and kills the one running, if any; waits for it to die.</summary>
    public void Close()
    {
        Process? running;
        lock (_gate)
        {
            _closed = true;
            running = _current;
        }
        if (running is null) return;
        try
        {
            running.Kill(entireProcessTree: true);
            running.WaitForExit(5000);
        }
        catch (InvalidOperationException)
        {
            // It ended by itself meanwhile.
        }
    }

    /// <summary>Runs a program outside any run's gate (cleanup, probes before a run starts).</summary>
    public static ProcessResult Run(IReadOnlyList<string> argv, string? stdin, TimeSpan limit)
    {
        using var process = Start(argv, stdin, "/", out var failure);
        return failure ?? Finish(process, stdin, limit);
    }

    private static Process Start(IReadOnlyList<string> argv, string? stdin, string workingDirectory, out ProcessResult? failure)
    {
        var info = new ProcessStartInfo(argv[0])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var arg in argv.Skip(1)) info.ArgumentList.Add(arg);
        // The tools' messages in English and numbers with dots, whatever the user's locale.
        info.Environment["LC_ALL"] = "C";
        info.Environment["LANG"] = "C";
        info.Environment["PATH"] = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
        var process = new Process { StartInfo = info };
        failure = null;
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            failure = new ProcessResult(ProcessResult.NotFound, "", $"{argv[0]}: {e.Message}\n", false);
        }
        return process;
    }

    private static ProcessResult Finish(Process process, string? stdin, TimeSpan limit)
    {
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            if (stdin != null) process.StandardInput.Write(stdin);
            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The program exited without reading its input.
        }
        bool timedOut = !process.WaitForExit(limit);
        if (timedOut)
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
            }
            process.WaitForExit();
        }
        else
        {
            process.WaitForExit();
        }
        int status = process.ExitCode;
        // Killed by a signal: report it as a shell would (128 + N); .NET gives 128+N already
        // for signalled children on Unix, so nothing to translate.
        return new ProcessResult(status, stdout.Result, stderr.Result, timedOut);
    }
}
