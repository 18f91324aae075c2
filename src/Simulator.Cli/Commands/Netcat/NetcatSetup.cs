using Simulator.Cli.Commands.Iptables.NameServices;
using Simulator.Cli.Commands.Resolver;
using Simulator.Cli.Host;
using Simulator.Core.Addressing;

namespace Simulator.Cli.Commands.Netcat;

/// <summary>Everything netcat settled before its main loop: options, names, what stdin holds.</summary>
internal sealed record NetcatSetup(
    Invocation Invocation,
    NetcatOptions Options,
    byte[] Stdin,
    StubResolver Resolver,
    NameService Names)
{
    /// <summary>-s, or the address to listen on; Any when none.</summary>
    public Ipv4Address LocalAddress { get; init; } = Ipv4Address.Any;
    /// <summary>-p (or, listening, the port).</summary>
    public ushort LocalPort { get; init; }
    /// <summary>The host operand as typed, and the addresses it resolved to (connecting).</summary>
    public string Host { get; init; } = "";
    public IReadOnlyList<Ipv4Address> Addresses { get; init; } = [];
    /// <summary>The ports to connect to, in order.</summary>
    public IReadOnlyList<ushort> Ports { get; init; } = [];

    public NetcatReport Report { get; } = new(Invocation.Err, Options,
        new NameInfo(Invocation.Machine, Invocation.Context.Namespace, Invocation.Namespace, Resolver), Names);
}
