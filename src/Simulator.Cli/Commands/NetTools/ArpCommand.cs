using Simulator.Cli.Host;
using Simulator.Core.Addressing;
using Simulator.Devices;
using Simulator.Devices.Ipv4.Neighbours;
using Simulator.Devices.Links;

namespace Simulator.Cli.Commands.NetTools;

/// <summary>
/// net-tools 2.10 arp: shows the neighbour table as /proc/net/arp lists it (Linux style, or BSD
/// style with -a), sets entries with -s (permanent, or "temp") and deletes them with -d, through
/// the SIOCSARP/SIOCDARP ioctls. Proxy entries ("pub") and reading /etc/ethers (-f) are not
/// modelled.
/// </summary>
public sealed class ArpCommand : INetworkCommand
{
    public IReadOnlyList<string> Names { get; } = ["arp"];

    /// <summary>/proc/net/arp flags: ATF_COM for a valid hardware address, ATF_PERM for a permanent entry.</summary>
    private const int AtfCom = 0x02, AtfPerm = 0x04;

    private static readonly Dictionary<string, (char, bool)> LongOptions = new()
    {
        ["verbose"] = ('v', false), ["version"] = ('V', false), ["all"] = ('a', false), ["delete"] = ('d', false),
        ["file"] = ('f', false), ["numeric"] = ('n', false), ["set"] = ('s', false), ["protocol"] = ('A', true),
        ["hw-type"] = ('H', true), ["device"] = ('i', true), ["help"] = ('h', false), ["use-device"] = ('D', false),
        ["symbolic"] = ('N', false),
    };

    private static readonly HashSet<string> AddressFamilies =
        ["unix", "local", "inet", "inet6", "ax25", "netrom", "rose", "ipx", "ddp", "appletalk", "ec", "econet", "ash", "x25"];

    private static readonly HashSet<string> HardwareTypes =
        ["ash", "ether", "ax25", "netrom", "rose", "arcnet", "dlci", "fddi", "hippi", "irda", "x25", "eui64"];

    private sealed class Options
    {
        public bool Numeric, Linux, All, UseDevice;
        public string Device = "";
        public bool HardwareTypeSet;
    }

    public int Run(Invocation invocation)
    {
        var parsed = GetOpt.Parse("arp", invocation.Args, "A:H:adfp:nsei:t:vh?DNV", LongOptions, invocation.Err);
        var options = new Options();
        int what = 0;
        foreach (var (option, value) in parsed.Options)
        {
            switch (option)
            {
                case 'a': what = 1; options.All = true; break;
                case 'f': what = 2; break;
                case 'd': what = 3; break;
                case 's': what = 4; break;
                case 'e': options.Linux = true; break;
                case 'n': options.Numeric = true; break;
                case 'D': options.UseDevice = true; break;
                case 'N': invocation.Err.WriteLine("arp: -N not yet supported."); break;
                case 'v': break;
                case 'A' or 'p':
                    if (!AddressFamilies.Contains(value!))
                    {
                        invocation.Err.WriteLine($"arp: {value}: unknown address family.");
                        return 255;
                    }
                    if (value != "inet")
                    {
                        invocation.Err.WriteLine($"arp: {value}: kernel only supports 'inet'.");
                        return 255;
                    }
                    break;
                case 'H' or 't':
                    if (!HardwareTypes.Contains(value!))
                    {
                        invocation.Err.WriteLine($"arp: {value}: unknown hardware type.");
                        return 255;
                    }
                    if (value != "ether") return NotModelled(invocation, $"hardware type {value}");
                    options.HardwareTypeSet = true;
                    break;
                case 'i': options.Device = InterfaceTable.Truncate(value!); break;
                case 'V':
                    NetToolsUsage.Lines(invocation.Out, NetToolsUsage.ArpVersion);
                    return 0;
                case 'h':
                    NetToolsUsage.Arp(invocation.Out, invocation.Err);
                    return 0;
                default:
                    NetToolsUsage.Arp(invocation.Err, invocation.Err);
                    return NetToolsUsage.UsageStatus;
            }
        }
        var operands = parsed.Operands;
        int result = what switch
        {
            0 or 1 => Show(invocation, options, operands.Count > 0 ? operands[0] : null, linux: what == 0 || options.Linux),
            2 => NotModelled(invocation, "reading entries from a file (-f)"),
            3 => Delete(invocation, options, operands),
            _ => Set(invocation, options, operands),
        };
        return result & 0xFF;
    }

