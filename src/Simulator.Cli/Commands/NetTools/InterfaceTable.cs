using Simulator.Devices.Ipv4.Addresses;
using Simulator.Devices.Links;
using Simulator.Devices.Namespaces;

namespace Simulator.Cli.Commands.NetTools;

/// <summary>
/// One name in net-tools' interface list (struct interface): a device from /proc/net/dev, which
/// has statistics, or an address label such as "veth0:1" from SIOCGIFCONF, which has none.
/// </summary>
public sealed record NetInterface(string Name, bool HasStatistics);

/// <summary>
/// What SIOCGIF* answer for one interface name (if_fetch): the flags, MTU and hardware address
/// of the device the name stands for, and the IPv4 address carrying the name as its label.
/// </summary>
public sealed record InterfaceSnapshot(NetInterface Interface, NetDevice Device, InterfaceAddress? Address)
{
    /// <summary>ifr_flags is a short: IFF_LOWER_UP and above are not in it.</summary>
    public int Flags => (int)Device.Flags & 0xFFFF;
}

/// <summary>
/// The interface list ifconfig and netstat -i walk (lib/interface.c): every device of the
/// namespace, then every address label, kept sorted by <see cref="Compare"/> as if_cache_add
/// inserts them.
/// </summary>
public static class InterfaceTable
{
    /// <summary>IFNAMSIZ - 1: what safe_strncpy leaves of a longer name.</summary>
    public const int NameLength = 15;

    /// <summary>if_readlist: /proc/net/dev, then SIOCGIFCONF.</summary>
    public static List<NetInterface> ReadAll(NetworkNamespace ns)
    {
        var list = new List<NetInterface>();
        foreach (var device in ns.Devices) Add(list, device.Name, statistics: true);
        foreach (var device in ns.Devices)
            if (device.Ip != null)
                foreach (var address in device.Ip.Addresses) Add(list, address.Label, statistics: false);
        return list;
    }

    /// <summary>
    /// lookup_interface: the entry for one name, whether or not such a device exists (if_fetch
    /// finds out); it has statistics when /proc/net/dev lists it.
    /// </summary>
    public static NetInterface Lookup(NetworkNamespace ns, string name)
    {
        name = Truncate(name);
        return new NetInterface(name, ns.FindDevice(name) != null);
    }

    /// <summary>if_fetch: null when the device does not exist (SIOCGIFFLAGS fails with ENODEV).</summary>
    public static InterfaceSnapshot? Fetch(NetworkNamespace ns, NetInterface entry)
    {
        var device = DeviceFor(ns, entry.Name);
        if (device is null) return null;
        return new InterfaceSnapshot(entry, device, DevinetIoctl.Find(device, entry.Name));
    }

    /// <summary>The device an ioctl on <paramref name="name"/> reaches: dev_ioctl cuts an alias name at its ':'.</summary>
    public static NetDevice? DeviceFor(NetworkNamespace ns, string name)
    {
        name = Truncate(name);
        int colon = name.IndexOf(':');
        return ns.FindDevice(colon < 0 ? name : name[..colon]);
    }

    public static string Truncate(string name) => name.Length > NameLength ? name[..NameLength] : name;

    /// <summary>if_cache_add: scans from the end for the first smaller name and inserts after it.</summary>
    private static void Add(List<NetInterface> list, string name, bool statistics)
    {
        int index = list.Count - 1;
        for (; index >= 0; index--)
        {
            int order = Compare(list[index].Name, name);
            if (order == 0) return;
            if (order < 0) break;
        }
        list.Insert(index + 1, new NetInterface(name, statistics));
    }

    /// <summary>
    /// nstrcmp (net-tools 2.10): like strcmp, but a trailing number compares numerically and a
    /// ":N" alias suffix sorts after the bare name, by its number.
    /// </summary>
    public static int Compare(string a, string b)
    {
        var aAlias = CutAlias(ref a);
        var bAlias = CutAlias(ref b);
        int aIndex = LastNonDigit(a), bIndex = LastNonDigit(b);
        int result = string.CompareOrdinal(a[..Math.Min(aIndex, bIndex)], b[..Math.Min(aIndex, bIndex)]);
        if (result != 0) return result;
        if (aIndex != bIndex) return aIndex > bIndex ? 1 : -1;
        long aValue = CNumbers.Atoi(a[aIndex..]), bValue = CNumbers.Atoi(b[bIndex..]);
        if (aValue != bValue) return aValue < bValue ? -1 : 1;
        result = string.CompareOrdinal(a, b);
        if (result != 0) return result;
        aValue = aAlias is null ? -1 : CNumbers.Atoi(aAlias);
        bValue = bAlias is null ? -1 : CNumbers.Atoi(bAlias);
        if (aValue != bValue) return aValue < bValue ? -1 : 1;
        return aAlias != null && bAlias != null ? string.CompareOrdinal(aAlias, bAlias) : 0;
    }

    /// <summary>cutalias: splits off a ":digits" suffix.</summary>
    private static string? CutAlias(ref string name)
    {
        bool digit = false;
        for (int pos = name.Length; pos > 0; pos--)
        {
            if (name[pos - 1] == ':' && digit)
            {
                var alias = name[pos..];
                name = name[..(pos - 1)];
                return alias;
            }
            if (!char.IsAsciiDigit(name[pos - 1])) break;
            digit = true;
        }
        return null;
    }

    /// <summary>rindex_nondigit: the length of the name without its trailing digits.</summary>
    private static int LastNonDigit(string name)
    {
        for (int pos = name.Length; pos > 0; pos--)
            if (!char.IsAsciiDigit(name[pos - 1])) return pos;
        return 0;
    }
}
