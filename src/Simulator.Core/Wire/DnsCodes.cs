namespace Simulator.Core.Wire;

/// <summary>The OPCODE of a DNS header (RFC 1035 section 4.1.1, RFC 1996, RFC 2136).</summary>
public enum DnsOpcode : byte
{
    Query = 0,
    InverseQuery = 1,
    Status = 2,
    Notify = 4,
    Update = 5,
}

/// <summary>The RCODE of a DNS header (RFC 1035 section 4.1.1); NXDOMAIN is what "Name or service not known" comes from.</summary>
public enum DnsResponseCode : byte
{
    NoError = 0,
    FormatError = 1,
    ServerFailure = 2,
    /// <summary>NXDOMAIN: the name does not exist.</summary>
    NameError = 3,
    NotImplemented = 4,
    Refused = 5,
}

/// <summary>Resource record TYPEs (RFC 1035 section 3.2.2, RFC 3596, RFC 6891).</summary>
public enum DnsRecordType : ushort
{
    A = 1,
    NS = 2,
    CNAME = 5,
    SOA = 6,
    PTR = 12,
    MX = 15,
    TXT = 16,
    AAAA = 28,
    OPT = 41,
    ANY = 255,
}

/// <summary>Resource record CLASSes (RFC 1035 section 3.2.4).</summary>
public enum DnsClass : ushort
{
    Internet = 1,
    Chaos = 3,
    Hesiod = 4,
    Any = 255,
}