    /// <summary>arp_show: the entries of /proc/net/arp, filtered by address and device.</summary>
    private static int Show(Invocation invocation, Options options, string? name, bool linux)
    {
        var names = new NetDb(invocation);
        string host = "";
        if (name != null)
        {
            if (names.Resolve(name, hostFirst: false, out var address, out var error) < 0)
            {
                invocation.Err.WriteLine(error);
                return -1;
            }
            host = address.ToString();
        }
        int entries = 0, shown = 0;
        bool title = false;
        foreach (var entry in invocation.Namespace.Ipv4.Arp.Entries)
        {
            // neigh_seq with NEIGH_SEQ_SKIP_NOARP: entries with no state but NOARP are not listed.
            if ((entry.State & ~NudState.NoArp) == 0) continue;
            entries++;
            var ip = entry.Address.ToString();
            if (host.Length > 0 && ip != host) continue;
            if (options.Device.Length > 0 && entry.Device.Name != options.Device) continue;
            shown++;
            int flags = ((entry.State & NudStates.Valid) != 0 ? AtfCom : 0) | (entry.State == NudState.Permanent ? AtfPerm : 0);
            string hostname = "?";
            if (!options.Numeric)
            {
                // INET_sprint's mask test looks at the first octet (network order on a little-endian
                // machine), so every usual address is looked up as a host.
                var resolved = names.Name(entry.Address, NetDb.DefaultForAny | NetDb.AsHost);
                if (resolved != ip) hostname = resolved;
            }
            var mac = entry.HardwareAddress.IsValid ? entry.HardwareAddress.ToString() : "00:00:00:00:00:00";
            if (linux)
            {
                if (!title) invocation.Out.WriteLine("Address                  HWtype  HWaddress           Flags Mask            Iface");
                title = true;
                LinuxLine(invocation.Out, hostname == "?" ? ip : hostname, flags, mac, entry.Device.Name);
            }
            else
            {
                BsdLine(invocation.Out, hostname, ip, flags, mac, entry.Device.Name);
            }
        }
        if (shown == 0)
        {
            if (host.Length > 0 && !options.All)
                invocation.Out.WriteLine($"{name} ({host}) -- no entry");
            else if (options.HardwareTypeSet || host.Length > 0 || options.Device.Length > 0)
                invocation.Out.WriteLine($"arp: in {entries} entries no match found.");
        }
        return 0;
    }

    /// <summary>arp_disp_2.</summary>
    private static void LinuxLine(TextWriter writer, string name, int flags, string mac, string device)
    {
        string flagText = ((flags & AtfCom) != 0 ? "C" : "") + ((flags & AtfPerm) != 0 ? "M" : "");
        var hardware = (flags & AtfCom) != 0 ? $"{"ether",-8}{mac,-20}" : $"{"",-8}{"(incomplete)",-20}";
        writer.WriteLine($"{Clip(name, 23),-23}  {hardware}{flagText,-6}{"",-15} {device}");
    }

    /// <summary>arp_disp (BSD style, -a).</summary>
    private static void BsdLine(TextWriter writer, string name, string ip, int flags, string mac, string device)
    {
        var hardware = (flags & AtfCom) != 0 ? $"{mac} [ether] " : "<incomplete> ";
        writer.WriteLine($"{name} ({ip}) at {hardware}{((flags & AtfPerm) != 0 ? "PERM " : "")}on {device}");
    }

