using System.Runtime.InteropServices;

namespace Simulator.Cli.Validation;

/// <summary>
/// The two libc calls the kernel side of a validation needs and .NET does not offer: handing a
/// descriptor to a child process (.NET opens every descriptor close-on-exec) and sending a signal
/// other than SIGKILL (<see cref="System.Diagnostics.Process.Kill()"/> only kills).
/// </summary>
internal static class NativeCalls
{
    private const int SetDescriptorFlags = 2; // F_SETFD
    private const int CloseOnExec = 1;        // FD_CLOEXEC

    public const int SigKill = 9, SigTerm = 15;

    [DllImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    private static extern int Fcntl(int descriptor, int command, int argument);

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    /// <summary>Lets (or stops) a child started next inherit <paramref name="descriptor"/>.</summary>
    public static void SetInheritable(int descriptor, bool inheritable)
    {
        if (Fcntl(descriptor, SetDescriptorFlags, inheritable ? 0 : CloseOnExec) != 0)
            throw new IOException($"fcntl(F_SETFD) on descriptor {descriptor} failed: errno {Marshal.GetLastPInvokeError()}");
    }

    /// <summary>kill(2); false when the process is gone.</summary>
    public static bool SendSignal(int pid, int signal) => Kill(pid, signal) == 0;
}
