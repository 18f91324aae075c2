namespace Simulator.Cli.Host;

/// <summary>
/// A program the simulated machine can run (ip, ping, sysctl…). It works on the namespace the
/// invocation names and prints what the real tool prints.
/// </summary>
public interface INetworkCommand
{
    /// <summary>The names it answers to (argv[0]), e.g. "iptables" and "iptables-save".</summary>
    IReadOnlyList<string> Names { get; }

    /// <returns>The exit status.</returns>
    int Run(Invocation invocation);
}
