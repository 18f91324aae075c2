using Simulator.Cli.Commands.Bridge;
using Simulator.Cli.Commands.Conntrack;
using Simulator.Cli.Commands.Ip;
using Simulator.Cli.Commands.Iptables;
using Simulator.Cli.Commands.Jobs;
using Simulator.Cli.Commands.Netcat;
using Simulator.Cli.Commands.Ping;
using Simulator.Cli.Commands.NetTools;
using Simulator.Cli.Commands.Sysctl;
using Simulator.Cli.Commands.Tcpdump;
using Simulator.Cli.Commands.Utilities;

namespace Simulator.Cli.Host;

/// <summary>Every program the simulated machine has. A command missing here is "command not found".</summary>
public static class CommandCatalog
{
    public static IEnumerable<INetworkCommand> All() =>
    [
        new IpCommand(),
        new IptablesNetworkCommand(),
        new ConntrackCommand(),
        new SysctlCommand(),
        new SleepCommand(),
        new DmesgCommand(),
        new KillCommand(),
        new WaitCommand(),
        new TimeoutCommand(),
        new BrctlCommand(),
        new BridgeCommand(),
        new PingCommand(),
        new IfconfigCommand(),
        new RouteCommand(),
        new NetstatCommand(),
        new ArpCommand(),
        new NetcatCommand(),
        new TcpdumpCommand(),
    ];
}
