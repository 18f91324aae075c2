using System.Globalization;
using System.Text;
using Simulator.Core.Addressing;
using Simulator.Devices.Links;

namespace Simulator.Cli.Commands.Ip;

/// <summary>
/// A device as iproute2 6.1's print_linkinfo prints it for <c>ip link</c> and <c>ip addr</c>:
/// the index line, the link/ether line with details and counters, and the brief row.
/// </summary>
public static class LinkFormatter
{
    /// <summary>The attributes of <c>ip -d</c> every device shows after its kind (rtnl_fill_ifinfo's defaults).</summary>
    private const string GsoAttributes =
        "gso_max_size 65536 gso_max_segs 65535 tso_max_size 524280 tso_max_segs 65535 gro_max_size 65536 ";

    /// <summary>
    /// The record of one device: "IDX: NAME[@PEER]: &lt;FLAGS&gt; mtu … qlen N", then "link/ether …"
    /// (with details and counters as asked). <paramref name="linkMode"/> adds "mode DEFAULT"
    /// (ip link, not ip addr). Lines are separated as the options say; no final newline.
    /// </summary>
    public static string Format(NetDevice device, IpOptions options, bool linkMode)
    {
        var text = new StringBuilder();
        text.Append(Header(device, linkMode));
        text.Append(options.LineBreak);
        text.Append(LinkLine(device));
        if (options.Details) text.Append(Details(device, linkMode, options.LineBreak));
        if (options.Stats > 0)
        {
            text.Append(options.LineBreak);
            text.Append(Statistics(device.Stats, options.LineBreak));
        }
        return text.ToString();
    }

