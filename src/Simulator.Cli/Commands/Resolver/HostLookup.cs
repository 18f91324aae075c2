using Simulator.Core.Addressing;

namespace Simulator.Cli.Commands.Resolver;

/// <summary>
/// What getaddrinfo gave for a name: the canonical name (AI_CANONNAME) and the IPv4 addresses, or
/// the error. <see cref="OnlyIpv6"/> marks a name that has addresses, all of them IPv6, which a
/// real ping would go on to ping over IPv6 and NetSim cannot.
/// </summary>
public sealed record HostLookup(GaiError Error, string CanonicalName, IReadOnlyList<Ipv4Address> Addresses, bool OnlyIpv6 = false)
{
    public bool Succeeded => Error == GaiError.None && Addresses.Count > 0;

    public static HostLookup Failed(GaiError error) => new(error, "", []);
}
