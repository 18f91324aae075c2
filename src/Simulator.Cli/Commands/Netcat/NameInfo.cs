using Simulator.Cli.Commands.Resolver;
using Simulator.Cli.Host;
using Simulator.Core.Addressing;
using Simulator.Core.Wire;
using Simulator.Devices.Namespaces;

namespace Simulator.Cli.Commands.Netcat;

/// <summary>
/// glibc's getnameinfo without NI_NAMEREQD, as netcat's report_sock calls it: /etc/hosts, then a
/// PTR query to the nameservers. A name that does not exist gives the number; nameservers that
/// do not answer give EAI_AGAIN — netcat then says <c>nc: getnameinfo: Temporary failure in name
/// resolution</c> instead of its line (measured in a namespace whose resolver is unreachable).
/// </summary>
internal sealed class NameInfo(Machine machine, string? namespaceName, NetworkNamespace ns, StubResolver resolver)
{
    private HostsFile? _hosts;

    public GaiError Lookup(Ipv4Address address, out string host)
    {
        host = address.ToString();
        _hosts ??= HostsFile.Parse(machine.ReadFile(namespaceName, "/etc/hosts", out _));
        if (_hosts.ReverseLookup(address) is { } known)
        {
            host = known;
            return GaiError.None;
        }
        var v = address.Value;
        var reverse = $"{v & 0xFF}.{(v >> 8) & 0xFF}.{(v >> 16) & 0xFF}.{v >> 24}.in-addr.arpa";
        var exchange = new DnsTransport(machine, ns, resolver.Conf).Send([new DnsQuestion(reverse, DnsRecordType.PTR)]);
        if (exchange.Outcome != DnsOutcome.Answered) return GaiError.Again;
        var answer = exchange.Answers[0];
        foreach (var record in answer.Answers)
        {
            if (record.Type == DnsRecordType.PTR && record.Target != null)
            {
                host = record.Target.TrimEnd('.');
                return GaiError.None;
            }
        }
        return GaiError.None;
    }
}
