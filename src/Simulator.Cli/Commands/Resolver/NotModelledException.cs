namespace Simulator.Cli.Commands.Resolver;

/// <summary>
/// A program met something NetSim does not carry out (DNS over TCP, an IPv6 nameserver…). The
/// program stops and says so, instead of printing what no simulated packet produced.
/// </summary>
public sealed class NotModelledException(string message) : Exception(message);
