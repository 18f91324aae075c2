using Simulator.Cli.Host;
using Simulator.Core.Addressing;

namespace Simulator.Cli.Commands.Ping;

/// <summary>What ping4_run settled before the loop: where to, from where, under which identifier.</summary>
internal sealed record PingSetup(
    Invocation Invocation,
    string Program,
    PingOptions Options,
    Ipv4Address Target,
    string Hostname,
    ushort Identifier,
    bool Multicast,
    bool Numeric,
    bool InterruptWhenUnbounded);
