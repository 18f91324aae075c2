namespace Simulator.Core.Wire;

/// <summary>ICMP message types (RFC 792, RFC 950, RFC 1256; IANA "ICMP Parameters").</summary>
public enum IcmpType : byte
{
    EchoReply = 0,
    DestinationUnreachable = 3,
    /// <summary>Deprecated by RFC 6633; parsed, never sent.</summary>
    SourceQuench = 4,
    Redirect = 5,
    EchoRequest = 8,
    RouterAdvertisement = 9,
    RouterSolicitation = 10,
    TimeExceeded = 11,
    ParameterProblem = 12,
    Timestamp = 13,
    TimestampReply = 14,
    InformationRequest = 15,
    InformationReply = 16,
    AddressMaskRequest = 17,
    AddressMaskReply = 18,
}

/// <summary>
/// Codes of Destination Unreachable (RFC 792, RFC 1122 section 3.2.2.1, RFC 1812 section 5.2.7.1),
/// the ones iptables' REJECT --reject-with and ping's "From X ..." lines name.
/// </summary>
public enum IcmpUnreachableCode : byte
{
    NetUnreachable = 0,
    HostUnreachable = 1,
    ProtocolUnreachable = 2,
    PortUnreachable = 3,
    /// <summary>"Fragmentation needed and DF set"; carries the next-hop MTU (RFC 1191).</summary>
    FragmentationNeeded = 4,
    SourceRouteFailed = 5,
    NetUnknown = 6,
    HostUnknown = 7,
    SourceHostIsolated = 8,
    NetProhibited = 9,
    HostProhibited = 10,
    NetUnreachableForTos = 11,
    HostUnreachableForTos = 12,
    /// <summary>"Communication administratively prohibited" (RFC 1812): REJECT --reject-with icmp-admin-prohibited.</summary>
    AdministrativelyProhibited = 13,
    HostPrecedenceViolation = 14,
    PrecedenceCutoff = 15,
}

/// <summary>Codes of Time Exceeded (RFC 792).</summary>
public enum IcmpTimeExceededCode : byte
{
    TtlExceededInTransit = 0,
    FragmentReassemblyTimeExceeded = 1,
}

/// <summary>Codes of Redirect (RFC 792).</summary>
public enum IcmpRedirectCode : byte
{
    Network = 0,
    Host = 1,
    TosAndNetwork = 2,
    TosAndHost = 3,
}

/// <summary>Codes of Parameter Problem (RFC 792, RFC 1108, RFC 1812 section 5.2.7.3).</summary>
public enum IcmpParameterProblemCode : byte
{
    PointerIndicatesError = 0,
    MissingRequiredOption = 1,
    BadLength = 2,
}
