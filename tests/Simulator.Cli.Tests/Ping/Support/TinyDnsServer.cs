using Simulator.Core.Addressing;
using Simulator.Core.Tracing;
using Simulator.Core.Wire;
using Simulator.Devices.Ipv4.Sockets;
using Simulator.Devices.Namespaces;

namespace Simulator.Cli.Tests.Ping.Support;

/// <summary>How the test server treats a question.</summary>
internal enum DnsServerMode
{
    /// <summary>Answers from its records: NXDOMAIN for unknown names, NOERROR without data for <see cref="TinyDnsServer.NoDataNames"/>.</summary>
    Normal,
    ServerFailure,
    /// <summary>Reads the question and never answers.</summary>
    Silent,
}

/// <summary>
/// A recursive resolver as small as a test needs (the scripts of <c>dns.py</c> used to measure
/// glibc did the same): a UDP socket on port 53 in its namespace that answers A, AAAA and PTR
/// questions from a few records, following CNAMEs as a recursive server includes them.
/// </summary>
internal sealed class TinyDnsServer
{
    private readonly UdpSocket _socket;
    private readonly NetworkNamespace _ns;

    public TinyDnsServer(NetworkNamespace ns, Ipv4Address address, DnsServerMode mode = DnsServerMode.Normal)
    {
        _ns = ns;
        Mode = mode;
        _socket = ns.Ipv4.Sockets.OpenUdp();
        Assert.That(_socket.Bind(address, 53), Is.Null);
        _socket.DataReady = Answer;
    }

    public DnsServerMode Mode { get; set; }
    public Dictionary<string, Ipv4Address> A { get; } = new(StringComparer.OrdinalIgnoreCase);
    public Dictionary<string, string> Cname { get; } = new(StringComparer.OrdinalIgnoreCase);
    public Dictionary<Ipv4Address, string> Ptr { get; } = [];
    public HashSet<string> NoDataNames { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Every question received: the time, the client's port, the name and the type.</summary>
    public List<(long Time, ushort Port, string Name, DnsRecordType Type)> Questions { get; } = [];

    private void Answer(UdpSocket socket)
    {
        while (socket.Received.TryDequeue(out var datagram))
        {
            if (DnsRepr.TryParse(datagram.Data, out var query) != DropReason.None || query.Questions.Count != 1) continue;
            var question = query.Questions[0];
            Questions.Add((_ns.World.Simulation.Now, datagram.SourcePort, question.Name, question.Type));
            if (Mode == DnsServerMode.Silent) continue;
            var response = Mode == DnsServerMode.ServerFailure
                ? DnsRepr.Response(query, [], DnsResponseCode.ServerFailure)
                : Resolve(query, question);
            var bytes = new byte[response.BufferLength];
            response.Emit(bytes);
            socket.SendTo(datagram.Source, datagram.SourcePort, bytes);
        }
    }

    private DnsRepr Resolve(in DnsRepr query, DnsQuestion question)
    {
        var answers = new List<DnsRecord>();
        if (question.Type == DnsRecordType.PTR)
        {
            var match = Ptr.FirstOrDefault(p => ReverseName(p.Key) == question.Name);
            if (match.Value is null) return DnsRepr.Response(query, [], DnsResponseCode.NameError);
            answers.Add(new DnsRecord(question.Name, DnsRecordType.PTR, DnsClass.Internet, 60) { Target = match.Value });
            return DnsRepr.Response(query, answers);
        }
        var name = question.Name;
        while (Cname.TryGetValue(name, out var target))
        {
            answers.Add(DnsRecord.Cname(name, 60, target));
            name = target;
        }
        if (A.TryGetValue(name, out var address))
        {
            if (question.Type == DnsRecordType.A) answers.Add(DnsRecord.A(name, 60, address));
            return DnsRepr.Response(query, answers);
        }
        if (answers.Count > 0 || NoDataNames.Contains(name)) return DnsRepr.Response(query, answers);
        return DnsRepr.Response(query, [], DnsResponseCode.NameError);
    }

    private static string ReverseName(Ipv4Address address)
    {
        var v = address.Value;
        return $"{v & 0xFF}.{(v >> 8) & 0xFF}.{(v >> 16) & 0xFF}.{v >> 24}.in-addr.arpa";
    }
}
