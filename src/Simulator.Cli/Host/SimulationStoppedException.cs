namespace Simulator.Cli.Host;

/// <summary>
/// The engine ran out of its event budget while a command waited: something keeps generating
/// events, nearly always frames circulating in a loop. The run stops with this explanation.
/// </summary>
public sealed class SimulationStoppedException(string message) : Exception(message);
