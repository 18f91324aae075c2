namespace Simulator.Cli.Commands.Ping;

/// <summary>
/// ping calls exit() from deep inside (error(3) with a status, usage()); this carries the status
/// back to <see cref="PingCommand"/>, after the message has been written.
/// </summary>
internal sealed class PingExit(int status) : Exception($"ping exits with {status}")
{
    public int Status { get; } = status;
}
