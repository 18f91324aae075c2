using Simulator.Cli.Host;
using Simulator.Core.Addressing;
using Simulator.Devices;
using Simulator.Devices.Ipv4.Addresses;
using Simulator.Devices.Links;

namespace Simulator.Cli.Commands.NetTools;

/// <summary>
/// net-tools 2.10 ifconfig. Without arguments it lists the interfaces that are up (-a: all;
/// -s: one line each); with a name, that interface. Further arguments are carried out one by
/// one, each an ioctl as ifconfig.c makes it, so a half-done command line leaves what was done:
/// an address (SIOCSIFADDR: classful netmask, then the interface goes up), "netmask",
/// "broadcast", "up"/"down", "promisc"/"-promisc", "arp"/"-arp", "mtu", "txqueuelen" and
/// "hw ether". An ADDR/LEN netmask is applied after everything else, as ifconfig does.
/// </summary>
public sealed class IfconfigCommand : INetworkCommand
{
    public IReadOnlyList<string> Names { get; } = ["ifconfig"];

    /// <summary>Address families ifconfig knows as a word before the address; only inet is modelled.</summary>
    private static readonly HashSet<string> AddressFamilies =
        ["unix", "local", "inet", "inet6", "ax25", "netrom", "rose", "ipx", "ddp", "appletalk", "ec", "econet", "ash", "x25"];

    /// <summary>Hardware types "hw" accepts (get_hwtype); only ether is modelled.</summary>
    private static readonly HashSet<string> HardwareTypes =
    [
        "loop", "slip", "cslip", "slip6", "cslip6", "adaptive", "ash", "ether", "ax25", "netrom", "rose", "tunnel",
        "ppp", "hdlc", "lapb", "arcnet", "dlci", "frad", "sit", "fddi", "hippi", "irda", "ec", "x25", "eui64",
    ];

    /// <summary>Keywords ifconfig accepts whose effect NetSim does not model.</summary>
    private static readonly HashSet<string> Unmodelled =
    [
        "trailers", "-trailers", "multicast", "-multicast", "allmulti", "-allmulti", "dynamic", "-dynamic",
        "media", "port", "keepalive", "outfill", "-broadcast", "dstaddr", "mem_start", "io_addr", "irq", "-pointopoint",
        "pointopoint", "add", "del", "tunnel", "name",
    ];

    /// <summary>Thrown where ifconfig calls usage(), which exits.</summary>
    private sealed class UsageExit : Exception;

    public int Run(Invocation invocation)
    {
        try
        {
            return Execute(invocation);
        }
        catch (UsageExit)
        {
            NetToolsUsage.Ifconfig(invocation.Err, invocation.Err);
            return NetToolsUsage.UsageStatus;
        }
    }

    private static int Execute(Invocation invocation)
    {
        var args = invocation.Args;
        bool all = false, brief = false, verbose = false;
        int i = 0;
        for (; i < args.Count && args[i].StartsWith('-'); i++)
        {
            switch (args[i])
            {
                case "-a": all = true; break;
                case "-s": brief = true; break;
                case "-v": verbose = true; break;
                case "-V" or "-version" or "--version":
                    invocation.Out.WriteLine(NetToolsUsage.Version);
                    return 0;
                case "-?" or "-h" or "-help" or "--help":
                    NetToolsUsage.Ifconfig(invocation.Out, invocation.Err);
                    return 0;
                default:
                    invocation.Err.WriteLine($"ifconfig: option `{args[i]}' not recognised.");
                    invocation.Err.WriteLine("ifconfig: `--help' gives usage information.");
                    return 1;
            }
        }
        var ns = invocation.Namespace;
        if (i == args.Count)
        {
            if (brief) invocation.Out.WriteLine(InterfaceFormat.ShortHeader);
            foreach (var entry in InterfaceTable.ReadAll(ns))
            {
                var snapshot = InterfaceTable.Fetch(ns, entry);
                if (snapshot != null && ((snapshot.Flags & (int)DeviceFlags.Up) != 0 || all)) Print(invocation, snapshot, brief);
            }
            return 0;
        }
        var name = InterfaceTable.Truncate(args[i++]);
        if (i == args.Count)
        {
            if (brief) invocation.Out.WriteLine(InterfaceFormat.ShortHeader);
            var snapshot = InterfaceTable.Fetch(ns, InterfaceTable.Lookup(ns, name));
            if (snapshot is null)
            {
                invocation.Err.WriteLine($"{name}: error fetching interface information: Device not found");
                return 1;
            }
            Print(invocation, snapshot, brief);
            return 0;
        }
        if (AddressFamilies.Contains(args[i]))
        {
            if (args[i] != "inet") return NotModelled(invocation, $"the {args[i]} address family");
            i++;
        }
        return Configure(invocation, name, args, i, verbose);
    }

