using Simulator.Devices.Links;
using Simulator.Devices.Namespaces;

namespace Simulator.Cli.Commands.Tcpdump;

/// <summary>
/// What tcpdump opens: one device (link type Ethernet, as libpcap gives every Ethernet-like
/// device, lo included) or the <c>any</c> pseudo-device (Linux cooked headers: version 2 when
/// asked for with -i any, version 1 when tcpdump picked it itself).
/// </summary>
public sealed class CaptureInterface
{
    private CaptureInterface(string name, NetDevice? device, LinkType linkType)
    {
        Name = name;
        Device = device;
        LinkType = linkType;
    }

    public string Name { get; }

    /// <summary>The device, or null for any.</summary>
    public NetDevice? Device { get; }

    public LinkType LinkType { get; }

    public bool IsAny => Device is null;

    /// <summary>pcap_datalink_val_to_name and _description: <c>EN10MB (Ethernet)</c>.</summary>
    public static (string Name, string Description) LinkTypeNames(LinkType linkType) => linkType switch
    {
        LinkType.LinuxSll2 => ("LINUX_SLL2", "Linux cooked v2"),
        LinkType.LinuxSll => ("LINUX_SLL", "Linux cooked v1"),
        _ => ("EN10MB", "Ethernet"),
    };

    /// <summary>
    /// Opens -i NAME (or tcpdump's default device), honouring -y; null with tcpdump's message
    /// (one or more lines) when that fails.
    /// </summary>
    public static CaptureInterface? Open(NetworkNamespace ns, string? name, string? dataLinkType, out string? error)
    {
        error = null;
        CaptureInterface chosen;
        if (name is null)
        {
            chosen = Default(ns);
        }
        else if (name == "any")
        {
            chosen = new CaptureInterface("any", null, LinkType.LinuxSll2);
        }
        else
        {
            var device = ns.FindDevice(name);
            if (device is null)
            {
                error = $"tcpdump: {name}: No such device exists\n(No such device exists)";
                return null;
            }
            if (!device.IsUp)
            {
                error = $"tcpdump: {name}: That device is not up";
                return null;
            }
            chosen = new CaptureInterface(name, device, LinkType.Ethernet);
        }

        if (dataLinkType is null) return chosen;
        LinkType? asked = dataLinkType.ToUpperInvariant() switch
        {
            "EN10MB" => LinkType.Ethernet,
            "LINUX_SLL" => LinkType.LinuxSll,
            "LINUX_SLL2" => LinkType.LinuxSll2,
            _ => null,
        };
        if (asked is null)
        {
            error = KnownDataLinkNames.Contains(dataLinkType.ToUpperInvariant())
                ? $"tcpdump: {dataLinkType} is not one of the DLTs supported by this device"
                : $"tcpdump: invalid data link type {dataLinkType}";
            return null;
        }
        bool supported = chosen.IsAny ? asked != LinkType.Ethernet : asked == LinkType.Ethernet;
        if (!supported)
        {
            error = $"tcpdump: {dataLinkType} is not one of the DLTs supported by this device";
            return null;
        }
        return new CaptureInterface(chosen.Name, chosen.Device, asked.Value);
    }

    // A few of libpcap's other data link type names, so that asking for one reads "not supported".
    private static readonly HashSet<string> KnownDataLinkNames =
        ["NULL", "RAW", "DOCSIS", "IEEE802_11", "IEEE802_11_RADIO", "PPP", "SLIP", "FDDI", "IEEE802", "LOOP", "NETLINK", "NFLOG"];

    /// <summary>
    /// The device tcpdump takes without -i: the first of pcap_findalldevs, which sorts by libpcap's
    /// figure of merit (get_figure_of_merit): running before not running, up before down, connected
    /// before disconnected, others before loopback, then the number at the end of the name; the
    /// any device ranks after every numbered non-loopback device. Ties keep the index order.
    /// </summary>
    public static CaptureInterface Default(NetworkNamespace ns)
    {
        var candidates = ns.Devices.Select(d => (Merit: Merit(d), Interface: new CaptureInterface(d.Name, d, LinkType.Ethernet)))
            .Append((Merit: 0x1FFFFFFFu, Interface: new CaptureInterface("any", null, LinkType.LinuxSll)));
        return candidates.OrderBy(c => c.Merit).First().Interface;
    }

    private static uint Merit(NetDevice device)
    {
        int digits = device.Name.Length;
        while (digits > 0 && char.IsAsciiDigit(device.Name[digits - 1])) digits--;
        uint merit = digits < device.Name.Length
            ? (uint)(long.Parse(device.Name[digits..], System.Globalization.CultureInfo.InvariantCulture) % 0x10000000) + 1
            : 0;
        bool loopback = device is LoopbackDevice;
        if (!device.IsRunning) merit |= 0x80000000;
        if (!device.IsUp) merit |= 0x40000000;
        if (!loopback && !device.HasCarrier) merit |= 0x20000000;
        if (loopback) merit |= 0x10000000;
        return merit;
    }
}
