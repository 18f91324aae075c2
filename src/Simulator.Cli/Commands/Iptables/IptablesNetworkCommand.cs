using Simulator.Cli.Host;

namespace Simulator.Cli.Commands.Iptables;

/// <summary>
/// iptables, iptables-save and iptables-restore (and their -nft names, the same programs on a
/// Debian host) on the tables of the namespace the command runs in. The kernel's refusal lines go
/// to the machine's kernel log, which dmesg shows from any namespace.
/// </summary>
public sealed class IptablesNetworkCommand : INetworkCommand
{
    /// <summary>
    /// The wall-clock date iptables-save writes in its comments: a fixed day plus the simulated
    /// time, so that runs are reproducible.
    /// </summary>
    public static readonly DateTime Epoch = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public IReadOnlyList<string> Names { get; } =
        ["iptables", "iptables-save", "iptables-restore", "iptables-nft", "iptables-nft-save", "iptables-nft-restore"];

    public int Run(Invocation invocation)
    {
        var tables = invocation.Namespace.Firewall.Tables;
        var kernel = invocation.World.Kernel;
        var args = invocation.Args.ToList();
        switch (Path.GetFileName(invocation.Name).Replace("-nft", "", StringComparison.Ordinal))
        {
            case "iptables-save":
                return new IptablesSaveCommand(tables, () => Epoch.AddTicks(invocation.World.Simulation.Now / 100))
                    .Run(args, invocation.Out, invocation.Err);
            case "iptables-restore":
                string? nsName = invocation.Namespace.Name;
                return new IptablesRestoreCommand(tables, readFile: path => invocation.Machine.ReadFile(nsName, path, out _),
                        kernelLog: kernel.Log)
                    .Run(args, invocation.Context.Stdin, invocation.Out, invocation.Err);
            default:
                return new IptablesCommand(tables, kernelLog: kernel.Log).Run(args, invocation.Out, invocation.Err);
        }
    }
}