    /// <summary>The first line, without a line break.</summary>
    public static string Header(NetDevice device, bool linkMode)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{device.IfIndex}: {device.Name}");
        bool masterDown = false;
        if (device.Link is { } link)
        {
            // iproute2 names the peer only when the kernel sent no IFLA_LINK_NETNSID (same
            // namespace); M-DOWN comes from looking the peer up in this namespace.
            if (link.Namespace == device.Namespace)
            {
                text.Append('@').Append(link.Name);
                masterDown = !link.IsUp;
            }
            else
            {
                text.Append(CultureInfo.InvariantCulture, $"@if{link.IfIndex}");
            }
        }
        text.Append(": <").Append(FlagNames(device.Flags, masterDown)).Append("> ");
        text.Append(CultureInfo.InvariantCulture, $"mtu {device.Mtu} qdisc {device.Qdisc} ");
        if (device.Master is { } master) text.Append("master ").Append(master.Name).Append(' ');
        text.Append("state ").Append(OperStateName(device.OperState)).Append(' ');
        if (linkMode) text.Append("mode DEFAULT ");
        text.Append(CultureInfo.InvariantCulture, $"group default qlen {device.TxQueueLength}");
        return text.ToString();
    }

    /// <summary>"    link/ether MAC brd ff:ff:ff:ff:ff:ff[ link-netns NAME | link-netnsid N]".</summary>
    public static string LinkLine(NetDevice device)
    {
        bool loopback = (device.Flags & DeviceFlags.Loopback) != 0;
        var broadcast = loopback ? MacAddress.Zero : device.BroadcastAddress;
        var text = new StringBuilder();
        text.Append(loopback ? "    link/loopback " : "    link/ether ");
        text.Append(device.Address.ToString()).Append(" brd ").Append(broadcast.ToString());
        if (device.Link is { } link && link.Namespace != device.Namespace)
        {
            // rtnl_fill_link_netnsid allocates the id (peernet2id_alloc); iproute2 shows the
            // name it finds for that id under /run/netns, else the number.
            int id = device.Namespace.PeerId(link.Namespace);
            text.Append(link.Namespace.Name is { } name ? $" link-netns {name}" : $" link-netnsid {id.ToString(CultureInfo.InvariantCulture)}");
        }
        return text.ToString();
    }

    /// <summary>
    /// What <c>-d</c> adds after the link line: promiscuity and MTU limits, the kind's line and
    /// its master's slave line, then the generic attributes (addrgenmode only for ip link).
    /// </summary>
    public static string Details(NetDevice device, bool linkMode, string lineBreak)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture,
            $" promiscuity {device.Promiscuity}  allmulti {device.AllMulti} minmtu {device.MinMtu} maxmtu {device.MaxMtu} ");
        if (device.Kind is { } kind)
        {
            text.Append(lineBreak).Append("    ");
            text.Append(LinkKindCatalog.Of(device)?.Details(device) ?? kind + " ");
        }
        if (device.Master != null)
        {
            var slave = LinkKindCatalog.All.Select(k => k.SlaveDetails(device)).FirstOrDefault(s => s != null);
            if (slave != null) text.Append(lineBreak).Append("    ").Append(slave);
        }
        if (linkMode) text.Append("addrgenmode eui64 ");
        text.Append(CultureInfo.InvariantCulture, $"numtxqueues {device.TxQueues} numrxqueues {device.TxQueues} ");
        text.Append(GsoAttributes);
        return text.ToString();
    }

    /// <summary>
    /// print_stats64 of iproute2 6.1 for one -s: two header/value pairs whose columns widen to
    /// the longest number (size_columns), each value followed by a space.
    /// </summary>
    public static string Statistics(DeviceStatistics stats, string lineBreak)
    {
        // Minimum widths: "*X errors:", "packets", "errors", "dropped", "heartbt", "overrun", "compressed".
        int[] columns = [10, 7, 6, 7, 7, 7, 10];
        ulong[] rx = [stats.RxBytes, stats.RxPackets, stats.RxErrors, stats.RxDropped, 0, stats.Multicast];
        ulong[] tx = [stats.TxBytes, stats.TxPackets, stats.TxErrors, stats.TxDropped, 0, 0];
        foreach (var row in new[] { rx, tx })
            for (int i = 0; i < row.Length; i++)
                columns[i] = Math.Max(columns[i], row[i].ToString(CultureInfo.InvariantCulture).Length);
        var text = new StringBuilder();
        Row(text, "RX", ["bytes", "packets", "errors", "dropped", "missed", "mcast"], rx, columns, lineBreak);
        text.Append(lineBreak);
        Row(text, "TX", ["bytes", "packets", "errors", "dropped", "carrier", "collsns"], tx, columns, lineBreak);
        return text.ToString();
    }

    private static void Row(StringBuilder text, string direction, string[] names, ulong[] values, int[] columns, string lineBreak)
    {
        text.Append("    ").Append(direction).Append(": ");
        text.Append(names[0].PadLeft(columns[0] - 4));
        for (int i = 1; i < names.Length; i++) text.Append(' ').Append(names[i].PadLeft(columns[i]));
        text.Append(' ').Append(new string(' ', columns[6]));
        text.Append(lineBreak).Append("    ");
        for (int i = 0; i < values.Length; i++)
            text.Append(values[i].ToString(CultureInfo.InvariantCulture).PadLeft(columns[i])).Append(' ');
    }

    /// <summary>
    /// The first two columns of <c>-br</c>: the name (with "@" and the peer as in the full
    /// listing: its name in this namespace, "if%d" elsewhere) padded to 16, the state padded to 14.
    /// </summary>
    public static string BriefPrefix(NetDevice device, out bool masterDown)
    {
        var name = device.Name;
        masterDown = false;
        if (device.Link is { } link)
        {
            if (link.Namespace == device.Namespace)
            {
                name += "@" + link.Name;
                masterDown = !link.IsUp;
            }
            else
            {
                name += "@if" + link.IfIndex.ToString(CultureInfo.InvariantCulture);
            }
        }
        return $"{name,-16} {OperStateName(device.OperState),-14} ";
    }

    /// <summary>print_link_flags: NO-CARRIER first, names in iproute2's order, M-DOWN last.</summary>
    public static string FlagNames(DeviceFlags flags, bool masterDown)
    {
        var names = new List<string>();
        if ((flags & DeviceFlags.Up) != 0 && (flags & DeviceFlags.Running) == 0) names.Add("NO-CARRIER");
        (DeviceFlags Flag, string Name)[] order =
        [
            (DeviceFlags.Loopback, "LOOPBACK"), (DeviceFlags.Broadcast, "BROADCAST"), (DeviceFlags.PointToPoint, "POINTOPOINT"),
            (DeviceFlags.Multicast, "MULTICAST"), (DeviceFlags.NoArp, "NOARP"), (DeviceFlags.AllMulti, "ALLMULTI"),
            (DeviceFlags.Promisc, "PROMISC"), (DeviceFlags.Master, "MASTER"), (DeviceFlags.Slave, "SLAVE"),
            (DeviceFlags.Up, "UP"), (DeviceFlags.LowerUp, "LOWER_UP"),
        ];
        foreach (var (flag, name) in order)
            if ((flags & flag) != 0) names.Add(name);
        if (masterDown) names.Add("M-DOWN");
        return string.Join(',', names);
    }

    public static string OperStateName(OperState state) => state switch
    {
        OperState.Unknown => "UNKNOWN",
        OperState.NotPresent => "NOTPRESENT",
        OperState.Down => "DOWN",
        OperState.LowerLayerDown => "LOWERLAYERDOWN",
        OperState.Testing => "TESTING",
        OperState.Dormant => "DORMANT",
        OperState.Up => "UP",
        _ => state.ToString().ToUpperInvariant(),
    };
}
