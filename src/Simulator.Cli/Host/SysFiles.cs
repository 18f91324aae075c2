using System.Globalization;
using Simulator.Cli.Shell;
using Simulator.Devices.Links;
using Simulator.Devices.Links.Bridge;
using Simulator.Devices;
using Errno = Simulator.Devices.Errno;

namespace Simulator.Cli.Host;

/// <summary>
/// The bridge's files under /sys/class/net (net/bridge/br_sysfs_br.c, br_sysfs_if.c), as a
/// namespace sees them: <c>BR/bridge/ATTR</c>, <c>BR/brif/PORT/ATTR</c> and its alias
/// <c>PORT/brport/ATTR</c>. <c>echo 1 &gt; /sys/class/net/br0/brif/eth1/hairpin_mode</c> turns
/// hairpin on. Other files under /sys/class/net are not modelled and are left to the shell's
/// file system (where they do not exist).
/// </summary>
public sealed class SysFiles(Machine machine)
{
    private const string Root = "/sys/class/net/";

    private enum Kind { BridgeDirectory, BridgeAttribute, BrifDirectory, PortDirectory, PortAttribute }

    private readonly record struct Target(Kind Kind, BridgeDevice Bridge, BridgePort? Port, string? Attribute);

    private static readonly string[] BridgeReadable =
    [
        "ageing_time", "bridge_id", "forward_delay", "gc_timer", "group_addr", "hello_time", "hello_timer", "max_age",
        "priority", "root_id", "root_path_cost", "root_port", "stp_state", "tcn_timer", "topology_change",
        "topology_change_detected", "topology_change_timer", "flush",
    ];

    private static readonly string[] PortReadable =
    [
        "change_ack", "config_pending", "designated_bridge", "designated_cost", "designated_port", "designated_root",
        "flush", "forward_delay_timer", "hairpin_mode", "hold_timer", "isolated", "learning", "message_age_timer", "path_cost",
        "port_id", "port_no", "priority", "state", "unicast_flood",
    ];

    /// <summary>What a path names, or null when it is not a modelled bridge file.</summary>
    private Target? Resolve(string? ns, string path, out bool underBridge)
    {
        underBridge = false;
        if (!path.StartsWith(Root, StringComparison.Ordinal)) return null;
        var parts = path[Root.Length..].TrimEnd('/').Split('/');
        var space = machine.ResolveNamespace(ns);
        if (space is null || parts.Length < 2) return null;
        var device = space.FindDevice(parts[0]);
        if (device is null) return null;
        if (device is BridgeDevice bridge && parts[1] is "bridge" or "brif")
        {
            underBridge = true;
            if (parts[1] == "bridge")
            {
                if (parts.Length == 2) return new Target(Kind.BridgeDirectory, bridge, null, null);
                if (parts.Length == 3 && BridgeReadable.Contains(parts[2])) return new Target(Kind.BridgeAttribute, bridge, null, parts[2]);
                return null;
            }
            if (parts.Length == 2) return new Target(Kind.BrifDirectory, bridge, null, null);
            var portDevice = space.FindDevice(parts[2]);
            var port = portDevice is null ? null : bridge.PortOf(portDevice);
            if (port is null) return null;
            if (parts.Length == 3) return new Target(Kind.PortDirectory, bridge, port, null);
            if (parts.Length == 4 && PortReadable.Contains(parts[3])) return new Target(Kind.PortAttribute, bridge, port, parts[3]);
            return null;
        }
        if (parts[1] == "brport" && BridgeDevice.PortOfDevice(device) is { } own)
        {
            underBridge = true;
            if (parts.Length == 2) return new Target(Kind.PortDirectory, own.Bridge, own, null);
            if (parts.Length == 3 && PortReadable.Contains(parts[2])) return new Target(Kind.PortAttribute, own.Bridge, own, parts[2]);
        }
        return null;
    }

    public string? Read(string? ns, string path, out string? error)
    {
        error = null;
        var target = Resolve(ns, path, out bool underBridge);
        if (target is null)
        {
            if (underBridge) error = Errno.ENOENT.Message();
            return null;
        }
        var t = target.Value;
        if (t.Attribute is null)
        {
            error = "Is a directory";
            return null;
        }
        if (t.Attribute == "flush")
        {
            error = Errno.EACCES.Message();
            return null;
        }
        return (t.Port is null ? ReadBridge(t.Bridge, t.Attribute) : ReadPort(t.Port, t.Attribute)) + "\n";
    }

    private static string ClockT(long nanoseconds) => BridgeTime.ToClockT(nanoseconds).ToString(CultureInfo.InvariantCulture);

    private static string ReadBridge(BridgeDevice b, string attribute) => attribute switch
    {
        "ageing_time" => ClockT(b.AgeingTime),
        "bridge_id" => b.BridgeId.ToString(),
        "forward_delay" => ClockT(b.ForwardDelay),
        "gc_timer" => ClockT(b.GcTimerRemaining),
        "group_addr" => BridgeDevice.GroupAddress.ToString(),
        "hello_time" => ClockT(b.HelloTime),
        "hello_timer" => ClockT(b.HelloTimerRemaining),
        "max_age" => ClockT(b.MaxAge),
        "priority" => b.BridgeId.Priority.ToString(CultureInfo.InvariantCulture),
        "root_id" => b.DesignatedRoot.ToString(),
        "root_path_cost" => b.RootPathCost.ToString(CultureInfo.InvariantCulture),
        "root_port" => b.RootPort.ToString(CultureInfo.InvariantCulture),
        "stp_state" => ((int)b.StpEnabled).ToString(CultureInfo.InvariantCulture),
        "tcn_timer" => ClockT(b.TcnTimerRemaining),
        "topology_change" => b.TopologyChange ? "1" : "0",
        "topology_change_detected" => b.TopologyChangeDetected ? "1" : "0",
        "topology_change_timer" => ClockT(b.TopologyChangeTimerRemaining),
        _ => throw new InvalidOperationException(attribute),
    };

