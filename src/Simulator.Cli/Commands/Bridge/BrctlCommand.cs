using System.Globalization;
using Simulator.Cli.Host;
using Simulator.Devices;
using Simulator.Devices.Links;
using Simulator.Devices.Links.Bridge;
using Simulator.Devices.Namespaces;
using Errno = Simulator.Devices.Errno;

namespace Simulator.Cli.Commands.Bridge;

/// <summary>
/// bridge-utils 1.7 brctl: create, delete and configure bridges, with its messages and exit
/// statuses (brctl.c, brctl_cmd.c; errors from the ioctl/sysfs calls worded as libbridge's
/// strerror). Output formats are in <see cref="BrctlDisplay"/>.
/// </summary>
public sealed class BrctlCommand : INetworkCommand
{
    public IReadOnlyList<string> Names { get; } = ["brctl"];

    private delegate int Handler(Invocation invocation, IReadOnlyList<string> args);

    private sealed record Command(int Arguments, string Name, Handler Run, string Help);

    private static readonly Command[] Commands =
    [
        new(1, "addbr", AddBridge, "<bridge>\t\tadd bridge"),
        new(1, "delbr", DeleteBridge, "<bridge>\t\tdelete bridge"),
        new(2, "addif", AddInterface, "<bridge> <device>\tadd interface to bridge"),
        new(2, "delif", DeleteInterface, "<bridge> <device>\tdelete interface from bridge"),
        new(3, "hairpin", Hairpin, "<bridge> <port> {on|off}\tturn hairpin on/off"),
        new(2, "setageing", SetAgeing, "<bridge> <time>\t\tset ageing time"),
        new(2, "setbridgeprio", SetBridgePriority, "<bridge> <prio>\t\tset bridge priority"),
        new(2, "setfd", SetForwardDelay, "<bridge> <time>\t\tset bridge forward delay"),
        new(2, "sethello", SetHello, "<bridge> <time>\t\tset hello time"),
        new(2, "setmaxage", SetMaxAge, "<bridge> <time>\t\tset max message age"),
        new(3, "setpathcost", SetPathCost, "<bridge> <port> <cost>\tset path cost"),
        new(3, "setportprio", SetPortPriority, "<bridge> <port> <prio>\tset port priority"),
        new(0, "show", Show, "[ <bridge> ]\t\tshow a list of bridges"),
        new(1, "showmacs", ShowMacs, "<bridge>\t\tshow a list of mac addrs"),
        new(1, "showstp", ShowStp, "<bridge>\t\tshow bridge stp info"),
        new(2, "stp", Stp, "<bridge> {on|off}\tturn stp on/off"),
    ];

    public int Run(Invocation invocation)
    {
        var args = invocation.Args;
        int first = 0;
        while (first < args.Count && args[first].StartsWith('-') && args[first].Length > 1)
        {
            switch (args[first])
            {
                case "-h" or "--help":
                    Help(invocation);
                    return 0;
                case "-V" or "--version":
                    invocation.Out.WriteLine("bridge-utils, 1.7");
                    return 0;
                default:
                    invocation.Err.WriteLine($"{invocation.Name}: unrecognized option '{args[first]}'");
                    Help(invocation);
                    return 1;
            }
        }
        if (first == args.Count)
        {
            Help(invocation);
            return 1;
        }
        var name = args[first];
        var command = Array.Find(Commands, c => c.Name == name);
        if (command is null)
        {
            invocation.Err.WriteLine($"never heard of command [{name}]");
            Help(invocation);
            return 1;
        }
        var operands = args.Skip(first + 1).ToList();
        if (operands.Count < command.Arguments)
        {
            invocation.Out.WriteLine("Incorrect number of arguments for command");
            invocation.Out.WriteLine($"Usage: brctl {command.Name} {command.Help}");
            return 1;
        }
        return command.Run(invocation, operands);
    }

    private static void Help(Invocation invocation)
    {
        invocation.Out.WriteLine("Usage: brctl [commands]");
        invocation.Out.WriteLine("commands:");
        foreach (var command in Commands) invocation.Out.WriteLine($"\t{command.Name,-10}\t{command.Help}");
    }

    // ----- lookups, as libbridge reaches the kernel -----

