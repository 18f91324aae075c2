using System.Globalization;
using System.Text;
using Simulator.Cli.Host;
using Simulator.Core.Addressing;
using Simulator.Devices;
using Simulator.Devices.Links;
using Simulator.Devices.Links.Bridge;

namespace Simulator.Cli.Commands.Bridge;

/// <summary>
/// <c>bridge fdb show|add|replace|del</c> (bridge/fdb.c) on the bridges' forwarding databases.
/// Entries a device keeps in its own address lists ("self": the multicast groups of a device,
/// addresses added without "master") are not modelled: they are not shown, and asking for them
/// is an error.
/// </summary>
internal static class BridgeFdbCommand
{
    public static int Run(Invocation invocation, List<string> args, BridgeOptions options)
    {
        if (args.Count == 0) return Show(invocation, args, options);
        var command = args[0];
        var rest = args.Skip(1).ToList();
        if (BridgeCommand.Matches(command, "add")) return Modify(invocation, rest, Operation.Add);
        if (BridgeCommand.Matches(command, "append")) return Modify(invocation, rest, Operation.Append);
        if (BridgeCommand.Matches(command, "replace")) return Modify(invocation, rest, Operation.Replace);
        if (BridgeCommand.Matches(command, "delete")) return Modify(invocation, rest, Operation.Delete);
        if (BridgeCommand.Matches(command, "show") || BridgeCommand.Matches(command, "lst") || BridgeCommand.Matches(command, "list"))
            return Show(invocation, rest, options);
        if (BridgeCommand.Matches(command, "help"))
        {
            invocation.Err.WriteLine("Usage: bridge fdb { add | append | del | replace } ADDR dev DEV [ master ] [ local | static | dynamic ]");
            invocation.Err.WriteLine("       bridge fdb [ show [ br BRDEV ] [ brport DEV ] ]");
            return 255;
        }
        invocation.Err.WriteLine($"Command \"{command}\" is unknown, try \"bridge fdb help\".");
        return 255;
    }

    private static int Show(Invocation invocation, List<string> args, BridgeOptions options)
    {
        var ns = invocation.Namespace;
        BridgeDevice? bridgeFilter = null;
        NetDevice? portFilter = null;
        for (int i = 0; i < args.Count; i++)
        {
            var word = args[i];
            if ((word is "br" or "brport" or "dev") && i + 1 < args.Count)
            {
                var name = args[++i];
                var device = ns.FindDevice(name);
                if (word == "br")
                {
                    if (device is null)
                    {
                        invocation.Err.WriteLine($"Cannot find bridge device \"{name}\"");
                        return 255;
                    }
                    // A device that is not a bridge has nothing under it.
                    if (device is not BridgeDevice bridge) return 0;
                    bridgeFilter = bridge;
                }
                else
                {
                    if (device is null)
                    {
                        invocation.Err.WriteLine($"Cannot find device \"{name}\"");
                        return 255;
                    }
                    portFilter = device;
                }
                continue;
            }
            invocation.Err.WriteLine($"netsim: bridge fdb show: \"{word}\" is not modelled (supported: br BRDEV, brport DEV, dev DEV)");
            return 255;
        }

        long now = invocation.World.Simulation.Now;
        foreach (var device in ns.Devices)
        {
            if (portFilter != null && device != portFilter) continue;
            IEnumerable<FdbEntry> entries;
            BridgeDevice owner;
            if (device is BridgeDevice bridge)
            {
                owner = bridge;
                entries = bridge.Fdb.Entries.Where(e => e.Port is null);
            }
            else if (BridgeDevice.PortOfDevice(device) is { } port)
            {
                owner = port.Bridge;
                entries = port.Bridge.Fdb.Entries.Where(e => e.Port == port);
            }
            else continue;
            if (bridgeFilter != null && owner != bridgeFilter) continue;
            foreach (var entry in entries)
                invocation.Out.WriteLine(Line(entry, device, owner, portFilter is null, options.Statistics, now));
        }
        return 0;
    }

