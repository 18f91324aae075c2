using Simulator.Cli.Commands.Bridge;
using Simulator.Cli.Commands.Sysctl;
using Simulator.Cli.Commands.System;

namespace Simulator.Cli.Host;

/// <summary>Every program the simulated machine has. A command missing here is "command not found".</summary>
public static class CommandCatalog
{
    public static IEnumerable<INetworkCommand> All() =>
    [
        new SysctlCommand(),
        new SleepCommand(),
        new DmesgCommand(),
        new BrctlCommand(),
        new BridgeCommand(),
    ];
}