    /// <summary>What the ioctl or sysfs path finds under a bridge name: the bridge, or the errno.</summary>
    private static BridgeDevice? FindBridge(NetworkNamespace ns, string name, out Errno error)
    {
        error = 0;
        var device = ns.FindDevice(name);
        if (device is BridgeDevice bridge) return bridge;
        error = device is null ? Errno.ENODEV : Errno.ENOTSUP;
        return null;
    }

    // ----- commands -----

    /// <summary>br_add_bridge: a new bridge with a random address; names longer than IFNAMSIZ are cut.</summary>
    private static int AddBridge(Invocation invocation, IReadOnlyList<string> args)
    {
        var name = args[0].Length > 15 ? args[0][..15] : args[0];
        var ns = invocation.Namespace;
        if (ns.FindDevice(name) != null)
        {
            invocation.Err.WriteLine($"device {name} already exists; can't create bridge with the same name");
            return 1;
        }
        if (name.Length == 0 || name is "." or ".." || name.Any(c => c == '/' || c == ':' || char.IsWhiteSpace(c)))
        {
            invocation.Err.WriteLine($"add bridge failed: {Errno.EINVAL.Message()}");
            return 1;
        }
        ns.Add(new BridgeDevice(invocation.World, name, invocation.World.RandomMac()));
        return 0;
    }

    /// <summary>br_del_bridge: only a bridge, and only once it is down.</summary>
    private static int DeleteBridge(Invocation invocation, IReadOnlyList<string> args)
    {
        var name = args[0];
        var device = invocation.Namespace.FindDevice(name);
        if (device is null)
        {
            invocation.Err.WriteLine($"bridge {name} doesn't exist; can't delete it");
            return 1;
        }
        if (device is not BridgeDevice)
        {
            invocation.Err.WriteLine($"can't delete bridge {name}: {Errno.EPERM.Message()}");
            return 1;
        }
        if (device.IsUp)
        {
            invocation.Err.WriteLine($"bridge {name} is still up; can't delete it");
            return 1;
        }
        invocation.World.DeleteDevice(device);
        return 0;
    }

    private static int AddInterface(Invocation invocation, IReadOnlyList<string> args)
    {
        var bridgeName = args[0];
        foreach (var ifName in args.Skip(1))
        {
            var device = invocation.Namespace.FindDevice(ifName);
            var bridge = FindBridge(invocation.Namespace, bridgeName, out var lookupError);
            NetlinkError? error = device is null || bridge is null
                ? new NetlinkError(device is null ? Errno.ENODEV : lookupError)
                : bridge.AddSlave(device);
            if (error is null) continue;
            var message = error.Errno switch
            {
                Errno.ENODEV when device is null => $"interface {ifName} does not exist!",
                Errno.ENODEV => $"bridge {bridgeName} does not exist!",
                Errno.EBUSY => $"device {ifName} is already a member of a bridge; can't add it to bridge {bridgeName}.",
                Errno.ELOOP => $"device {ifName} is a bridge device itself; can't add a bridge device to a bridge device.",
                _ => $"can't add {ifName} to bridge {bridgeName}: {error.Errno.Message()}",
            };
            invocation.Err.WriteLine(message);
            return 1;
        }
        return 0;
    }

    private static int DeleteInterface(Invocation invocation, IReadOnlyList<string> args)
    {
        var bridgeName = args[0];
        foreach (var ifName in args.Skip(1))
        {
            var device = invocation.Namespace.FindDevice(ifName);
            var bridge = FindBridge(invocation.Namespace, bridgeName, out var lookupError);
            NetlinkError? error = device is null || bridge is null
                ? new NetlinkError(device is null ? Errno.ENODEV : lookupError)
                : bridge.DeleteSlave(device);
            if (error is null) continue;
            var message = error.Errno switch
            {
                Errno.ENODEV when device is null => $"interface {ifName} does not exist!",
                Errno.ENODEV => $"bridge {bridgeName} does not exist!",
                Errno.EINVAL => $"device {ifName} is not a port of {bridgeName}",
                _ => $"can't delete {ifName} from {bridgeName}: {error.Errno.Message()}",
            };
            invocation.Err.WriteLine(message);
            return 1;
        }
        return 0;
    }

    /// <summary>on/yes/1 and off/no/0, as br_cmd_stp and br_cmd_hairpin accept.</summary>
    private static bool? OnOff(string text) => text switch
    {
        "on" or "yes" or "1" => true,
        "off" or "no" or "0" => false,
        _ => null,
    };

