using Simulator.Devices;
using Simulator.Devices.Links;
using Simulator.Devices.Namespaces;

namespace Simulator.Cli.Commands.Ip;

/// <summary><c>ip link add|delete|set|show</c> (iproute2's iplink.c and the kernel's rtnl_newlink/do_setlink).</summary>
public static class IpLinkCommand
{
    public static int Run(IpContext ip, IpArguments args)
    {
        if (!args.HasMore) return Show(ip, args);
        var command = args.Next();
        if (IpArguments.Matches(command, "add")) return Add(ip, args);
        if (IpArguments.Matches(command, "set") || IpArguments.Matches(command, "change")) return Set(ip, args);
        if (IpArguments.Matches(command, "replace")) throw IpUsageError.NotModelled("ip link replace");
        if (IpArguments.Matches(command, "delete")) return Delete(ip, args);
        if (IpArguments.Matches(command, "show") || IpArguments.Matches(command, "lst") || IpArguments.Matches(command, "list"))
            return Show(ip, args);
        if (IpArguments.Matches(command, "help")) throw IpUsageError.NotModelled("ip link help");
        throw new IpUsageError($"Command \"{command}\" is unknown, try \"ip link help\".");
    }

    // ----- add -----

    private static int Add(IpContext ip, IpArguments args)
    {
        var parsed = LinkOptionParser.Parse(args, ip.Invocation, ip.Namespace);
        if (parsed.Kind is null)
            throw new IpUsageError("Not enough information: \"type\" argument is required", IpUsageError.Failure);
        var kind = LinkKindCatalog.Find(parsed.Kind);
        if (kind is null)
        {
            if (LinkKindCatalog.KnownToLinux.Contains(parsed.Kind)) throw IpUsageError.NotModelled($"ip link add type {parsed.Kind}");
            // rtnl_newlink finds no rtnl_link_ops for the kind and no module to load.
            return ip.Fail(new NetlinkError(Errno.ENOTSUP, "Unknown device type"));
        }
        return kind.Create(parsed.Request, parsed.KindArguments, ip.Invocation);
    }

    // ----- delete -----

    /// <summary>rtnl_dellink: devices without dellink (lo) refuse; a veth takes its peer along.</summary>
    private static int Delete(IpContext ip, IpArguments args)
    {
        string? name = null;
        while (args.HasMore)
        {
            var word = args.Next();
            if (word == "type") { args.Rest(); break; }
            if (word == "dev") word = args.Value();
            if (name != null) throw IpUsageError.Garbage("dev", word);
            name = word;
        }
        if (name is null) throw new IpUsageError("Not enough information: \"dev\" argument is required.");
        var device = ip.Device(name);
        if (device is LoopbackDevice) return ip.Fail(new NetlinkError(Errno.ENOTSUP));
        if (device.Master is IMasterDevice master && master.DeleteSlave(device) is { } error) return ip.Fail(error);
        ip.World.DeleteDevice(device);
        return 0;
    }

    // ----- set -----

    private sealed class Changes
    {
        public string? Device, Name, Master, Kind;
        public bool? Up, Promisc, Arp;
        public bool NoMaster;
        public Core.Addressing.MacAddress Address;
        public int? Mtu, TxQueueLength;
        public NetworkNamespace? Netns;
        public IReadOnlyList<string> KindArguments = [];
    }

    private static int Set(IpContext ip, IpArguments args)
    {
        var changes = ParseSet(ip, args);
        if (changes.Device is null) throw new IpUsageError("Not enough information: \"dev\" argument is required.");
        var device = ip.Device(changes.Device);
        NetDevice? master = null;
        if (changes.Master != null)
            master = ip.Namespace.FindDevice(changes.Master) ?? throw IpUsageError.InvalidArgument("Device does not exist\n", changes.Master);
        return Apply(ip, device, changes, master);
    }

    private static Changes ParseSet(IpContext ip, IpArguments args)
    {
        var changes = new Changes();
        while (args.HasMore)
        {
            var word = args.Next();
            switch (word)
            {
                case "up": changes.Up = true; break;
                case "down": changes.Up = false; break;
                case "name": changes.Name = args.Value(); break;
                case "address": changes.Address = LinkOptionParser.ParseMac(args.Value()); break;
                case "mtu": changes.Mtu = LinkOptionParser.ParseNumber(args.Value(), "mtu"); break;
                case "txqueuelen" or "qlen" or "txqlen": changes.TxQueueLength = LinkOptionParser.ParseNumber(args.Value(), "txqueuelen"); break;
                case "netns": changes.Netns = LinkOptionParser.ResolveNetns(args.Value(), ip.World); break;
                case "master": changes.Master = args.Value(); break;
                case "nomaster": changes.NoMaster = true; break;
                case "promisc": changes.Promisc = args.OnOff("promisc"); break;
                case "arp": changes.Arp = args.OnOff("arp"); break;
                case "type":
                    changes.Kind = args.Value();
                    changes.KindArguments = args.Rest();
                    break;
                case "multicast" or "allmulticast" or "dynamic" or "trailers" or "carrier" or "broadcast" or "brd" or "peer"
                    or "alias" or "group" or "vf" or "xdp" or "protodown" or "protodown_reason" or "addrgenmode" or "link-netns"
                    or "link-netnsid" or "gso_max_size" or "gso_max_segs" or "numtxqueues" or "numrxqueues" or "alternative"
                    or "netdev" or "vrf" or "mode" or "state":
                    throw IpUsageError.NotModelled($"ip link set … {word}");
                default:
                    if (word == "dev") word = args.Value();
                    if (changes.Device != null) throw IpUsageError.Garbage("dev", word);
                    changes.Device = word;
                    break;
            }
        }
        return changes;
    }

