using Simulator.Cli.Host;
using Simulator.Core.Addressing;
using Simulator.Core.Wire;
using Simulator.Devices.Namespaces;

namespace Simulator.Cli.Commands.Resolver;

/// <summary>
/// The name lookups a program linked with glibc makes, with "hosts: files dns": /etc/hosts first,
/// then the nameservers of /etc/resolv.conf, both read as the program's namespace sees them
/// (<c>ip netns exec</c> puts /etc/netns/NS/X over /etc/X). Queries travel as real UDP datagrams
/// through the namespace's stack and take simulated time.
/// </summary>
public sealed class StubResolver
{
    private readonly Machine _machine;
    private readonly string? _namespaceName;
    private readonly NetworkNamespace _namespace;
    private ResolvConf? _conf;
    private HostsFile? _hosts;
    private DnsTransport? _transport;

    public StubResolver(Machine machine, string? namespaceName, NetworkNamespace ns)
    {
        _machine = machine;
        _namespaceName = namespaceName;
        _namespace = ns;
    }

    /// <summary>/etc/resolv.conf, read on first use as res_init does.</summary>
    public ResolvConf Conf => _conf ??= ResolvConf.Parse(ReadEtc("/etc/resolv.conf"));

    private HostsFile Hosts => _hosts ??= HostsFile.Parse(ReadEtc("/etc/hosts"));

    private DnsTransport Transport => _transport ??= new DnsTransport(_machine, _namespace, Conf);

    private string? ReadEtc(string path) => _machine.ReadFile(_namespaceName, path, out _);

    /// <summary>
    /// getaddrinfo(name, AF_UNSPEC, AI_CANONNAME): a numbers-and-dots name is its own address;
    /// else /etc/hosts, else DNS with the search list (res_nsearch), asking A and AAAA together.
    /// </summary>
    public HostLookup LookupHost(string name)
    {
        if (InetAton.TryParse(name, out var numeric)) return new HostLookup(GaiError.None, name, [numeric]);
        if (name.Length == 0) return HostLookup.Failed(GaiError.NoName);
        if (Hosts.TryLookup(name, out var canonical, out var addresses))
            return new HostLookup(GaiError.None, canonical, addresses);
        return SearchDns(name);
    }

    /// <summary>
    /// res_nsearch: a name with at least ndots dots (or a final dot) is tried as it is first; then
    /// with each search domain; then as it is, if not yet tried. NXDOMAIN and NODATA move on to
    /// the next candidate; servers that do not answer end the search.
    /// </summary>
    private HostLookup SearchDns(string name)
    {
        bool rooted = name.EndsWith('.');
        var bare = name.TrimEnd('.');
        int dots = bare.Count(c => c == '.');
        var candidates = new List<string>();
        if (rooted || dots >= Conf.Ndots) candidates.Add(bare);
        if (!rooted) candidates.AddRange(Conf.Search.Select(domain => $"{bare}.{domain}"));
        if (!candidates.Contains(bare)) candidates.Add(bare);

        bool noData = false, serverFailure = false, onlyIpv6 = false;
        foreach (var candidate in candidates)
        {
            var exchange = Transport.Send([new DnsQuestion(candidate, DnsRecordType.A), new DnsQuestion(candidate, DnsRecordType.AAAA)]);
            if (exchange.Outcome == DnsOutcome.ServerFailure)
            {
                serverFailure = true;
                continue;
            }
            if (exchange.Outcome == DnsOutcome.NoAnswer) return HostLookup.Failed(GaiError.Again);
            var (a, aaaa) = (exchange.Answers[0], exchange.Answers[1]);
            if (a.ResponseCode == DnsResponseCode.NameError && aaaa.ResponseCode == DnsResponseCode.NameError) continue;
            var chain = FollowChain(candidate, a.Answers, DnsRecordType.A);
            if (chain.Records.Count > 0)
                return new HostLookup(GaiError.None, chain.Owner, chain.Records.Select(r => r.Address).ToList());
            if (FollowChain(candidate, aaaa.Answers, DnsRecordType.AAAA).Records.Count > 0) onlyIpv6 = true;
            noData = true;
        }
        if (onlyIpv6) return new HostLookup(GaiError.None, name, [], OnlyIpv6: true);
        return HostLookup.Failed(noData ? GaiError.NoData : serverFailure ? GaiError.Again : GaiError.NoName);
    }

    /// <summary>
    /// getnameinfo without NI_NAMEREQD: the name /etc/hosts or a PTR record gives the address, or
    /// null when neither does (the caller prints the number).
    /// </summary>
    public string? LookupAddress(Ipv4Address address)
    {
        var fromFile = Hosts.ReverseLookup(address);
        if (fromFile != null) return fromFile;
        var v = address.Value;
        var reverse = $"{v & 0xFF}.{(v >> 8) & 0xFF}.{(v >> 16) & 0xFF}.{v >> 24}.in-addr.arpa";
        var exchange = Transport.Send([new DnsQuestion(reverse, DnsRecordType.PTR)]);
        if (exchange.Outcome != DnsOutcome.Answered || exchange.Answers[0].ResponseCode != DnsResponseCode.NoError) return null;
        var chain = FollowChain(reverse, exchange.Answers[0].Answers, DnsRecordType.PTR);
        return chain.Records.Count > 0 ? chain.Records[0].Target?.TrimEnd('.') : null;
    }

    /// <summary>
    /// getanswer_r: from the name asked, follow CNAME records to the owner of the records of
    /// <paramref name="type"/>; that owner is the canonical name.
    /// </summary>
    private static (string Owner, List<DnsRecord> Records) FollowChain(string name, IReadOnlyList<DnsRecord> answers,
        DnsRecordType type)
    {
        var owner = name;
        var records = new List<DnsRecord>();
        foreach (var record in answers)
        {
            if (!string.Equals(record.Name.TrimEnd('.'), owner, StringComparison.OrdinalIgnoreCase)) continue;
            if (record.Type == DnsRecordType.CNAME && records.Count == 0 && record.Target != null)
                owner = record.Target.TrimEnd('.');
            else if (record.Type == type)
                records.Add(record);
        }
        return (owner, records);
    }
}