    private static void Print(Invocation invocation, InterfaceSnapshot snapshot, bool brief)
    {
        if (brief) InterfaceFormat.PrintShort(invocation.Out, snapshot);
        else InterfaceFormat.PrintLong(invocation.Out, snapshot);
    }

    /// <summary>The argument loop of ifconfig.c's main: each word is acted on as it comes.</summary>
    private static int Configure(Invocation invocation, string name, IReadOnlyList<string> args, int i, bool verbose)
    {
        var ns = invocation.Namespace;
        var names = new NetDb(invocation);
        var err = invocation.Err;
        int failed = 0;
        bool didNetmask = false;
        Ipv4Address? pendingNetmask = null;
        string? Next() => ++i < args.Count ? args[i] : null;
        NetDevice? Device() => InterfaceTable.DeviceFor(ns, name);

        for (; i < args.Count; i++)
        {
            var word = args[i];
            switch (word)
            {
                case "up":
                    failed |= SetFlag(invocation, name, (int)(DeviceFlags.Up | DeviceFlags.Running), set: true);
                    continue;
                case "down":
                    failed |= SetFlag(invocation, name, (int)DeviceFlags.Up, set: false);
                    continue;
                case "arp":
                    failed |= SetFlag(invocation, name, (int)DeviceFlags.NoArp, set: false);
                    continue;
                case "-arp":
                    failed |= SetFlag(invocation, name, (int)DeviceFlags.NoArp, set: true);
                    continue;
                case "promisc":
                    failed |= SetFlag(invocation, name, (int)DeviceFlags.Promisc, set: true);
                    continue;
                case "-promisc":
                    // ifconfig then warns if the flag stayed, but SIOCGIFFLAGS reports only the
                    // user's flag, never a bridge's hold, so the warning never shows for a bridge port.
                    failed |= SetFlag(invocation, name, (int)DeviceFlags.Promisc, set: false);
                    if (InterfaceTable.DeviceFor(ns, name) is { } promiscuous && (promiscuous.Flags & DeviceFlags.Promisc) != 0)
                        err.WriteLine($"Warning: Interface {name} still in promisc mode... maybe other application is running?");
                    continue;
                case "mtu":
                {
                    var value = Next() ?? throw new UsageExit();
                    failed |= Report(err, "SIOCSIFMTU", Device() is { } device ? LinkIoctl.SetMtu(device, CNumbers.Atoi(value)) : Errno.ENODEV);
                    continue;
                }
                case "txqueuelen":
                {
                    var value = Next() ?? throw new UsageExit();
                    failed |= Report(err, "SIOCSIFTXQLEN",
                        Device() is { } device ? LinkIoctl.SetTxQueueLength(device, unchecked((int)CNumbers.Strtoul(value, out _))) : Errno.ENODEV);
                    continue;
                }
                case "broadcast":
                {
                    var value = Next();
                    if (value != null)
                    {
                        if (names.Resolve(value, hostFirst: false, out var broadcast, out var lookupError) < 0)
                        {
                            err.WriteLine(lookupError);
                            failed = 1;
                            continue;
                        }
                        failed |= Report(err, "SIOCSIFBRDADDR",
                            Device() is { } device ? DevinetIoctl.SetBroadcast(device, name, broadcast) : Errno.ENODEV);
                    }
                    else
                    {
                        i--;
                    }
                    failed |= SetFlag(invocation, name, (int)DeviceFlags.Broadcast, set: true);
                    continue;
                }
                case "netmask":
                {
                    var value = Next();
                    if (value is null || didNetmask) throw new UsageExit();
                    if (names.Resolve(value, hostFirst: false, out var mask, out var lookupError) < 0)
                    {
                        err.WriteLine(lookupError);
                        failed = 1;
                        continue;
                    }
                    didNetmask = true;
                    failed |= SetNetmask(invocation, name, mask);
                    continue;
                }
                case "hw":
                {
                    var type = Next() ?? throw new UsageExit();
                    if (!HardwareTypes.Contains(type)) throw new UsageExit();
                    if (type != "ether") return NotModelled(invocation, $"hardware type {type}");
                    var text = Next() ?? throw new UsageExit();
                    if (!EtherAddress.TryParse(text, out var mac))
                    {
                        err.WriteLine($"{text}: invalid ether address.");
                        failed = 1;
                        continue;
                    }
                    var error = Device() is { } device ? LinkIoctl.SetHardwareAddress(device, mac) : Errno.ENODEV;
                    if (error == Errno.EBUSY)
                    {
                        err.WriteLine($"SIOCSIFHWADDR: {error.Value.Message()} - you may need to down the interface");
                        failed = 1;
                    }
                    else
                    {
                        failed |= Report(err, "SIOCSIFHWADDR", error);
                    }
                    continue;
                }
            }
            if (Unmodelled.Contains(word)) return NotModelled(invocation, $"'{word}'");

            // Anything else is the address, optionally ADDR/LEN.
            var host = word;
            int slash = host.IndexOf('/');
            if (slash >= 0)
            {
                if (!InetAton.TryPrefixNetmask(host[(slash + 1)..], out var mask, out _)) throw new UsageExit();
                if (didNetmask) throw new UsageExit();
                pendingNetmask = mask;
                host = host[..slash];
            }
            if (names.Resolve(host, hostFirst: false, out var address, out var resolveError) < 0)
            {
                err.WriteLine(resolveError);
                err.WriteLine("ifconfig: `--help' gives usage information.");
                return 1;
            }
            failed |= Report(err, "SIOCSIFADDR",
                Device() is { } target ? DevinetIoctl.SetAddress(target, name, address) : Errno.ENODEV);
            // An alias name ending in '-' was just deleted: ifconfig does not bring it up.
            if (!(name.Contains(':') && name.EndsWith('-')))
                failed |= SetFlag(invocation, name, (int)(DeviceFlags.Up | DeviceFlags.Running), set: true);
        }
        if (pendingNetmask is { } netmask) failed |= SetNetmask(invocation, name, netmask);
        if (verbose && failed != 0) err.WriteLine($"WARNING: at least one error occured. ({failed})");
        return failed & 0xFF;
    }

