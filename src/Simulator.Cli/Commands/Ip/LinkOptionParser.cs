using System.Globalization;
using Simulator.Cli.Host;
using Simulator.Core.Addressing;
using Simulator.Devices;
using Simulator.Devices.Namespaces;

namespace Simulator.Cli.Commands.Ip;

/// <summary>
/// The common part of iproute2's iplink_parse for <c>ip link add</c> and for a second device's
/// options (veth's "peer …"): name, address, mtu, txqueuelen, netns, link, up — until "type".
/// </summary>
public static class LinkOptionParser
{
    /// <summary>IFNAMSIZ - 1: the longest name the kernel's netlink policy lets through.</summary>
    public const int MaxNameLength = 15;

    public sealed record Parsed(LinkAddRequest Request, string? Kind, IReadOnlyList<string> KindArguments);

    /// <param name="ns">The namespace the device goes to unless "netns" says otherwise.</param>
    public static Parsed Parse(IpArguments args, Invocation invocation, NetworkNamespace ns)
    {
        string? name = null, kind = null;
        IReadOnlyList<string> kindArguments = [];
        var address = default(MacAddress);
        int? mtu = null, txqueuelen = null;
        NetworkNamespace target = ns;
        string? link = null;
        bool up = false;
        while (args.HasMore)
        {
            var word = args.Next();
            switch (word)
            {
                case "up": up = true; break;
                case "name": name = args.Value(); break;
                case "address": address = ParseMac(args.Value()); break;
                case "mtu": mtu = ParseNumber(args.Value(), "mtu"); break;
                case "txqueuelen" or "qlen" or "txqlen": txqueuelen = ParseNumber(args.Value(), "txqueuelen"); break;
                case "netns": target = ResolveNetns(args.Value(), invocation.World); break;
                case "link": link = args.Value(); break;
                case "type":
                    kind = args.Value();
                    kindArguments = args.Rest();
                    break;
                case "down": break;
                default:
                    if (word is "broadcast" or "brd" or "group" or "numtxqueues" or "numrxqueues" or "alias" or "gso_max_size"
                        or "gso_max_segs" or "vf" or "master" or "nomaster" or "protodown" or "addrgenmode" or "index")
                        throw IpUsageError.NotModelled($"ip link add … {word}");
                    if (word == "dev") word = args.Value();
                    if (name != null) throw IpUsageError.Garbage("dev", word);
                    name = word;
                    break;
            }
        }
        var linked = link is null ? null : ns.FindDevice(link) ?? throw IpUsageError.NoDevice(link);
        var request = new LinkAddRequest
        {
            Name = name,
            Address = address,
            Mtu = mtu,
            TxQueueLength = txqueuelen,
            Namespace = target,
            SourceNamespace = ns,
            Link = linked,
            Up = up,
        };
        return new Parsed(request, kind, kindArguments);
    }

    /// <summary>
    /// The namespace a "netns" argument names: a name under /run/netns, or a process id. Only
    /// pid 1 (the initial namespace) is known, as the model runs no processes.
    /// </summary>
    public static NetworkNamespace ResolveNetns(string text, World world)
    {
        var named = world.FindNamespace(text);
        if (named != null) return named;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int pid))
        {
            if (pid == 1) return world.InitialNamespace;
            throw IpUsageError.NotModelled($"netns {text} (a process id other than 1)");
        }
        throw IpUsageError.InvalidArgument("Invalid \"netns\" value\n", text);
    }

    /// <summary>ll_addr_a2n: six colon-separated hex octets, else <c>"X" is invalid lladdr.</c> (status 1).</summary>
    public static MacAddress ParseMac(string text) =>
        MacAddress.TryParse(text, out var mac) ? mac : throw new IpUsageError($"\"{text}\" is invalid lladdr.", IpUsageError.Failure);

    public static int ParseNumber(string text, string keyword) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value)
            ? value
            : throw IpUsageError.InvalidArgument($"Invalid \"{keyword}\" value\n", text);

    /// <summary>
    /// The kernel's checks on a new device name: longer than IFNAMSIZ-1 fails the netlink policy;
    /// dev_valid_name refuses ".", "..", '/', ':' and blanks.
    /// </summary>
    public static NetlinkError? CheckName(string name)
    {
        if (name.Length > MaxNameLength) return new NetlinkError(Errno.EINVAL, "Attribute failed policy validation");
        if (name.Length == 0 || name is "." or ".." || name.Any(c => c is '/' or ':' || char.IsWhiteSpace(c)))
            return new NetlinkError(Errno.EINVAL);
        return null;
    }
}