    /// <summary>br_cmd_hairpin: writes /sys/class/net/BR/brif/PORT/hairpin_mode.</summary>
    private static int Hairpin(Invocation invocation, IReadOnlyList<string> args)
    {
        var (bridgeName, portName) = (args[0], args[1]);
        if (OnOff(args[2]) is not { } on)
        {
            invocation.Err.WriteLine("expect on/off for argument");
            return 1;
        }
        var ns = invocation.Namespace;
        var device = ns.FindDevice(portName);
        if (device is null)
        {
            invocation.Err.WriteLine($"interface {portName} does not exist!");
            return 1;
        }
        if (ns.FindDevice(bridgeName) is null)
        {
            invocation.Err.WriteLine($"bridge {bridgeName} does not exist!");
            return 1;
        }
        var port = (ns.FindDevice(bridgeName) as BridgeDevice)?.PortOf(device);
        if (port is null)
        {
            invocation.Err.WriteLine($"can't set {portName} to hairpin on bridge {bridgeName}: {Errno.ENOENT.Message()}");
            return 1;
        }
        port.SetHairpin(on);
        return 0;
    }

    /// <summary>strtotimeval: sscanf("%lf"), so "10", "1.5" and "10abc" all read.</summary>
    private static bool TryParseSeconds(string text, out double seconds)
    {
        int end = 0;
        while (end < text.Length && (char.IsDigit(text[end]) || text[end] is '.' or '-' or '+' || (end > 0 && text[end] is 'e' or 'E')))
            end++;
        return double.TryParse(text.AsSpan(0, end).Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out seconds);
    }

    /// <summary>__tv_to_jiffies as libbridge writes it to sysfs: centiseconds.</summary>
    private static long ToCentiseconds(double seconds)
    {
        long whole = (long)seconds;
        long micro = (long)(1000000 * (seconds - whole));
        return whole * 100 + micro / 10000;
    }

    private static int SetTime(Invocation invocation, IReadOnlyList<string> args, string badValue, string failure,
        Func<BridgeDevice, long, NetlinkError?> apply)
    {
        if (!TryParseSeconds(args[1], out double seconds))
        {
            invocation.Err.WriteLine(badValue);
            return 1;
        }
        var bridge = FindBridge(invocation.Namespace, args[0], out var lookupError);
        var error = bridge is null ? new NetlinkError(lookupError) : apply(bridge, ToCentiseconds(seconds));
        if (error is null) return 0;
        invocation.Err.WriteLine($"{failure}: {error.Errno.Message()}");
        return 1;
    }

    private static int SetAgeing(Invocation invocation, IReadOnlyList<string> args) =>
        SetTime(invocation, args, "bad ageing time value", "set ageing time failed", (bridge, cs) =>
        {
            bridge.SetAgeingTime(cs);
            return null;
        });

    private static int SetForwardDelay(Invocation invocation, IReadOnlyList<string> args) =>
        SetTime(invocation, args, "bad forward delay value", "set forward delay failed", (b, cs) => b.SetForwardDelay(cs));

    private static int SetHello(Invocation invocation, IReadOnlyList<string> args) =>
        SetTime(invocation, args, "bad hello timer value", "set hello timer failed", (b, cs) => b.SetHelloTime(cs));

    private static int SetMaxAge(Invocation invocation, IReadOnlyList<string> args) =>
        SetTime(invocation, args, "bad max age value", "set max age failed", (b, cs) => b.SetMaxAge(cs));

    /// <summary>sscanf("%i"): decimal, 0x hex or 0 octal, with a sign.</summary>
    private static bool TryParseCInteger(string text, out long value)
    {
        value = 0;
        var s = text.TrimStart();
        bool negative = false;
        if (s.StartsWith('-') || s.StartsWith('+'))
        {
            negative = s[0] == '-';
            s = s[1..];
        }
        int radix = 10;
        if (s.StartsWith("0x", StringComparison.OrdinalIgnoreCase) && s.Length > 2) { radix = 16; s = s[2..]; }
        else if (s.StartsWith('0') && s.Length > 1) { radix = 8; s = s[1..]; }
        int digits = 0;
        foreach (char c in s)
        {
            int d = char.IsAsciiDigit(c) ? c - '0' : char.IsAsciiLetter(c) ? char.ToLowerInvariant(c) - 'a' + 10 : 99;
            if (d >= radix) break;
            value = value * radix + d;
            digits++;
        }
        if (negative) value = -value;
        return digits > 0 || radix == 8;
    }

