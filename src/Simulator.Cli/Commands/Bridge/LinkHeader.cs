using System.Text;
using Simulator.Devices.Links;

namespace Simulator.Cli.Commands.Bridge;

/// <summary>
/// The start of an iproute2 link line, as <c>bridge link</c> prints it (bridge/link.c
/// print_linkinfo, lib print_link_flags): <c>4: veth1@veth2: &lt;BROADCAST,MULTICAST,UP,LOWER_UP&gt; </c>.
/// </summary>
public static class LinkHeader
{
    private static readonly (DeviceFlags Flag, string Name)[] FlagNames =
    [
        (DeviceFlags.Loopback, "LOOPBACK"),
        (DeviceFlags.Broadcast, "BROADCAST"),
        (DeviceFlags.PointToPoint, "POINTOPOINT"),
        (DeviceFlags.Multicast, "MULTICAST"),
        (DeviceFlags.NoArp, "NOARP"),
        (DeviceFlags.AllMulti, "ALLMULTI"),
        (DeviceFlags.Promisc, "PROMISC"),
        (DeviceFlags.Master, "MASTER"),
        (DeviceFlags.Slave, "SLAVE"),
        (DeviceFlags.Up, "UP"),
        (DeviceFlags.LowerUp, "LOWER_UP"),
    ];

    /// <summary>
    /// "INDEX: NAME[@LINK]: " — the link device by name when it is in the same namespace, as
    /// "if<i>N</i>" when it is in another.
    /// </summary>
    public static string Name(NetDevice device)
    {
        var link = device.Link;
        if (link is null) return $"{device.IfIndex}: {device.Name}: ";
        return link.Namespace == device.Namespace
            ? $"{device.IfIndex}: {device.Name}@{link.Name}: "
            : $"{device.IfIndex}: {device.Name}@if{link.IfIndex}: ";
    }

    /// <summary>
    /// print_link_flags: NO-CARRIER first when up without carrier, the flags in iproute2's order,
    /// and M-DOWN when the link device (in this namespace) is down.
    /// </summary>
    public static string Flags(NetDevice device)
    {
        var flags = device.Flags;
        var names = new List<string>();
        if ((flags & DeviceFlags.Up) != 0 && (flags & DeviceFlags.Running) == 0) names.Add("NO-CARRIER");
        foreach (var (flag, name) in FlagNames)
            if ((flags & flag) != 0) names.Add(name);
        var text = new StringBuilder("<").Append(string.Join(',', names));
        var link = device.Link;
        if (link != null && link.Namespace == device.Namespace && !link.IsUp) text.Append(",M-DOWN");
        return text.Append("> ").ToString();
    }
}
