using System.Text;
using Simulator.Cli.Commands.Iptables.NameServices;
using Simulator.Cli.Commands.Resolver;
using Simulator.Cli.Host;
using Simulator.Cli.Host.Processes;
using Simulator.Core.Addressing;

namespace Simulator.Cli.Commands.Netcat;

/// <summary>
/// netcat-openbsd 1.219-1 (Debian bookworm's <c>nc</c>): TCP or UDP, connecting or listening,
/// copying stdin to the connection and the connection to stdout, in simulated time. Everything
/// before the main loop happens as the command starts — options, ports, the name lookup (through
/// the stub resolver: /etc/hosts, then the namespace's nameservers) — and a failure there ends
/// netcat with its message and status 1.
/// </summary>
public sealed class NetcatCommand : ProcessCommand
{
    public override IReadOnlyList<string> Names { get; } = ["nc", "netcat", "nc.openbsd"];

    protected override SimulatedProcess? Create(Invocation invocation, out int status)
    {
        try
        {
            return Setup(invocation, out status);
        }
        catch (NotModelledException unmodelled)
        {
            invocation.Err.WriteLine($"netsim: nc: {unmodelled.Message}");
            status = 1;
            return null;
        }
    }

    private static NetcatProcess? Setup(Invocation invocation, out int status)
    {
        var err = invocation.Err;
        var options = new NetcatOptionParser(err).Parse(invocation.Args, out status);
        if (options is null) return null;
        status = 1;
        string protocol = options.Udp ? "udp" : "tcp";
        var names = NameService.CreateDefault();
        var resolver = new StubResolver(invocation.Machine, invocation.Context.Namespace, invocation.Namespace);

        if (options.Listen)
        {
            var port = PortList.ListenPort(options.Ports[0], protocol, names);
            if (port is null)
            {
                err.WriteLine("nc: getaddrinfo: Servname not supported for ai_socktype");
                return null;
            }
            var address = Ipv4Address.Any;
            if (options.Host != null)
            {
                var lookup = Lookup(resolver, options, options.Host);
                if (!lookup.Succeeded)
                {
                    err.WriteLine($"nc: getaddrinfo: {lookup.Error.Message()}");
                    return null;
                }
                address = lookup.Addresses[0];
            }
            return new NetcatListener(new NetcatSetup(invocation, options, ReadStdin(invocation, options), resolver, names)
            {
                LocalAddress = address,
                LocalPort = port.Value,
            });
        }

        var ports = PortList.Build(options.Ports, protocol, names, out var portError);
        if (ports is null)
        {
            err.WriteLine(portError);
            return null;
        }
        if (options.RandomPorts) Shuffle(ports, invocation);
        var target = Lookup(resolver, options, options.Host!);
        if (!target.Succeeded)
        {
            err.WriteLine($"nc: getaddrinfo for host \"{options.Host}\" port {ports[0]}: {target.Error.Message()}");
            return null;
        }
        var source = Ipv4Address.Any;
        if (options.SourceAddress != null)
        {
            var lookup = Lookup(resolver, options, options.SourceAddress);
            if (!lookup.Succeeded)
            {
                err.WriteLine($"nc: getaddrinfo: {lookup.Error.Message()}");
                return null;
            }
            source = lookup.Addresses[0];
        }
        ushort sourcePort = 0;
        if (options.SourcePort != null)
        {
            var port = PortList.ListenPort(options.SourcePort, protocol, names);
            if (port is null)
            {
                err.WriteLine("nc: getaddrinfo: Servname not supported for ai_socktype");
                return null;
            }
            sourcePort = port.Value;
        }
        return new NetcatClient(new NetcatSetup(invocation, options, ReadStdin(invocation, options), resolver, names)
        {
            LocalAddress = source,
            LocalPort = sourcePort,
            Host = options.Host!,
            Addresses = target.Addresses,
            Ports = ports,
        });
    }

    /// <summary>
    /// getaddrinfo with AF_INET (AF_INET6 with -6, which only an IPv4 literal gets past: it is
    /// the wrong family) and, with -n, AI_NUMERICHOST.
    /// </summary>
    private static HostLookup Lookup(StubResolver resolver, NetcatOptions options, string host)
    {
        bool numeric = InetAton.TryParse(host, out var address);
        if (options.Ipv6Only)
        {
            if (numeric) return HostLookup.Failed(GaiError.AddressFamily);
            throw new NotModelledException("IPv6 (-6) is not modelled");
        }
        if (host.Contains(':')) throw new NotModelledException($"{host} is an IPv6 address; IPv6 is not modelled");
        if (numeric) return new HostLookup(GaiError.None, host, [address]);
        if (options.Numeric) return HostLookup.Failed(GaiError.NoName);
        var lookup = resolver.LookupHost(host);
        if (lookup.OnlyIpv6) throw new NotModelledException($"{host} has only IPv6 addresses, and IPv6 is not modelled");
        return lookup;
    }

    /// <summary>Stdin as netcat will send it: all of it (it is all there), CRLF line ends with -C, nothing with -d.</summary>
    private static byte[] ReadStdin(Invocation invocation, NetcatOptions options)
    {
        if (options.DetachStdin) return [];
        var text = invocation.Context.Stdin.ReadToEnd();
        if (options.Crlf) text = text.Replace("\n", "\r\n", StringComparison.Ordinal);
        return Encoding.UTF8.GetBytes(text);
    }

    /// <summary>-r: the ports in random order (the simulation's generator, so runs repeat).</summary>
    private static void Shuffle(List<ushort> ports, Invocation invocation)
    {
        var random = invocation.World.Simulation.Random;
        for (int i = ports.Count - 1; i > 0; i--)
        {
            int j = random.Next(i + 1);
            (ports[i], ports[j]) = (ports[j], ports[i]);
        }
    }
}
