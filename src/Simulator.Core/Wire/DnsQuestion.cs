namespace Simulator.Core.Wire;

/// <summary>
/// One entry of the question section (RFC 1035 section 4.1.2). Names are written without the
/// final dot (<c>www.example.com</c>); the root is <c>.</c>.
/// </summary>
public readonly record struct DnsQuestion(string Name, DnsRecordType Type = DnsRecordType.A, DnsClass Class = DnsClass.Internet);
