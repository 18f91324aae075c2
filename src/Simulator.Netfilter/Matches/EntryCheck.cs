namespace Simulator.Netfilter.Matches;

/// <summary>
/// The outcome of a kernel load-time check (a match's or target's <c>checkentry</c>): fine, or
/// refused with EINVAL, optionally with the line the kernel logged (what <c>dmesg</c> shows).
/// </summary>
public readonly record struct EntryCheck(bool Ok, string? KernelLog)
{
    public static EntryCheck Pass => new(true, null);
    public static EntryCheck Fail(string? kernelLog) => new(false, kernelLog);
}
