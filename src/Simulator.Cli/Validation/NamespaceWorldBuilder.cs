using Simulator.Cli.Host;
using Simulator.Devices.Namespaces;

namespace Simulator.Cli.Validation;

/// <summary>
/// The world as <see cref="WorldSetup"/> declares it at this point: the scenario's host, and the
/// LANs of its uplinks with their machines (<see cref="LanWorldOnKernel"/>), and the internet
/// behind the gateway with its DNS servers (<see cref="InternetOnKernel"/>). The host namespace
/// starts with the model's IPv4 device defaults, so a machine whose own settings differ
/// (ip_forward=1 on a container host, rp_filter from systemd) does not leak into the comparison.
/// </summary>
public sealed class NamespaceWorldBuilder : IRealWorldBuilder
{
    public string? Build(WorldSetup setup, World model, KernelSide kernel, RealWorld world)
    {
        var tree = model.InitialNamespace.Sysctls;
        var defaults = tree.Names("net.ipv4.conf.all").Concat(tree.Names("net.ipv4.conf.default"))
            .Select(name => tree.TryRead(name, out var value) ? $"{name}={value}" : null)
            .OfType<string>()
            .ToList();
        kernel.WriteSysctls(kernel.Names.Host, defaults);
        world.Description.Add($"host: {kernel.Names.Host} (IPv4 device defaults from the model, IPv6 off)");
        var lans = new LanWorldOnKernel(kernel, world);
        if (lans.Build(setup.Lans) is { } lanError) return lanError;
        return setup.Internet is { } internet ? new InternetOnKernel(kernel, world).Build(internet, lans.RealNames) : null;
    }
}
