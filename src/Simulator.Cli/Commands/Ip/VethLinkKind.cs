using Simulator.Cli.Host;
using Simulator.Core.Addressing;
using Simulator.Devices;
using Simulator.Devices.Links;
using Simulator.Devices.Namespaces;

namespace Simulator.Cli.Commands.Ip;

/// <summary>
/// <c>ip link add [NAME] … type veth [peer [name] PEER [address MAC] [mtu N] [netns NS]]</c>
/// (iplink_veth.c with drivers/net/veth.c's veth_newlink).
/// </summary>
public sealed class VethLinkKind : ILinkKind
{
    public string Kind => "veth";

    /// <summary>
    /// veth_newlink registers the peer first, so the peer gets the lower ifindex and, when both
    /// names are left to the kernel, veth0 is the peer and veth1 the device (measured). The peer
    /// goes to the caller's namespace unless its own options say "netns".
    /// </summary>
    public int Create(LinkAddRequest request, IReadOnlyList<string> kindArguments, Invocation invocation)
    {
        var source = request.SourceNamespace ?? request.Namespace;
        var peerRequest = ParsePeer(kindArguments, invocation, source);
        var world = invocation.World;

        foreach (var given in new[] { peerRequest.Name, request.Name })
            if (given != null && LinkOptionParser.CheckName(given) is { } invalid) return Fail(invocation, invalid);
        if (peerRequest.Name != null && peerRequest.Namespace.FindDevice(peerRequest.Name) != null) return Fail(invocation, new NetlinkError(Errno.EEXIST));
        if (request.Name != null && (request.Namespace.FindDevice(request.Name) != null ||
                                     (request.Namespace == peerRequest.Namespace && request.Name == peerRequest.Name)))
            return Fail(invocation, new NetlinkError(Errno.EEXIST));
        foreach (var mac in new[] { peerRequest.Address, request.Address })
            if (mac.IsValid && (!mac.IsUnicast || mac == MacAddress.Zero)) return Fail(invocation, new NetlinkError(Errno.EADDRNOTAVAIL));

        var peerName = peerRequest.Name ?? peerRequest.Namespace.AllocateName("veth%d");
        var peer = new VethDevice(world, peerName, peerRequest.Address.IsValid ? peerRequest.Address : world.RandomMac());
        // The device's own name is allocated after the peer took its one (dev_alloc_name at register time).
        var name = request.Name ?? FirstFreeName(request.Namespace, request.Namespace == peerRequest.Namespace ? peerName : null);
        var device = new VethDevice(world, name, request.Address.IsValid ? request.Address : world.RandomMac());
        var error = Configure(peer, peerRequest) ?? Configure(device, request);
        if (error != null) return Fail(invocation, error);
        VethDevice.Pair(device, peer);
        peerRequest.Namespace.Add(peer);
        request.Namespace.Add(device);
        if (request.Up) device.SetUp();
        return 0;
    }

    private static string FirstFreeName(NetworkNamespace ns, string? taken)
    {
        for (int i = 0; ; i++)
        {
            var candidate = $"veth{i}";
            if (candidate != taken && ns.FindDevice(candidate) is null) return candidate;
        }
    }

    private static NetlinkError? Configure(VethDevice device, LinkAddRequest request)
    {
        if (request.Mtu is { } mtu && device.ChangeMtu(mtu) is { } error) return error;
        if (request.TxQueueLength is { } length) device.TxQueueLength = length;
        return null;
    }

    /// <summary>veth_parse_opt: nothing, or "peer" followed by the common link options of the peer.</summary>
    private static LinkAddRequest ParsePeer(IReadOnlyList<string> arguments, Invocation invocation, NetworkNamespace source)
    {
        if (arguments.Count == 0) return new LinkAddRequest { Namespace = source };
        if (arguments[0] != "peer")
            throw new IpUsageError("Usage: ip link <options> type veth [peer <options>]\nTo get <options> type 'ip link add help'");
        var parsed = LinkOptionParser.Parse(new IpArguments(arguments.Skip(1).ToList()), invocation, source);
        if (parsed.Kind != null) throw IpUsageError.Garbage("dev", "type");
        return parsed.Request;
    }

    /// <summary>veth has no changelink: the kernel answers EOPNOTSUPP to options after "type veth".</summary>
    public int Change(NetDevice device, IReadOnlyList<string> kindArguments, Invocation invocation) =>
        kindArguments.Count == 0 ? 0 : Fail(invocation, new NetlinkError(Errno.ENOTSUP));

    /// <summary>veth reports no attributes of its own: just the kind.</summary>
    public string? Details(NetDevice device) => device is VethDevice ? "veth " : null;

    private static int Fail(Invocation invocation, NetlinkError error)
    {
        invocation.Err.WriteLine(error.ToString());
        return 2;
    }
}