    private static int SetNetmask(Invocation invocation, string name, Ipv4Address mask) =>
        Report(invocation.Err, "SIOCSIFNETMASK",
            InterfaceTable.DeviceFor(invocation.Namespace, name) is { } device ? DevinetIoctl.SetNetmask(device, name, mask) : Errno.ENODEV);

    /// <summary>
    /// set_flag / clr_flag: SIOCGIFFLAGS, then SIOCSIFFLAGS with the flag added or removed.
    /// Returns -1 on failure, which ifconfig ORs into its exit status.
    /// </summary>
    private static int SetFlag(Invocation invocation, string name, int flag, bool set)
    {
        var device = InterfaceTable.DeviceFor(invocation.Namespace, name);
        if (device is null)
        {
            invocation.Err.WriteLine($"{name}: ERROR while getting interface flags: {Errno.ENODEV.Message()}");
            return -1;
        }
        int flags = (int)device.Flags & 0xFFFF;
        flags = set ? flags | flag : flags & ~flag;
        var error = LinkIoctl.SetFlags(device, name, flags);
        if (error is null) return 0;
        invocation.Err.WriteLine($"SIOCSIFFLAGS: {error.Value.Message()}");
        return -1;
    }

    private static int Report(TextWriter err, string ioctl, Errno? error)
    {
        if (error is null) return 0;
        err.WriteLine($"{ioctl}: {error.Value.Message()}");
        return 1;
    }

    private static int NotModelled(Invocation invocation, string what)
    {
        invocation.Err.WriteLine($"netsim: ifconfig: {what} is not modelled");
        return 1;
    }
}
