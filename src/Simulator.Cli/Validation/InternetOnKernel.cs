using System.Globalization;
using Simulator.Devices.Ipv4.Routing;
using Simulator.Devices.Namespaces;
using Simulator.Devices.Outside;

namespace Simulator.Cli.Validation;

/// <summary>
/// Builds on the kernel the internet the model put behind the LAN's gateway
/// (<see cref="Internet"/>): the gateway's blackhole default route and DNS server, and per
/// machine a namespace of the run (PREFIX.inetN) with lo up, eth0 with the model's MAC, link
/// address, public address and default route, the gateway's end ispN, both ends' permanent
/// neighbours, the machine's TTL (net.ipv4.ip_default_ttl) and its DNS server
/// (<see cref="KernelDnsResponder"/>). The path's delay is not built: this kernel has no netem,
/// so times on the kernel are those of a veth (scenarios compare them with wildcards).
/// </summary>
internal sealed class InternetOnKernel(KernelSide kernel, RealWorld world)
{
    /// <summary>Returns null when built, else why not.</summary>
    public string? Build(Internet internet, IReadOnlyDictionary<NetworkNamespace, string> realNames)
    {
        if (!realNames.TryGetValue(internet.Gateway.Namespace, out var gateway))
            return $"the gateway {internet.Gateway.Label} was not built on the kernel";
        if (Exec(gateway, "ip", "route", "add", "blackhole", "default") is { } routeError) return routeError;
        if (KernelDnsResponder.Start(kernel, gateway, "0.0.0.0", internet.Zone) is { } dnsError) return dnsError;
        world.Description.Add($"internet: behind {internet.Gateway.Label} ({gateway}), which answers DNS on port 53");
        for (int i = 0; i < internet.Hosts.Count; i++)
        {
            var host = internet.Hosts[i];
            var ns = kernel.CreateOwn($"inet{i}", out var error);
            if (ns is null) return $"cannot create {host.Spec.DisplayLabel}'s namespace: {error}";
            if (BuildHost(host, ns, gateway) is { } hostError) return hostError;
            if (host.Dns != null && KernelDnsResponder.Start(kernel, ns, host.Spec.Address.ToString(), internet.Zone) is { } startError)
                return startError;
            world.Description.Add(string.Create(CultureInfo.InvariantCulture,
                $"internet: {host.Spec.Address} {host.Spec.DisplayLabel} in {ns}, TTL {host.Spec.InitialTtl} - {host.Spec.Hops} hops{(host.Dns != null ? ", DNS" : "")} (no path delay on the kernel)"));
        }
        kernel.NoteLinkChange();
        return null;
    }

    private string? BuildHost(InternetHost host, string ns, string gateway)
    {
        var nic = host.Nic.Name;
        var isp = host.GatewayNic.Name;
        var inHost = new List<string[]>
        {
            new[] { "ip", "link", "set", "lo", "up" },
            new[] { "sysctl", "-q", "-w", $"net.ipv4.ip_default_ttl={host.Spec.PathTtl}" },
        };
        foreach (var step in inHost)
            if (Exec(ns, step) is { } error) return error;
        var steps = new List<(string Ns, string[] Argv)>
        {
            (gateway, ["ip", "link", "add", isp, "type", "veth", "peer", "name", nic, "netns", ns]),
            (gateway, ["ip", "link", "set", isp, "address", host.GatewayNic.Address.ToString()]),
            (gateway, ["ip", "link", "set", isp, "up"]),
            (gateway, ["ip", "addr", "add", Cidr(host.GatewayLinkAddress), "broadcast", Broadcast(host.GatewayLinkAddress), "dev", isp]),
            (gateway, ["ip", "route", "add", $"{host.Spec.Address}/32", "via", host.LinkAddress.Address.ToString()]),
            (gateway, ["ip", "neigh", "replace", host.LinkAddress.Address.ToString(), "lladdr", host.Nic.Address.ToString(), "nud", "permanent", "dev", isp]),
            (ns, ["ip", "link", "set", nic, "address", host.Nic.Address.ToString()]),
            (ns, ["ip", "link", "set", nic, "up"]),
            (ns, ["ip", "addr", "add", Cidr(host.LinkAddress), "broadcast", Broadcast(host.LinkAddress), "dev", nic]),
            (ns, ["ip", "addr", "add", $"{host.Spec.Address}/32", "dev", nic]),
            (ns, ["ip", "route", "add", "default", "via", host.GatewayLinkAddress.Address.ToString()]),
            (ns, ["ip", "neigh", "replace", host.GatewayLinkAddress.Address.ToString(), "lladdr", host.GatewayNic.Address.ToString(), "nud", "permanent", "dev", nic]),
        };
        foreach (var (where, argv) in steps)
            if (Exec(where, argv) is { } error) return error;
        return null;
    }

    private static string Cidr(Simulator.Core.Addressing.Ipv4InterfaceAddress address) =>
        string.Create(CultureInfo.InvariantCulture, $"{address.Address}/{address.PrefixLength}");

    private static string Broadcast(Simulator.Core.Addressing.Ipv4InterfaceAddress address) =>
        new Simulator.Core.Addressing.Ipv4Address(address.Address.Value | ~address.Mask.Value).ToString();

    private string? Exec(string ns, params string[] argv)
    {
        var result = kernel.Exec(ns, argv);
        if (result is null) return "the run was stopped";
        return result.ExitStatus == 0 ? null : $"{string.Join(' ', argv)} in {ns}: {result.Stderr.Trim()}";
    }
}
