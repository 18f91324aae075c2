using Simulator.Cli.Commands.Iptables.NameServices;
using Simulator.Cli.Commands.Resolver;
using Simulator.Core.Addressing;
using Simulator.Devices;

namespace Simulator.Cli.Commands.Netcat;

/// <summary>
/// What netcat-openbsd tells on stderr (with -v), worded as 1.219-1 words it:
/// <c>Listening on 0.0.0.0 9000</c>, <c>Connection received on 10.0.0.1 45678</c>,
/// <c>Connection to 10.0.0.2 9000 port [tcp/*] succeeded!</c>,
/// <c>nc: connect to 10.0.0.2 port 9000 (tcp) failed: Connection refused</c>.
/// Addresses are looked up (/etc/hosts, then DNS) unless -n.
/// </summary>
internal sealed class NetcatReport(TextWriter stderr, NetcatOptions options, NameInfo nameInfo, NameService names)
{
    private string Protocol => options.Udp ? "udp" : "tcp";

    /// <summary>
    /// report_sock: "MESSAGE on HOST PORT" (Listening, Bound, Connection received); a lookup that
    /// fails for want of a nameserver prints its error instead, and netcat goes on.
    /// </summary>
    public void Socket(string message, Ipv4Address address, ushort port)
    {
        var host = address.ToString();
        if (!options.Numeric)
        {
            var error = nameInfo.Lookup(address, out host);
            if (error != GaiError.None)
            {
                stderr.WriteLine($"nc: getnameinfo: {error.Message()}");
                return;
            }
        }
        stderr.WriteLine($"{message} on {host} {port}");
    }

    /// <summary>The host as given, and its address in parentheses when they differ (and not -n).</summary>
    private string Host(string host, Ipv4Address address) =>
        options.Numeric || host == address.ToString() ? host : $"{host} ({address})";

    public void Succeeded(string host, Ipv4Address address, ushort port)
    {
        var service = options.Numeric ? null : names.ServiceName(port, Protocol);
        stderr.WriteLine($"Connection to {Host(host, address)} {port} port [{Protocol}/{service ?? "*"}] succeeded!");
    }

    public void ConnectFailed(string host, Ipv4Address address, ushort port, Errno error) =>
        stderr.WriteLine($"nc: connect to {Host(host, address)} port {port} ({Protocol}) failed: {error.Message()}");

    /// <summary>-w ran out while connecting: the message ends with the errno of the unfinished connect.</summary>
    public void ConnectTimedOut(string host, Ipv4Address address, ushort port) =>
        stderr.WriteLine(
            $"nc: connect to {Host(host, address)} port {port} ({Protocol}) timed out: {Errno.EINPROGRESS.Message()}");
}
