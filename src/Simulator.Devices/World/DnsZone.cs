using Simulator.Core.Addressing;
using Simulator.Core.Wire;

namespace Simulator.Devices.Outside;

/// <summary>
/// The names the world outside the host knows, as every recursive resolver in it answers them:
/// each name has either a CNAME (its canonical name is another) or A records. A resolver follows
/// CNAME chains within the zone, as a recursive server returns the whole chain in one answer
/// (RFC 1034 section 4.3.2, step 3a); a name the zone does not hold does not exist (NXDOMAIN).
/// </summary>
public sealed class DnsZone
{
    /// <summary>The records' time to live, in seconds: what a stub resolver would cache them for (glibc caches nothing).</summary>
    public const uint TimeToLive = 600;

    /// <summary>Longest CNAME chain followed, as a guard against loops (BIND stops at 16; a zone here is small).</summary>
    public const int MaxChain = 8;

    private readonly Dictionary<string, string> _aliases = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, List<Ipv4Address>> _addresses = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> _order = [];

    /// <summary>Every name, in the order declared, with its CNAME target or its addresses.</summary>
    public IEnumerable<(string Name, string? Alias, IReadOnlyList<Ipv4Address> Addresses)> Entries =>
        _order.Select(name => (name, _aliases.GetValueOrDefault(name),
            (IReadOnlyList<Ipv4Address>)(_addresses.GetValueOrDefault(name) ?? [])));

    /// <summary>Gives <paramref name="name"/> an A record; null when done, else why not.</summary>
    public string? AddAddress(string name, Ipv4Address address)
    {
        name = Canonical(name);
        if (_aliases.ContainsKey(name)) return $"{name} is an alias (CNAME) and cannot have addresses";
        if (!_addresses.TryGetValue(name, out var list))
        {
            _addresses[name] = list = [];
            _order.Add(name);
        }
        if (!list.Contains(address)) list.Add(address);
        return null;
    }

    /// <summary>Makes <paramref name="name"/> an alias of <paramref name="target"/>; null when done, else why not.</summary>
    public string? AddAlias(string name, string target)
    {
        name = Canonical(name);
        target = Canonical(target);
        if (_addresses.ContainsKey(name)) return $"{name} has addresses and cannot be an alias (CNAME)";
        if (_aliases.TryGetValue(name, out var existing) && !string.Equals(existing, target, StringComparison.OrdinalIgnoreCase))
            return $"{name} is already an alias of {existing}";
        if (string.Equals(name, target, StringComparison.OrdinalIgnoreCase)) return $"{name} cannot be an alias of itself";
        if (!_aliases.ContainsKey(name)) _order.Add(name);
        _aliases[name] = target;
        return null;
    }

    /// <summary>Whether the zone holds <paramref name="name"/> (as an alias or with addresses).</summary>
    public bool Contains(string name) =>
        _aliases.ContainsKey(Canonical(name)) || _addresses.ContainsKey(Canonical(name));

    /// <summary>
    /// A recursive server's answer to <paramref name="query"/>: the CNAME chain from the name asked
    /// and the A records at its end; NOERROR with no records (NODATA) for another type of a name
    /// that exists; NXDOMAIN for a name that does not. One question per query only (FORMERR
    /// otherwise), standard queries only (NOTIMP otherwise).
    /// </summary>
    public DnsRepr Answer(in DnsRepr query)
    {
        if (query.Opcode != DnsOpcode.Query) return DnsRepr.Response(query, [], DnsResponseCode.NotImplemented);
        if (query.Questions.Count != 1) return DnsRepr.Response(query, [], DnsResponseCode.FormatError);
        var question = query.Questions[0];
        var answers = new List<DnsRecord>();
        var name = question.Name.TrimEnd('.');
        var owner = question.Name;
        for (int depth = 0; depth < MaxChain && _aliases.TryGetValue(name, out var target); depth++)
        {
            if (question.Type == DnsRecordType.CNAME) break;
            answers.Add(DnsRecord.Cname(owner, TimeToLive, target));
            name = target;
            owner = target;
        }
        if (!_addresses.TryGetValue(name, out var addresses) && !_aliases.ContainsKey(name))
            return DnsRepr.Response(query, answers, DnsResponseCode.NameError);
        if (question.Type == DnsRecordType.CNAME && _aliases.TryGetValue(name, out var alias))
            answers.Add(DnsRecord.Cname(owner, TimeToLive, alias));
        if (question.Type == DnsRecordType.A && addresses != null)
            answers.AddRange(addresses.Select(address => DnsRecord.A(owner, TimeToLive, address)));
        return DnsRepr.Response(query, answers);
    }

    private static string Canonical(string name) => name.Trim().TrimEnd('.');
}
