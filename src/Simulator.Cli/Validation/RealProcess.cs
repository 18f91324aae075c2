using System.ComponentModel;
using System.Diagnostics;
using Simulator.Cli.Shell;

namespace Simulator.Cli.Validation;

/// <summary>
/// A real program started for a validation run: argv exactly as given (no shell of the user's),
/// the C locale, its two streams captured in order (<see cref="StreamCapture"/>). A foreground
/// command is waited for at once; a background job lives on until its model twin ends.
/// </summary>
public sealed class RealProcess : IDisposable
{
    /// <summary>
    /// .NET can only give a child pipes for its streams, so a bash of our own puts the capture's
    /// two sockets on descriptors 1 and 2 (closing the originals) and execs the program: the
    /// program keeps bash's process id and sees nothing of it. What bash itself might say before
    /// that (nothing, unless it is broken) arrives on the pipes and is kept too.
    /// </summary>
    /// <remarks>
    /// The program runs under <c>stdbuf -oL</c>. The scenarios' expected output, and the model's,
    /// is what a terminal shows, where stdio buffers stdout by line; on a pipe or a socket it
    /// buffers it fully and writes it at exit, after the stderr lines written meanwhile
    /// (<c>conntrack -L</c> prints its entries, then its count on stderr: uncaught, the count comes
    /// first). stdbuf gives the program's stdio (and its children's: ip netns exec's program) the
    /// terminal's line buffering without making stdout a terminal. Programs that choose their own
    /// buffering (ping flushes each line, tcpdump -l) or do not use stdio are unchanged.
    /// </remarks>
    private const string HandOver =
        "o=$1 e=$2; shift 2; exec 1>&$o 2>&$e {o}>&- {e}>&-; if command -v stdbuf >/dev/null; then exec stdbuf -oL \"$@\"; fi; exec \"$@\"";

    /// <summary>
    /// Process starts are one at a time: the capture's writers are inheritable only while its own
    /// child starts, so no other child picks them up.
    /// </summary>
    private static readonly object StartGate = new();

    private readonly Process _process;
    private readonly StreamCapture _capture;
    private readonly Task<string> _earlyStdout;
    private readonly Task<string> _earlyStderr;
    private ProcessResult? _result;

    private RealProcess(Process process, StreamCapture capture, string? stdin)
    {
        _process = process;
        _capture = capture;
        _earlyStdout = process.StandardOutput.ReadToEndAsync();
        _earlyStderr = process.StandardError.ReadToEndAsync();
        // Written on its own so that a program that does not read its input cannot block us.
        _ = Task.Run(() =>
        {
            try
            {
                if (stdin != null) process.StandardInput.Write(stdin);
                process.StandardInput.Close();
            }
            catch (IOException)
            {
                // The program exited without reading its input.
            }
            catch (ObjectDisposedException)
            {
            }
        });
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Starts <paramref name="argv"/>; a program that cannot be started gives its failure as a result.</summary>
    public static RealProcess? Start(IReadOnlyList<string> argv, string? stdin, string workingDirectory, out ProcessResult? failure)
    {
        var capture = new StreamCapture();
        var info = new ProcessStartInfo("/bin/bash")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(HandOver);
        info.ArgumentList.Add("netsim-validate");
        info.ArgumentList.Add(capture.StdoutDescriptor.ToString(System.Globalization.CultureInfo.InvariantCulture));
        info.ArgumentList.Add(capture.StderrDescriptor.ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var arg in argv) info.ArgumentList.Add(arg);
        // The tools' messages in English and numbers with dots, whatever the user's locale.
        info.Environment["LC_ALL"] = "C";
        info.Environment["LANG"] = "C";
        info.Environment["PATH"] = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
        // A non-interactive bash would read these files first.
        info.Environment.Remove("BASH_ENV");
        info.Environment.Remove("ENV");
        var process = new Process { StartInfo = info };
        failure = null;
        lock (StartGate)
        {
            capture.LendWriters();
            try
            {
                process.Start();
            }
            catch (Win32Exception e)
            {
                failure = new ProcessResult(ProcessResult.NotFound, [new OutputChunk(OutputStream.Stderr, $"{argv[0]}: {e.Message}\n")], false);
            }
            finally
            {
                capture.ReleaseWriters();
            }
        }
        if (failure != null)
        {
            capture.Dispose();
            process.Dispose();
            return null;
        }
        return new RealProcess(process, capture, stdin);
    }

    /// <summary>Waits up to <paramref name="limit"/> for the program to exit.</summary>
    public bool WaitForExit(TimeSpan limit)
    {
        try
        {
            return _process.WaitForExit(limit);
        }
        catch (InvalidOperationException)
        {
            // Disposed by the script's thread while cleanup (a signal's thread) waited: it is over.
            return true;
        }
    }

    /// <summary>
    /// Sends <paramref name="signal"/> to the program, as the shell's kill does to a job's
    /// process; nothing once it has exited. (Between this check and kill(2) the process could
    /// exit and be reaped, and its id be given to another process: that needs the machine to
    /// run through every process id in those microseconds.)
    /// </summary>
    public void Signal(int signal)
    {
        try
        {
            if (!_process.HasExited) NativeCalls.SendSignal(_process.Id, signal);
        }
        catch (InvalidOperationException)
        {
            // Disposed meanwhile: it has ended.
        }
    }

    /// <summary>SIGKILL to the program and everything it started; waits for it.</summary>
    public void Kill()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
        catch (InvalidOperationException)
        {
            // It ended by itself meanwhile, or the script's thread, done with it, disposed it.
        }
    }

    /// <summary>
    /// SIGTERM, then SIGKILL to what is left after <paramref name="grace"/>: the end of a job
    /// that would otherwise outlive the run.
    /// </summary>
    public void Terminate(TimeSpan grace)
    {
        Signal(NativeCalls.SigTerm);
        if (!_process.WaitForExit(grace)) Kill();
    }

    /// <summary>What the program did. Call once it has exited (or been killed).</summary>
    public ProcessResult Result(bool timedOut)
    {
        if (_result != null) return _result;
        _process.WaitForExit();
        var output = new OutputChunks();
        output.Append(OutputStream.Stdout, _earlyStdout.Result);
        output.Append(OutputStream.Stderr, _earlyStderr.Result);
        output.AppendAll(_capture.End());
        // Killed by a signal: .NET gives 128 + N, as a shell reports it.
        return _result = new ProcessResult(_process.ExitCode, output.ToList(), timedOut);
    }

    /// <summary>Runs to the end within <paramref name="limit"/>, killed if it does not end.</summary>
    public ProcessResult Finish(TimeSpan limit)
    {
        bool timedOut = !WaitForExit(limit);
        if (timedOut) Kill();
        return Result(timedOut);
    }

    public void Dispose()
    {
        _capture.Dispose();
        _process.Dispose();
    }
}