    /// <summary>
    /// do_setlink's order: the namespace move first (taking the new name with it, as
    /// __dev_change_net_namespace does with the name pattern), then address, MTU, name, flags,
    /// master, txqueuelen. A failing step leaves the earlier ones done, as in the kernel.
    /// </summary>
    private static int Apply(IpContext ip, NetDevice device, Changes changes, NetDevice? master)
    {
        if (changes.Name != null && changes.Name.Length > LinkOptionParser.MaxNameLength)
            throw IpUsageError.InvalidArgument("\"name\" not a valid ifname", changes.Name);
        if (changes.Netns is { } target && target != device.Namespace)
        {
            if (!device.CanChangeNamespace) return ip.Fail(new NetlinkError(Errno.EINVAL, "The interface netns is immutable"));
            var newName = changes.Name ?? device.Name;
            if (changes.Name != null && LinkOptionParser.CheckName(changes.Name) is { } invalid) return ip.Fail(invalid);
            if (target.FindDevice(newName) != null) return ip.Fail(new NetlinkError(Errno.EEXIST));
            if (device.Master is IMasterDevice oldMaster && oldMaster.DeleteSlave(device) is { } releaseError) return ip.Fail(releaseError);
            ip.World.MoveDevice(device, target, newName);
            changes.Name = null;
        }
        if (changes.Address.IsValid && device.ChangeAddress(changes.Address) is { } addressError) return ip.Fail(addressError);
        if (changes.Mtu is { } mtu && device.ChangeMtu(mtu) is { } mtuError) return ip.Fail(mtuError);
        if (changes.Name != null && changes.Name != device.Name)
        {
            // dev_change_name: a name in use is EEXIST. Kernels since 6.2 rename devices that are up too.
            if (LinkOptionParser.CheckName(changes.Name) is { } invalid) return ip.Fail(invalid);
            if (device.Namespace.FindDevice(changes.Name) != null) return ip.Fail(new NetlinkError(Errno.EEXIST));
            device.Namespace.Rename(device, changes.Name);
        }
        if (changes.Promisc is { } promisc) device.SetUserPromisc(promisc);
        if (changes.Arp is { } arp) device.SetArp(arp);
        if (changes.Up == true) device.SetUp();
        if (changes.Up == false) device.SetDown();
        if (master != null && master != device.Master)
        {
            // do_set_master: release from the old master, then ndo_add_slave of the new one.
            if (device.Master is IMasterDevice previous && previous.DeleteSlave(device) is { } releaseError) return ip.Fail(releaseError);
            if (master is not IMasterDevice newMaster) return ip.Fail(new NetlinkError(Errno.ENOTSUP));
            if (newMaster.AddSlave(device) is { } enslaveError) return ip.Fail(enslaveError);
        }
        if (changes.NoMaster && device.Master is IMasterDevice current && current.DeleteSlave(device) is { } error) return ip.Fail(error);
        if (changes.TxQueueLength is { } length) device.TxQueueLength = length;
        if (changes.Kind != null)
        {
            var kind = LinkKindCatalog.Find(changes.Kind);
            if (kind is null || device.Kind != changes.Kind) return ip.Fail(new NetlinkError(Errno.ENOTSUP));
            return kind.Change(device, changes.KindArguments, ip.Invocation);
        }
        return 0;
    }

    // ----- show -----

    private static int Show(IpContext ip, IpArguments args)
    {
        var filter = LinkFilter.Parse(ip, args);
        foreach (var device in filter.Select(ip.Namespace))
        {
            if (ip.Options.Brief)
            {
                var prefix = LinkFormatter.BriefPrefix(device, out bool masterDown);
                ip.Out.WriteLine($"{prefix}{device.Address} <{LinkFormatter.FlagNames(device.Flags, masterDown)}> ");
                continue;
            }
            ip.Out.WriteLine(LinkFormatter.Format(device, ip.Options, linkMode: true));
        }
        return 0;
    }
}