    private static string ReadPort(BridgePort p, string attribute) => attribute switch
    {
        "change_ack" => p.TopologyChangeAck ? "1" : "0",
        "config_pending" => p.ConfigPending ? "1" : "0",
        "designated_bridge" => p.DesignatedBridge.ToString(),
        "designated_cost" => p.DesignatedCost.ToString(CultureInfo.InvariantCulture),
        "designated_port" => p.DesignatedPort.ToString(CultureInfo.InvariantCulture),
        "designated_root" => p.DesignatedRoot.ToString(),
        "forward_delay_timer" => ClockT(p.ForwardDelayTimerRemaining),
        "hairpin_mode" => p.Hairpin ? "1" : "0",
        "isolated" => p.Isolated ? "1" : "0",
        "hold_timer" => ClockT(p.HoldTimerRemaining),
        "learning" => (p.Flags & PortFlags.Learning) != 0 ? "1" : "0",
        "message_age_timer" => ClockT(p.MessageAgeTimerRemaining),
        "path_cost" => p.PathCost.ToString(CultureInfo.InvariantCulture),
        "port_id" => $"0x{p.PortId:x}",
        "port_no" => $"0x{p.PortNo:x}",
        "priority" => p.Priority.ToString(CultureInfo.InvariantCulture),
        "state" => ((int)p.State).ToString(CultureInfo.InvariantCulture),
        "unicast_flood" => (p.Flags & PortFlags.Flood) != 0 ? "1" : "0",
        _ => throw new InvalidOperationException(attribute),
    };

    /// <summary>Attributes that take a write; the others are read-only (0444) and refuse it.</summary>
    private static bool IsWritable(string attribute) => attribute is "ageing_time" or "forward_delay" or "hello_time"
        or "max_age" or "priority" or "stp_state" or "flush" or "hairpin_mode" or "isolated" or "learning" or "unicast_flood"
        or "path_cost";

    public bool? Write(string? ns, string path, string content, out string? error)
    {
        error = null;
        var target = Resolve(ns, path, out bool underBridge);
        if (target is null)
        {
            if (!underBridge) return null;
            error = Errno.ENOENT.Message();
            return false;
        }
        var t = target.Value;
        if (t.Attribute is null)
        {
            error = "Is a directory";
            return false;
        }
        if (!IsWritable(t.Attribute))
        {
            error = Errno.EACCES.Message();
            return false;
        }
        // kstrtoul(buf, 0, …): one number, decimal, 0x hex or 0 octal, a trailing newline allowed.
        if (!TryParseKernelUlong(content, out ulong value))
        {
            error = Errno.EINVAL.Message();
            return false;
        }
        var failure = t.Port is null ? WriteBridge(t.Bridge, t.Attribute, value) : WritePort(t.Port, t.Attribute, value);
        if (failure is null) return true;
        error = failure.Value.Message();
        return false;
    }

    private static Errno? WriteBridge(BridgeDevice b, string attribute, ulong value)
    {
        long v = (long)Math.Min(value, long.MaxValue / 1000);
        switch (attribute)
        {
            case "ageing_time": b.SetAgeingTime(v); return null;
            case "forward_delay": return b.SetForwardDelay(v)?.Errno;
            case "hello_time": return b.SetHelloTime(v)?.Errno;
            case "max_age": return b.SetMaxAge(v)?.Errno;
            case "priority": b.SetPriority((ushort)value); return null;
            case "stp_state": b.SetStpEnabled(value != 0); return null;
            case "flush": b.Fdb.Flush(); return null;
        }
        return Errno.EACCES;
    }

    private static Errno? WritePort(BridgePort p, string attribute, ulong value)
    {
        switch (attribute)
        {
            case "hairpin_mode": p.SetHairpin(value != 0); return null;
            case "isolated": p.SetIsolated(value != 0); return null;
            case "learning": p.SetLearning(value != 0); return null;
            case "unicast_flood": p.SetFlood(value != 0); return null;
            case "path_cost": return p.Bridge.SetPathCost(p, (int)Math.Min(value, int.MaxValue))?.Errno;
            case "priority": return p.Bridge.SetPortPriority(p, (int)Math.Min(value, int.MaxValue))?.Errno;
            case "flush": p.Bridge.Fdb.FlushPort(p); return null;
        }
        return Errno.EACCES;
    }

    private static bool TryParseKernelUlong(string content, out ulong value)
    {
        value = 0;
        var s = content.EndsWith('\n') ? content[..^1] : content;
        int radix = 10;
        if (s.StartsWith("0x", StringComparison.OrdinalIgnoreCase)) { radix = 16; s = s[2..]; }
        else if (s.Length > 1 && s[0] == '0') { radix = 8; s = s[1..]; }
        if (s.Length == 0) return false;
        foreach (char c in s)
        {
            int d = char.IsAsciiDigit(c) ? c - '0' : char.IsAsciiLetter(c) ? char.ToLowerInvariant(c) - 'a' + 10 : 99;
            if (d >= radix) return false;
            value = unchecked(value * (ulong)radix + (ulong)d);
        }
        return true;
    }

    public SpecialPathKind? Probe(string? ns, string path)
    {
        var target = Resolve(ns, path, out bool underBridge);
        if (target is null) return underBridge ? SpecialPathKind.Missing : null;
        return target.Value.Attribute is null ? SpecialPathKind.Directory : SpecialPathKind.File;
    }
}