    /// <summary>arp_set: SIOCSARP for one address.</summary>
    private static int Set(Invocation invocation, Options options, List<string> args)
    {
        var err = invocation.Err;
        if (args.Count == 0)
        {
            err.WriteLine("arp: need host name");
            return -1;
        }
        var names = new NetDb(invocation);
        if (names.Resolve(args[0], hostFirst: false, out var address, out var error) < 0)
        {
            err.WriteLine(error);
            return -1;
        }
        if (args.Count == 1)
        {
            err.WriteLine("arp: need hardware address");
            return -1;
        }
        MacAddress mac;
        if (options.UseDevice)
        {
            var source = InterfaceTable.DeviceFor(invocation.Namespace, args[1]);
            if (source is null)
            {
                err.WriteLine($"arp: cant get HW-Address for `{args[1]}': {Errno.ENODEV.Message()}.");
                return -1;
            }
            mac = source.Address;
        }
        else if (!EtherAddress.TryParse(args[1], out mac))
        {
            err.WriteLine("arp: invalid hardware address");
            return -1;
        }
        bool permanent = true;
        string device = options.Device;
        for (int i = 2; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "temp": permanent = false; continue;
                case "priv" or "trail" or "auto": continue;
                case "pub" or "dontpub": return NotModelled(invocation, "proxy ARP entries ('pub')");
                case "dev" or "netmask":
                    if (++i >= args.Count) return Usage(invocation);
                    if (args[i - 1] == "dev") device = InterfaceTable.Truncate(args[i]);
                    continue;
                default:
                    return Usage(invocation);
            }
        }
        var stack = invocation.Namespace.Ipv4;
        NetDevice? target = null;
        if (device.Length > 0)
        {
            target = invocation.Namespace.FindDevice(device);
            if (target is null) return Failed(err, "SIOCSARP", Errno.ENODEV);
        }
        var failure = ArpIoctl.Set(stack, address, mac, permanent, target);
        return failure is null ? 0 : Failed(err, "SIOCSARP", failure.Value);
    }

    /// <summary>arp_del: SIOCDARP, first for an ordinary entry, then (not found) for a proxy one.</summary>
    private static int Delete(Invocation invocation, Options options, List<string> args)
    {
        var err = invocation.Err;
        if (args.Count == 0)
        {
            err.WriteLine("arp: need host name");
            return -1;
        }
        var names = new NetDb(invocation);
        var hostText = args[0];
        if (names.Resolve(hostText, hostFirst: false, out var address, out var error) < 0)
        {
            err.WriteLine(error);
            return -1;
        }
        string device = options.Device;
        bool publicOnly = false;
        for (int i = 1; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "pub": publicOnly = true; continue;
                case "priv" or "temp" or "trail" or "dontpub" or "auto": continue;
                case "dev" or "netmask":
                    if (++i >= args.Count) return Usage(invocation);
                    if (args[i - 1] == "dev") device = InterfaceTable.Truncate(args[i]);
                    continue;
                default:
                    return Usage(invocation);
            }
        }
        NetDevice? target = null;
        if (device.Length > 0)
        {
            target = invocation.Namespace.FindDevice(device);
            if (target is null) return Failed(err, publicOnly ? "SIOCDARP(pub)" : "SIOCDARP(dontpub)", Errno.ENODEV);
        }
        if (!publicOnly)
        {
            var failure = ArpIoctl.Delete(invocation.Namespace.Ipv4, address, target);
            if (failure is null) return 0;
            if (failure != Errno.ENXIO) return Failed(err, "SIOCDARP(dontpub)", failure.Value);
        }
        // The proxy entry (pneigh) the second SIOCDARP asks for: NetSim has none, ENOENT.
        invocation.Out.WriteLine($"No ARP entry for {hostText}");
        return -1;
    }

    private static int Failed(TextWriter err, string ioctl, Errno errno)
    {
        err.WriteLine($"{ioctl}: {errno.Message()}");
        return -1;
    }

    private static int Usage(Invocation invocation)
    {
        NetToolsUsage.Arp(invocation.Err, invocation.Err);
        return NetToolsUsage.UsageStatus;
    }

    private static int NotModelled(Invocation invocation, string what)
    {
        invocation.Err.WriteLine($"netsim: arp: {what} is not modelled");
        return 1;
    }

    private static string Clip(string text, int length) => text.Length > length ? text[..length] : text;
}
