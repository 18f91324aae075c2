using Simulator.Core.Addressing;
using Simulator.Core.Engine;
using Simulator.Devices.Links.Nic;
using Simulator.Devices.Namespaces;

namespace Simulator.Devices.Outside;

/// <summary>
/// What a machine on the internet is to be: its public address, the TTL its packets start with
/// (64 for Linux, 128 for Windows and many network appliances), how many routers lie between it
/// and the LAN's gateway, the round trip from the gateway, and whether it serves DNS.
/// </summary>
/// <param name="Address">Its public address (ping answers from it, the DNS server listens on it).</param>
/// <param name="Label">A name for traces and the validation report; the address if null.</param>
/// <param name="InitialTtl">The TTL its own packets leave with.</param>
/// <param name="Hops">Routers between it and the gateway. They are not simulated one by one: each would
/// lower the TTL by one on the way to the LAN, so the host's packets start with
/// <see cref="InitialTtl"/> − <see cref="Hops"/> (its net.ipv4.ip_default_ttl) and arrive as they would
/// after the real path.</param>
/// <param name="RoundTrip">The round trip between the gateway and it, in nanoseconds: half on each way.</param>
/// <param name="ServesDns">It runs a recursive DNS server on port 53 of its address.</param>
public sealed record InternetHostSpec(
    Ipv4Address Address,
    string? Label = null,
    int InitialTtl = 64,
    int Hops = InternetHostSpec.DefaultHops,
    long RoundTrip = InternetHostSpec.DefaultRoundTrip,
    bool ServesDns = false)
{
    /// <summary>A typical path across the internet from a home or a cloud region.</summary>
    public const int DefaultHops = 10;

    /// <summary>A typical round trip to a server in the same country.</summary>
    public const long DefaultRoundTrip = 20 * Simulation.Millisecond;

    /// <summary>The TTL its packets leave with so that they arrive as after <see cref="Hops"/> routers.</summary>
    public int PathTtl => InitialTtl - Hops;

    public string DisplayLabel => Label ?? Address.ToString();
}

/// <summary>
/// A machine on the internet as built: a hidden namespace with lo up and eth0, a point-to-point
/// cable to the LAN's gateway. eth0 holds the public address (/32) and a link address of a /30
/// shared with the gateway's end (100.64.0.0/10, the shared address space of RFC 6598, which no
/// scenario uses), and the default route goes via the gateway's end; the two ends have each
/// other as permanent neighbours.
/// </summary>
public sealed record InternetHost(
    InternetHostSpec Spec,
    NetworkNamespace Namespace,
    EthernetNic Nic,
    EthernetNic GatewayNic,
    Ipv4InterfaceAddress LinkAddress,
    Ipv4InterfaceAddress GatewayLinkAddress,
    DnsServer? Dns);
