using Simulator.Cli.Host;
using Simulator.Devices.Namespaces;

namespace Simulator.Cli.Validation;

/// <summary>
/// Builds on the kernel, from namespaces of the run only, the world a scenario declares with
/// <c># netsim:</c> directives, so that the scenario's host meets on the kernel what it meets
/// in the model. Nothing it builds is connected to the machine's real interfaces.
/// </summary>
/// <remarks>
/// <see cref="NamespaceWorldBuilder"/> builds what <see cref="WorldSetup"/> describes: the LANs
/// (<see cref="LanWorldOnKernel"/>) and the internet with its DNS servers
/// (<see cref="InternetOnKernel"/>), each element in a namespace made with
/// <see cref="KernelSide.CreateOwn"/>, listed in <see cref="RealWorld.Description"/>. What cannot
/// be built must be returned as a refusal, so that the run says so instead of comparing against a
/// different world.
/// </remarks>
public interface IRealWorldBuilder
{
    /// <summary>Builds the world; returns null when done, else why the scenario cannot be validated.</summary>
    string? Build(WorldSetup setup, World model, KernelSide kernel, RealWorld world);
}

/// <summary>What a builder made: a line per element for the report header.</summary>
public sealed class RealWorld
{
    public List<string> Description { get; } = [];
}
