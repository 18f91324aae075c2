using System.Globalization;
using Simulator.Cli.Host;
using Simulator.Devices;
using Simulator.Devices.Links;
using Simulator.Devices.Links.Bridge;

namespace Simulator.Cli.Commands.Bridge;

/// <summary><c>bridge link show [dev DEV]</c> and <c>bridge link set dev DEV …</c> (bridge/link.c).</summary>
internal static class BridgeLinkCommand
{
    private const string SetUsage = """
        Usage: bridge link set dev DEV [ cost COST ] [ priority PRIO ] [ state STATE ]
                                       [ guard {on | off} ]
                                       [ hairpin {on | off} ]
                                       [ fastleave {on | off} ]
                                       [ root_block {on | off} ]
                                       [ learning {on | off} ]
                                       [ learning_sync {on | off} ]
                                       [ flood {on | off} ]
                                       [ mcast_router MULTICAST_ROUTER ]
                                       [ mcast_flood {on | off} ]
                                       [ bcast_flood {on | off} ]
                                       [ mcast_to_unicast {on | off} ]
                                       [ neigh_suppress {on | off} ]
                                       [ vlan_tunnel {on | off} ]
                                       [ isolated {on | off} ]
                                       [ locked {on | off} ]
                                       [ hwmode {vepa | veb} ]
                                       [ backup_port DEVICE ] [ nobackup_port ]
                                       [ self ] [ master ]
               bridge link show [dev DEV]
        """;

    /// <summary>Options of <c>bridge link set</c> that exist but are not modelled.</summary>
    private static readonly HashSet<string> Unmodelled =
    [
        "state", "guard", "fastleave", "root_block", "learning_sync", "mcast_router", "mcast_flood",
        "bcast_flood", "mcast_to_unicast", "neigh_suppress", "vlan_tunnel", "locked", "hwmode",
        "backup_port", "nobackup_port", "self",
    ];

    public static int Run(Invocation invocation, List<string> args, BridgeOptions options)
    {
        if (args.Count == 0) return Show(invocation, args, options);
        var command = args[0];
        var rest = args.Skip(1).ToList();
        if (BridgeCommand.Matches(command, "set") || BridgeCommand.Matches(command, "change")) return Set(invocation, rest);
        if (BridgeCommand.Matches(command, "show") || BridgeCommand.Matches(command, "lst") || BridgeCommand.Matches(command, "list"))
            return Show(invocation, rest, options);
        if (BridgeCommand.Matches(command, "help"))
        {
            invocation.Err.WriteLine(SetUsage);
            return 255;
        }
        invocation.Err.WriteLine($"Command \"{command}\" is unknown, try \"bridge link help\".");
        return 255;
    }

    private static int Show(Invocation invocation, List<string> args, BridgeOptions options)
    {
        NetDevice? filter = null;
        for (int i = 0; i < args.Count; i++)
        {
            if (args[i] == "dev" && i + 1 < args.Count)
            {
                filter = invocation.Namespace.FindDevice(args[++i]);
                if (filter is null)
                {
                    invocation.Err.WriteLine($"Cannot find device \"{args[i]}\"");
                    return 255;
                }
            }
            else
            {
                invocation.Err.WriteLine($"netsim: bridge link show: \"{args[i]}\" is not modelled (supported: dev DEV)");
                return 255;
            }
        }
        foreach (var device in invocation.Namespace.Devices)
        {
            if (filter != null && device != filter) continue;
            if (BridgeDevice.PortOfDevice(device) is not { } port) continue;
            var text = LinkHeader.Name(device) + LinkHeader.Flags(device) +
                       string.Create(CultureInfo.InvariantCulture, $"mtu {device.Mtu} master {port.Bridge.Name} ") +
                       $"state {port.State.Name()} priority {port.Priority} cost {port.PathCost} ";
            if (options.Details)
            {
                string OnOff(bool on) => on ? "on" : "off";
                text += "\n    " +
                        $"hairpin {OnOff(port.Hairpin)} guard off root_block off fastleave off " +
                        $"learning {OnOff((port.Flags & PortFlags.Learning) != 0)} flood {OnOff((port.Flags & PortFlags.Flood) != 0)} " +
                        "mcast_flood on bcast_flood on mcast_router 1 mcast_to_unicast off neigh_suppress off vlan_tunnel off " +
                        $"isolated {OnOff(port.Isolated)} locked off ";
            }
            invocation.Out.WriteLine(text);
        }
        return 0;
    }

    private static int Set(Invocation invocation, List<string> args)
    {
        NetDevice? device = null;
        string? deviceName = null;
        var changes = new List<Func<BridgePort, NetlinkError?>>();
        for (int i = 0; i < args.Count; i++)
        {
            var word = args[i];
            string? Next()
            {
                if (i + 1 < args.Count) return args[++i];
                invocation.Err.WriteLine("Command line is not complete. Try option \"help\"");
                return null;
            }
            switch (word)
            {
                case "dev":
                    if ((deviceName = Next()) is null) return 255;
                    break;
                case "hairpin" or "learning" or "flood" or "isolated":
                {
                    if (Next() is not { } value) return 255;
                    if (value is not ("on" or "off"))
                    {
                        invocation.Err.WriteLine($"Error: argument of \"{word}\" must be one of \"off\", \"on\", not \"{value}\"");
                        return 234;
                    }
                    bool on = value == "on";
                    changes.Add(word switch
                    {
                        "hairpin" => p => { p.SetHairpin(on); return null; },
                        "learning" => p => { p.SetLearning(on); return null; },
                        "isolated" => p => { p.SetIsolated(on); return null; },
                        _ => p => { p.SetFlood(on); return null; },
                    });
                    break;
                }
                case "cost" or "priority":
                {
                    if (Next() is not { } value) return 255;
                    if (!uint.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out uint number))
                    {
                        invocation.Err.WriteLine($"Invalid \"{word}\" value");
                        return 255;
                    }
                    int n = (int)Math.Min(number, int.MaxValue);
                    changes.Add(word == "cost" ? p => p.Bridge.SetPathCost(p, n) : p => p.Bridge.SetPortPriority(p, n));
                    break;
                }
                case "master":
                    break;
                default:
                    if (Unmodelled.Contains(word))
                    {
                        invocation.Err.WriteLine($"netsim: bridge link set: \"{word}\" is not modelled (supported: hairpin, learning, flood, isolated, cost, priority)");
                        return 255;
                    }
                    invocation.Err.WriteLine(SetUsage);
                    return 255;
            }
        }
        if (deviceName is null)
        {
            invocation.Err.WriteLine("Device is a required argument.");
            return 255;
        }
        device = invocation.Namespace.FindDevice(deviceName);
        if (device is null)
        {
            invocation.Err.WriteLine($"Cannot find bridge device \"{deviceName}\"");
            return 255;
        }
        if (BridgeDevice.PortOfDevice(device) is not { } port)
        {
            invocation.Err.WriteLine(new NetlinkError(Errno.ENOTSUP).ToString());
            return 255;
        }
        foreach (var change in changes)
        {
            var error = change(port);
            if (error is null) continue;
            invocation.Err.WriteLine(error.ToString());
            return 255;
        }
        return 0;
    }
}
