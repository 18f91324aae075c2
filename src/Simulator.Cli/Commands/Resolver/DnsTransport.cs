using Simulator.Cli.Host;
using Simulator.Core.Addressing;
using Simulator.Core.Engine;
using Simulator.Core.Tracing;
using Simulator.Core.Wire;
using Simulator.Devices.Ipv4.Sockets;
using Simulator.Devices.Namespaces;

namespace Simulator.Cli.Commands.Resolver;

/// <summary>
/// glibc's res_send over UDP (resolv/res_send.c, send_dg), waiting in simulated time. Each try
/// goes through the nameservers in order; each server gets its questions back to back on one
/// connected socket (A and AAAA together, as getaddrinfo asks them) and is waited for
/// <c>timeout &lt;&lt; index / count</c> seconds. A socket error (port unreachable, an ICMP error
/// reported through IP_RECVERR, which glibc turns on) ends the server's turn at once and closes
/// the sockets; a timeout keeps them for the next try.
/// </summary>
public sealed class DnsTransport(Machine machine, NetworkNamespace ns, ResolvConf conf)
{
    public const ushort DnsPort = 53;

    private int _rotateOffset;

    /// <summary>Sends <paramref name="questions"/> (one or two) and waits for the answers.</summary>
    public DnsExchange Send(IReadOnlyList<DnsQuestion> questions)
    {
        if (conf.Unmodelled.Count > 0)
            throw new NotModelledException($"/etc/resolv.conf asks for {string.Join(", ", conf.Unmodelled)}, which NetSim does not model");
        var random = ns.World.Simulation.Random;
        var queries = questions.Select(q => DnsRepr.Query((ushort)random.Next(65536), q.Name, q.Type)).ToList();
        int count = conf.Nameservers.Count;
        var sockets = new UdpSocket?[count];
        int offset = conf.Rotate ? _rotateOffset++ % count : 0;
        bool serverFailure = false;
        try
        {
            for (int attempt = 0; attempt < conf.Attempts; attempt++)
            {
                for (int shift = 0; shift < count; shift++)
                {
                    int index = (shift + offset) % count;
                    var (outcome, answers) = Ask(sockets, index, queries);
                    if (outcome == DnsOutcome.Answered) return new DnsExchange(DnsOutcome.Answered, answers);
                    if (outcome == DnsOutcome.ServerFailure) serverFailure = true;
                }
            }
        }
        finally
        {
            CloseAll(sockets);
        }
        return DnsExchange.Failed(serverFailure ? DnsOutcome.ServerFailure : DnsOutcome.NoAnswer);
    }

    /// <summary>send_dg: one server's turn.</summary>
    private (DnsOutcome, IReadOnlyList<DnsRepr>) Ask(UdpSocket?[] sockets, int index, List<DnsRepr> queries)
    {
        int seconds = conf.Timeout << index;
        if (index > 0) seconds /= conf.Nameservers.Count;
        if (seconds <= 0) seconds = 1;

        var socket = sockets[index];
        if (socket is null)
        {
            socket = ns.Ipv4.Sockets.OpenUdp();
            if (socket.Connect(conf.Nameservers[index], DnsPort) != null)
            {
                socket.Close();
                CloseAll(sockets);
                return (DnsOutcome.NoAnswer, []);
            }
            sockets[index] = socket;
        }
        foreach (var query in queries)
        {
            var bytes = new byte[query.BufferLength];
            query.Emit(bytes);
            if (socket.Send(bytes) != null)
            {
                CloseAll(sockets);
                return (DnsOutcome.NoAnswer, []);
            }
        }

        var answers = new DnsRepr?[queries.Count];
        bool failed = false;
        long deadline = machine.Simulation.Now + seconds * Simulation.Second;
        while (true)
        {
            while (socket.Received.TryDequeue(out var datagram))
            {
                if (DnsRepr.TryParse(datagram.Data, out var response) != DropReason.None || !response.IsResponse) continue;
                int which = queries.FindIndex(q => q.Id == response.Id && SameQuestion(q, response));
                if (which < 0 || answers[which] != null) continue;
                answers[which] = response;
                if (response.ResponseCode is DnsResponseCode.ServerFailure or DnsResponseCode.NotImplemented
                    or DnsResponseCode.Refused)
                    failed = true;
            }
            if (answers.All(a => a != null))
                return failed ? (DnsOutcome.ServerFailure, []) : (DnsOutcome.Answered, answers.Select(a => a!.Value).ToList());
            if (socket.TakeError() != null)
            {
                // recvfrom reports the ICMP error queued on the socket; glibc gives up on this server.
                CloseAll(sockets);
                return (DnsOutcome.NoAnswer, []);
            }
            if (machine.Simulation.Now >= deadline) return (DnsOutcome.NoAnswer, []);
            var waiting = socket;
            machine.Advance(deadline, () => waiting.Received.Count > 0 || waiting.PendingError != null);
            if (machine.Simulation.Now < deadline) machine.Advance(machine.Simulation.Now);
        }
    }

    /// <summary>res_queriesmatch: an answer must repeat the question it answers.</summary>
    private static bool SameQuestion(in DnsRepr query, in DnsRepr response) =>
        response.Questions.Count == 1 && query.Questions.Count == 1
        && string.Equals(response.Questions[0].Name, query.Questions[0].Name, StringComparison.OrdinalIgnoreCase)
        && response.Questions[0].Type == query.Questions[0].Type;

    /// <summary>__res_iclose: every nameserver socket goes.</summary>
    private static void CloseAll(UdpSocket?[] sockets)
    {
        for (int i = 0; i < sockets.Length; i++)
        {
            sockets[i]?.Close();
            sockets[i] = null;
        }
    }
}
