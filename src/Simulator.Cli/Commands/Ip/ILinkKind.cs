using Simulator.Cli.Host;
using Simulator.Devices.Links;

namespace Simulator.Cli.Commands.Ip;

/// <summary>
/// One link type of <c>ip link add … type KIND</c>, as iproute2's link_util modules
/// (iplink_veth.c, iplink_bridge.c…): parses the options after "type KIND", creates or changes
/// the device in the model, and prints its line of <c>ip -d link</c>.
/// </summary>
public interface ILinkKind
{
    /// <summary>The word after "type" ("veth", "bridge", "macvlan").</summary>
    string Kind { get; }

    /// <summary>
    /// <c>ip link add [NAME] [common options] type KIND [KIND OPTIONS]</c>. Creates the device(s)
    /// in <paramref name="request"/>'s namespace and returns the exit status, printing
    /// iproute2's/the kernel's errors on failure and leaving the model unchanged.
    /// </summary>
    int Create(LinkAddRequest request, IReadOnlyList<string> kindArguments, Invocation invocation);

    /// <summary><c>ip link set DEV type KIND [KIND OPTIONS]</c>; null when the kind has nothing to change.</summary>
    int Change(NetDevice device, IReadOnlyList<string> kindArguments, Invocation invocation);

    /// <summary>
    /// The kind-specific part of <c>ip -d link show</c> for <paramref name="device"/> (the line
    /// after "promiscuity …", starting with the kind name, e.g. "veth addrgenmode eui64 …" or
    /// "bridge forward_delay 1500 …"); null if the device is not of this kind.
    /// </summary>
    string? Details(NetDevice device);
}

/// <summary>The common options of <c>ip link add</c> (before "type").</summary>
public sealed record LinkAddRequest
{
    /// <summary>The name given, or null to let the kind pick one ("veth%d").</summary>
    public string? Name { get; init; }
    public Simulator.Core.Addressing.MacAddress Address { get; init; }
    public int? Mtu { get; init; }
    public int? TxQueueLength { get; init; }
    /// <summary>The device to attach to (<c>link DEV</c>, macvlan/ipvlan/vlan lower device).</summary>
    public NetDevice? Link { get; init; }
    /// <summary>Namespace to create the device in (<c>netns NS</c>); else the command's.</summary>
    public required Simulator.Devices.Namespaces.NetworkNamespace Namespace { get; init; }
    public bool Up { get; init; }
}
