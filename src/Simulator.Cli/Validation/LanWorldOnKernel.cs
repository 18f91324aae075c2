using System.Globalization;
using Simulator.Core.Addressing;
using Simulator.Devices.Links;
using Simulator.Devices.Links.Nic;
using Simulator.Devices.Namespaces;

namespace Simulator.Cli.Validation;

/// <summary>
/// Builds on the kernel the LANs a scenario declares (<c># netsim: uplink</c>, <c>lan-host</c>),
/// as the model built them: per LAN a namespace of the run (PREFIX.lanN) holding a bridge "sw"
/// that plays the switch, the host's uplink as a veth whose end in the host namespace has the
/// NIC's name, address, MAC and default route, and per outside machine a namespace
/// (PREFIX.lanN-LABEL) with eth0, its address, MAC and default route (the gateway forwards).
/// The model's own values are copied, so MAC-dependent output (a bridge taking eth0's address)
/// agrees. The uplink is a veth there, not a NIC: <c>ip -d link</c> of it differs.
/// </summary>
internal sealed class LanWorldOnKernel(KernelSide kernel, RealWorld world)
{
    private readonly Dictionary<NetworkNamespace, string> _realNames = [];

    /// <summary>The kernel namespace built for each outside machine's model namespace.</summary>
    public IReadOnlyDictionary<NetworkNamespace, string> RealNames => _realNames;

    /// <summary>Returns null when built, else why not.</summary>
    public string? Build(IReadOnlyList<Lan> lans)
    {
        for (int i = 0; i < lans.Count; i++)
        {
            var lan = lans[i];
            var lanNs = kernel.CreateOwn($"lan{i}", out var error);
            if (lanNs is null) return $"cannot create the LAN's namespace: {error}";
            var bridgeError = Exec(lanNs, "ip", "link", "add", "sw", "type", "bridge") ?? Exec(lanNs, "ip", "link", "set", "sw", "up");
            if (bridgeError != null) return bridgeError;
            int port = 0;
            foreach (var nic in lan.Uplinks)
            {
                if (!nic.Namespace.IsInitial) return $"uplink {nic.Name} is not in the host's namespace";
                if (Cable(lanNs, port++, nic, kernel.Names.Host) is { } cableError) return cableError;
                world.Description.Add($"{lan.Name}: {nic.Name} {Describe(nic)}, cabled to switch sw in {lanNs}");
            }
            foreach (var host in lan.Hosts)
            {
                var hostNs = kernel.CreateOwn($"lan{i}-{host.Label}", out error);
                if (hostNs is null) return $"cannot create {host.Label}'s namespace: {error}";
                _realNames[host.Namespace] = hostNs;
                if (Exec(hostNs, "ip", "link", "set", "lo", "up") is { } loError) return loError;
                if (Cable(lanNs, port++, host.Nic, hostNs) is { } cableError) return cableError;
                if (host.Namespace.Ipv4.IpForward)
                    kernel.WriteSysctls(hostNs, ["net.ipv4.ip_forward=1"]);
                world.Description.Add($"{lan.Name}: {host.Label} {Describe(host.Nic)} in {hostNs}");
            }
        }
        if (lans.Count > 0) kernel.NoteLinkChange();
        return null;
    }

    /// <summary>A veth from switch port swpN to <paramref name="nic"/>'s name in <paramref name="target"/>, configured as the model's NIC.</summary>
    private string? Cable(string lanNs, int port, EthernetNic nic, string target)
    {
        var swp = $"swp{port}";
        var steps = new List<string[]>
        {
            new[] { "ip", "link", "add", swp, "type", "veth", "peer", "name", nic.Name, "netns", target },
            new[] { "ip", "link", "set", swp, "master", "sw" },
            new[] { "ip", "link", "set", swp, "up" },
        };
        foreach (var step in steps)
            if (Exec(lanNs, step) is { } error) return error;
        var inside = new List<string[]>
        {
            new[] { "ip", "link", "set", nic.Name, "address", nic.Address.ToString() },
            new[] { "ip", "link", "set", nic.Name, "up" },
        };
        foreach (var address in nic.Ip?.Addresses ?? [])
        {
            var add = new List<string> { "ip", "addr", "add", $"{address.Local}/{address.PrefixLength}" };
            if (address.Broadcast.IsValid && address.Broadcast.Value != 0) add.AddRange(["broadcast", address.Broadcast.ToString()]);
            add.AddRange(["dev", nic.Name]);
            inside.Add([.. add]);
        }
        foreach (var route in nic.Namespace.Ipv4.Fib.Main.RoutesTo(Ipv4Prefix.Default))
            if (route.Device == nic && route.HasGateway)
                inside.Add(["ip", "route", "add", "default", "via", route.Gateway.ToString(), "dev", nic.Name]);
        foreach (var step in inside)
            if (Exec(target, step) is { } error) return error;
        return null;
    }

    private static string Describe(NetDevice nic) =>
        string.Join(' ', (nic.Ip?.Addresses ?? []).Select(a => string.Create(CultureInfo.InvariantCulture, $"{a.Local}/{a.PrefixLength}"))
            .Append(nic.Address.ToString()));

    private string? Exec(string ns, params string[] argv)
    {
        var result = kernel.Exec(ns, argv);
        if (result is null) return "the run was stopped";
        return result.ExitStatus == 0 ? null : $"{string.Join(' ', argv)} in {ns}: {result.Stderr.Trim()}";
    }
}