    /// <summary>print_fdb: "ADDR [dev DEV] [used U/T] master BR [permanent|static]".</summary>
    private static string Line(FdbEntry entry, NetDevice device, BridgeDevice bridge, bool showDevice, bool statistics, long now)
    {
        var text = new StringBuilder(entry.Address.ToString()).Append(' ');
        if (showDevice) text.Append("dev ").Append(device.Name).Append(' ');
        if (statistics)
        {
            long used = (now - entry.Used) / Core.Engine.Simulation.Second;
            long updated = (now - entry.Updated) / Core.Engine.Simulation.Second;
            text.Append(CultureInfo.InvariantCulture, $"used {used}/{updated} ");
        }
        text.Append("master ").Append(bridge.Name).Append(' ');
        if (entry.IsLocal) text.Append("permanent");
        else if (entry.IsStatic) text.Append("static");
        return text.ToString();
    }

    private enum Operation { Add, Append, Replace, Delete }

    private static int Modify(Invocation invocation, List<string> args, Operation operation)
    {
        string? address = null, deviceName = null;
        bool master = false, self = false;
        var state = FdbState.Permanent;
        for (int i = 0; i < args.Count; i++)
        {
            var word = args[i];
            switch (word)
            {
                case "dev":
                    if (i + 1 >= args.Count)
                    {
                        invocation.Err.WriteLine("Command line is not complete. Try option \"help\"");
                        return 255;
                    }
                    deviceName = args[++i];
                    break;
                case "master": master = true; break;
                case "self": self = true; break;
                case "local" or "permanent": state = FdbState.Permanent; break;
                case "static": state = FdbState.Static; break;
                case "dynamic" or "temp": state = FdbState.Dynamic; break;
                default:
                    if (address is null && !word.Contains(' '))
                    {
                        address = word;
                        break;
                    }
                    invocation.Err.WriteLine($"netsim: bridge fdb: \"{word}\" is not modelled (supported: ADDR dev DEV master|self local|permanent|static|dynamic)");
                    return 255;
            }
        }
        if (address is null || deviceName is null)
        {
            invocation.Err.WriteLine("Device and address are required arguments.");
            return 255;
        }
        if (!MacAddress.TryParse(address, out var mac))
        {
            invocation.Err.WriteLine($"Invalid mac address {address}");
            return 255;
        }
        var device = invocation.Namespace.FindDevice(deviceName);
        if (device is null)
        {
            invocation.Err.WriteLine($"Cannot find device \"{deviceName}\"");
            return 255;
        }
        // iproute2 assumes "self" when neither is given; the bridge's own table is reached with
        // "master" on a port, or "self" on the bridge device itself.
        if (!master && !self) self = true;
        NetlinkError? error;
        if (master)
        {
            if (BridgeDevice.PortOfDevice(device) is not { } port)
            {
                invocation.Err.WriteLine(new NetlinkError(Errno.ENOTSUP).ToString());
                return 255;
            }
            error = Apply(port.Bridge, port, mac, state, operation);
        }
        else if (device is BridgeDevice bridge)
        {
            error = Apply(bridge, null, mac, state, operation);
        }
        else
        {
            invocation.Err.WriteLine($"netsim: bridge fdb {operation.ToString().ToLowerInvariant()} … self: the address lists of {device.Name} itself are not modelled; use \"master\" for the bridge's forwarding database");
            return 255;
        }
        if (error is null) return 0;
        invocation.Err.WriteLine(error.ToString());
        return 255;
    }

    private static NetlinkError? Apply(BridgeDevice bridge, BridgePort? port, MacAddress mac, FdbState state, Operation operation) =>
        operation switch
        {
            Operation.Delete => bridge.Fdb.Delete(port, mac),
            Operation.Add => bridge.Fdb.Add(port, mac, state, create: true, exclusive: true),
            _ => bridge.Fdb.Add(port, mac, state, create: true, exclusive: false),
        };
}
