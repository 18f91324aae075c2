namespace Simulator.Cli.Commands.Ip;

/// <summary>
/// An error iproute2 reports while reading its arguments, after which it exits: the message as
/// it prints it and the exit status. Its helpers in lib/utils.c (invarg, duparg2,
/// incomplete_command) exit(-1), so 255; lookups that fail (<c>Cannot find device</c>) return
/// -1 from the object's handler, which ip turns into 1. Link kinds may throw it too.
/// </summary>
public sealed class IpUsageError(string message, int status = IpUsageError.Exit) : Exception(message)
{
    /// <summary>exit(-1).</summary>
    public const int Exit = 255;

    /// <summary>A handler's return of -1.</summary>
    public const int Failure = 1;

    public int Status { get; } = status;

    /// <summary>invarg: <c>Error: argument "ARG" is wrong: WHY</c>.</summary>
    public static IpUsageError InvalidArgument(string why, string argument) =>
        new($"Error: argument \"{argument}\" is wrong: {why}");

    /// <summary>duparg2: a second value where one was expected, or a word ip does not know.</summary>
    public static IpUsageError Garbage(string key, string argument) =>
        new($"Error: either \"{key}\" is duplicate, or \"{argument}\" is a garbage.");

    /// <summary>duparg: a keyword given twice.</summary>
    public static IpUsageError Duplicate(string key, string argument) =>
        new($"Error: duplicate \"{key}\": \"{argument}\" is the second value.");

    /// <summary>incomplete_command: a keyword without its value.</summary>
    public static IpUsageError Incomplete() => new("Command line is not complete. Try option \"help\"");

    /// <summary>nodev: the named device is not in the namespace.</summary>
    public static IpUsageError NoDevice(string name) => new($"Cannot find device \"{name}\"", Failure);

    /// <summary>get_prefix: <c>Error: any valid prefix is expected rather than "X".</c></summary>
    public static IpUsageError BadPrefix(string text) =>
        new($"Error: any valid prefix is expected rather than \"{text}\".", Failure);

    /// <summary>get_addr for an IPv4 family: <c>Error: inet address is expected rather than "X".</c></summary>
    public static IpUsageError BadAddress(string text) =>
        new($"Error: inet address is expected rather than \"{text}\".", Failure);

    /// <summary>
    /// A command, object or option NetSim does not model: it says so instead of pretending, with
    /// the status iproute2 gives kernel refusals.
    /// </summary>
    public static IpUsageError NotModelled(string what) =>
        new($"netsim: {what} is not modelled", 2);
}
