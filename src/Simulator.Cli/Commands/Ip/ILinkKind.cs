using Simulator.Cli.Host;
using Simulator.Core.Addressing;
using Simulator.Devices.Links;
using Simulator.Devices.Namespaces;

namespace Simulator.Cli.Commands.Ip;

/// <summary>
/// One link type of <c>ip link add … type KIND</c>, as iproute2's link_util modules
/// (iplink_veth.c, iplink_bridge.c…) together with the kernel's rtnl_link_ops: parses the
/// options after "type KIND", creates or changes the device in the model, and supplies its part
/// of <c>ip -d link</c>. Register an implementation in <see cref="LinkKindCatalog"/>.
/// </summary>
/// <remarks>
/// Errors: print them to <c>invocation.Err</c> in iproute2's or the kernel's words and return
/// the status (2 for a kernel refusal, see <see cref="Simulator.Devices.NetlinkError"/>), leaving
/// the model unchanged; or throw <see cref="IpUsageError"/> for a bad argument, which ip prints
/// and exits with. <see cref="LinkOptionParser"/> reads the common options (name, address, mtu,
/// netns…) for kinds that take a second device's options, as veth's "peer".
/// </remarks>
public interface ILinkKind
{
    /// <summary>The word after "type" ("veth", "bridge", "macvlan"), equal to <see cref="NetDevice.Kind"/> of its devices.</summary>
    string Kind { get; }

    /// <summary>
    /// <c>ip link add [NAME] [common options] type KIND [KIND OPTIONS]</c>. Creates the device(s)
    /// in <paramref name="request"/>'s namespace and returns the exit status (0 on success).
    /// Bringing the device up when <see cref="LinkAddRequest.Up"/> is the kind's job too.
    /// </summary>
    int Create(LinkAddRequest request, IReadOnlyList<string> kindArguments, Invocation invocation);

    /// <summary>
    /// <c>ip link set DEV type KIND [KIND OPTIONS]</c> on a device of this kind; returns the exit
    /// status (0 when there was nothing to change).
    /// </summary>
    int Change(NetDevice device, IReadOnlyList<string> kindArguments, Invocation invocation);

    /// <summary>
    /// The kind's line of <c>ip -d link show</c> for <paramref name="device"/>: the kind name and
    /// its attributes, each word followed by the one space iproute2 prints after it
    /// ("veth " or "bridge forward_delay 1500 hello_time 200 … nf_call_arptables 0 "). The command
    /// prints it after four spaces and appends "addrgenmode eui64 numtxqueues …" (or the slave
    /// line first). Null if the device is not of this kind.
    /// </summary>
    string? Details(NetDevice device);

    /// <summary>
    /// The line <c>ip -d link</c> prints for a device enslaved to a master of this kind, in the
    /// same form ("bridge_slave state forwarding priority 32 … locked off "); null when
    /// <paramref name="port"/>'s master is not of this kind or the kind has no slave attributes.
    /// </summary>
    string? SlaveDetails(NetDevice port) => null;
}

/// <summary>The common options of <c>ip link add</c> (before "type").</summary>
public sealed record LinkAddRequest
{
    /// <summary>The name given, or null to let the kind pick one ("veth%d").</summary>
    public string? Name { get; init; }
    /// <summary>The hardware address given (<c>address MAC</c>); invalid (default) for a random one.</summary>
    public MacAddress Address { get; init; }
    public int? Mtu { get; init; }
    public int? TxQueueLength { get; init; }
    /// <summary>The device to attach to (<c>link DEV</c>, macvlan/ipvlan/vlan lower device).</summary>
    public NetDevice? Link { get; init; }
    /// <summary>Namespace to create the device in (<c>netns NS</c>); else the command's.</summary>
    public required NetworkNamespace Namespace { get; init; }
    /// <summary>
    /// The namespace ip runs in (the kernel's src_net): where a second device (veth peer) goes
    /// unless its own options name another. Null means <see cref="Namespace"/>.
    /// </summary>
    public NetworkNamespace? SourceNamespace { get; init; }
    /// <summary><c>up</c> was given: bring the new device up once created.</summary>
    public bool Up { get; init; }
}
