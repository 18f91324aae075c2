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
    /// The device <c>bridge</c> names after '@': bridge/link.c looks the link's ifindex up in its
    /// own namespace whatever namespace the link is in, so a veth whose peer moved away shows
    /// the local device that has the peer's index ("p1@br0", measured), or "if<i>N</i>" when none has.
    /// </summary>
    private static NetDevice? LocalNamesake(NetDevice device) =>
        HasLink(device) ? device.Namespace.FindDevice(device.Link!.IfIndex) : null;

    /// <summary>
    /// The kernel sends IFLA_LINK only when the link's index differs from the device's own, so a
    /// veth whose peer elsewhere has the same index prints no '@' at all (measured: "3: p1: ").
    /// </summary>
    private static bool HasLink(NetDevice device) => device.Link is { } link && link.IfIndex != device.IfIndex;

    /// <summary>"INDEX: NAME[@LINK]: ".</summary>
    public static string Name(NetDevice device)
    {
        var link = device.Link;
        if (link is null || !HasLink(device)) return $"{device.IfIndex}: {device.Name}: ";
        return LocalNamesake(device) is { } local
            ? $"{device.IfIndex}: {device.Name}@{local.Name}: "
            : $"{device.IfIndex}: {device.Name}@if{link.IfIndex}: ";
    }

    /// <summary>
    /// print_link_flags: NO-CARRIER first when up without carrier, the flags in iproute2's order,
    /// and M-DOWN when the device named after '@' is down.
    /// </summary>
    public static string Flags(NetDevice device)
    {
        var flags = device.Flags;
        var names = new List<string>();
        if ((flags & DeviceFlags.Up) != 0 && (flags & DeviceFlags.Running) == 0) names.Add("NO-CARRIER");
        foreach (var (flag, name) in FlagNames)
            if ((flags & flag) != 0) names.Add(name);
        var text = new StringBuilder("<").Append(string.Join(',', names));
        if (LocalNamesake(device) is { IsUp: false }) text.Append(",M-DOWN");
        return text.Append("> ").ToString();
    }
}
