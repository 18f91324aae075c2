using Simulator.Cli.Commands.Iptables.NameServices;
using Simulator.Core.Addressing;

namespace Simulator.Cli.Commands.Iptables;

/// <summary>Addresses and masks as -L and -S write them.</summary>
internal static class AddressFormat
{
    /// <summary>
    /// -L: "anywhere" for /0 unless -n; otherwise the host name, else the network name, else the
    /// address (with -n always the address), then the mask: nothing for /32, "/len" when
    /// contiguous, "/a.b.c.d" when not.
    /// </summary>
    public static string ForList(Ipv4Address address, Ipv4Address mask, bool numeric, NameService names)
    {
        if (mask.Value == 0 && !numeric) return "anywhere";
        string name = numeric ? address.ToString() : names.HostName(address) ?? names.NetworkName(address) ?? address.ToString();
        return name + MaskSuffix(mask);
    }

    private static string MaskSuffix(Ipv4Address mask)
    {
        if (mask.Value == uint.MaxValue) return "";
        int length = Ipv4Prefix.LengthOfMask(mask);
        return length >= 0 ? "/" + length : "/" + mask;
    }

    /// <summary>-S: "a.b.c.d/len", or "/a.b.c.d" for a mask that is not contiguous.</summary>
    public static string ForSave(Ipv4Address address, Ipv4Address mask)
    {
        int length = Ipv4Prefix.LengthOfMask(mask);
        return address + "/" + (length >= 0 ? length.ToString(System.Globalization.CultureInfo.InvariantCulture) : mask.ToString());
    }
}