    private static int SetBridgePriority(Invocation invocation, IReadOnlyList<string> args)
    {
        if (!TryParseCInteger(args[1], out long priority))
        {
            invocation.Err.WriteLine("bad priority");
            return 1;
        }
        var bridge = FindBridge(invocation.Namespace, args[0], out var error);
        if (bridge is null)
        {
            invocation.Err.WriteLine($"set bridge priority failed: {error.Message()}");
            return 1;
        }
        // The priority travels as an unsigned 16-bit value: 70000 becomes 4464 (0x1170).
        bridge.SetPriority((ushort)priority);
        return 0;
    }

    private static int SetPortValue(Invocation invocation, IReadOnlyList<string> args, string badValue, string failure,
        Func<BridgeDevice, BridgePort, int, NetlinkError?> apply)
    {
        if (!TryParseCInteger(args[2], out long value))
        {
            invocation.Err.WriteLine(badValue);
            return 1;
        }
        var ns = invocation.Namespace;
        var bridge = FindBridge(ns, args[0], out var lookupError);
        var device = ns.FindDevice(args[1]);
        var port = device is null ? null : bridge?.PortOf(device);
        NetlinkError? error = port is null
            ? new NetlinkError(bridge is null ? lookupError : Errno.ENOENT)
            : apply(bridge!, port, (int)Math.Clamp(value, int.MinValue, int.MaxValue));
        if (error is null) return 0;
        invocation.Err.WriteLine($"{failure}: {error.Errno.Message()}");
        return 1;
    }

    private static int SetPathCost(Invocation invocation, IReadOnlyList<string> args) =>
        SetPortValue(invocation, args, "bad path cost value", "set path cost failed", (b, p, v) => b.SetPathCost(p, v));

    private static int SetPortPriority(Invocation invocation, IReadOnlyList<string> args) =>
        SetPortValue(invocation, args, "bad path priority value", "set port priority failed", (b, p, v) => b.SetPortPriority(p, v));

    private static int Stp(Invocation invocation, IReadOnlyList<string> args)
    {
        if (OnOff(args[1]) is not { } on)
        {
            invocation.Err.WriteLine("expect on/off for argument");
            return 1;
        }
        var bridge = FindBridge(invocation.Namespace, args[0], out var error);
        if (bridge is null)
        {
            invocation.Err.WriteLine($"set stp status failed: {error.Message()}");
            return 1;
        }
        bridge.SetStpEnabled(on);
        return 0;
    }

    private static int Show(Invocation invocation, IReadOnlyList<string> args)
    {
        var ns = invocation.Namespace;
        IEnumerable<string> names = args.Count == 0
            ? ns.Devices.OfType<BridgeDevice>().Select(b => b.Name).Order(StringComparer.Ordinal)
            : args;
        bool header = true;
        int errors = 0;
        foreach (var name in names)
        {
            var bridge = FindBridge(ns, name, out var error);
            if (bridge is null)
            {
                invocation.Err.WriteLine(error == Errno.ENODEV ? $"bridge {name} does not exist!" : $"device {name} is not a bridge!");
                errors++;
                continue;
            }
            if (header)
            {
                invocation.Out.WriteLine("bridge name\tbridge id\t\tSTP enabled\tinterfaces");
                header = false;
            }
            BrctlDisplay.ShowBridge(invocation.Out, bridge);
        }
        return errors > 0 ? 1 : 0;
    }

    private static int ShowMacs(Invocation invocation, IReadOnlyList<string> args)
    {
        var bridge = FindBridge(invocation.Namespace, args[0], out var error);
        if (bridge is null)
        {
            invocation.Err.WriteLine($"read of forward table failed: {error.Message()}");
            return 1;
        }
        BrctlDisplay.ShowMacs(invocation.Out, bridge);
        return 0;
    }

    private static int ShowStp(Invocation invocation, IReadOnlyList<string> args)
    {
        var name = args[0];
        var bridge = FindBridge(invocation.Namespace, name, out var error);
        if (bridge is null)
        {
            invocation.Err.WriteLine(error == Errno.ENODEV ? $"bridge {name} does not exist!" : $"device {name} is not a bridge!");
            return 1;
        }
        BrctlDisplay.ShowStp(invocation.Out, bridge);
        return 0;
    }
}
