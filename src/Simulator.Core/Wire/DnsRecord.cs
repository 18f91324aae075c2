using Simulator.Core.Addressing;

namespace Simulator.Core.Wire;

/// <summary>
/// One resource record (RFC 1035 section 4.1.3). The RDATA is typed for the kinds NetSim answers
/// with: <see cref="Address"/> for A, <see cref="Target"/> for CNAME (and NS, PTR, whose RDATA is
/// also one name); any other type keeps its RDATA as bytes in <see cref="Data"/>.
/// </summary>
public readonly record struct DnsRecord(string Name, DnsRecordType Type, DnsClass Class, uint TimeToLive)
{
    public Ipv4Address Address { get; init; }
    public string? Target { get; init; }
    public ReadOnlyMemory<byte> Data { get; init; }

    public static DnsRecord A(string name, uint timeToLive, Ipv4Address address) =>
        new(name, DnsRecordType.A, DnsClass.Internet, timeToLive) { Address = address };

    public static DnsRecord Cname(string name, uint timeToLive, string target) =>
        new(name, DnsRecordType.CNAME, DnsClass.Internet, timeToLive) { Target = target };

    /// <summary>RDATA that is one domain name, which a message may compress (RFC 3597 section 4).</summary>
    internal static bool HasNameData(DnsRecordType type) =>
        type is DnsRecordType.CNAME or DnsRecordType.NS or DnsRecordType.PTR;

    public bool Equals(DnsRecord other) =>
        Name == other.Name && Type == other.Type && Class == other.Class && TimeToLive == other.TimeToLive
        && Address == other.Address && Target == other.Target && Data.Span.SequenceEqual(other.Data.Span);

    public override int GetHashCode() => HashCode.Combine(Name, Type, Class, TimeToLive, Address, Target, Data.Length);

    public override string ToString() => Type switch
    {
        DnsRecordType.A => $"{Name} {TimeToLive} {Class} A {Address}",
        _ when HasNameData(Type) => $"{Name} {TimeToLive} {Class} {Type} {Target}",
        _ => $"{Name} {TimeToLive} {Class} {Type} ({Data.Length} bytes)",
    };
}
