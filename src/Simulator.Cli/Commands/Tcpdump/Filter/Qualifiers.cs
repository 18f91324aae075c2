namespace Simulator.Cli.Commands.Tcpdump.Filter;

/// <summary>The protocol qualifier of a primitive (libpcap's Q_LINK, Q_IP…); Default when none is given.</summary>
public enum ProtocolQualifier
{
    Default,
    Link,
    Ip,
    Arp,
    Rarp,
    Ip6,
    Tcp,
    Udp,
    Icmp,
    Icmp6,
    Sctp,
    Igmp,
    Pim,
    Vrrp,
    Ah,
    Esp,
}

/// <summary>The direction qualifier: src, dst, src or dst (the default), src and dst.</summary>
public enum DirectionQualifier
{
    Default,
    Source,
    Destination,
    Either,
    Both,
}

/// <summary>The kind of what a primitive names: host, net, port, portrange, proto, gateway.</summary>
public enum AddressQualifier
{
    Default,
    Host,
    Net,
    Port,
    PortRange,
    Proto,
    Gateway,
}

/// <summary>
/// The qualifiers in front of an id (<c>tcp dst port</c> 80). A bare id after <c>and</c>/<c>or</c>
/// takes those of the primitive before it (<c>tcp port 80 or 443</c>), as libpcap's grammar does.
/// </summary>
public readonly record struct Qualifiers(ProtocolQualifier Protocol, DirectionQualifier Direction, AddressQualifier Address)
{
    /// <summary>The keyword libpcap names the protocol qualifier by in its errors ("'tcp' modifier applied to host").</summary>
    public string ProtocolName => Protocol switch
    {
        ProtocolQualifier.Ip6 => "ip6",
        ProtocolQualifier.Icmp6 => "icmp6",
        _ => Protocol.ToString().ToLowerInvariant(),
    };
}
