using System.Globalization;
using Simulator.Devices.Links.Bridge;

namespace Simulator.Cli.Commands.Bridge;

/// <summary>
/// brctl's output formats (brctl_disp.c and br_cmd_showmacs): tab-separated columns, timers as
/// "%4i.%.2i" seconds, interfaces in the order libbridge's scandir(alphasort) reads brif/.
/// </summary>
public static class BrctlDisplay
{
    /// <summary>br_show_timer.</summary>
    public static string Timer(long nanoseconds)
    {
        long centiseconds = nanoseconds / 10_000_000;
        return string.Create(CultureInfo.InvariantCulture, $"{centiseconds / 100,4}.{centiseconds % 100:00}");
    }

    /// <summary>One bridge of <c>brctl show</c>: name, id, STP, and its interfaces, one per line.</summary>
    public static void ShowBridge(TextWriter output, BridgeDevice bridge)
    {
        output.Write($"{bridge.Name}\t\t{bridge.BridgeId}\t{(bridge.StpEnabled != StpMode.None ? "yes" : "no")}\t\t");
        var ports = bridge.Ports.Select(p => p.Device.Name).Order(StringComparer.Ordinal).ToList();
        output.WriteLine(string.Join("\n\t\t\t\t\t\t\t", ports));
    }

    /// <summary>
    /// <c>brctl showmacs</c> (br_fdb_fillbuf, then qsort on the MAC): the entries behind ports,
    /// sorted by address, with the port number, whether the address is local, and for entries
    /// that age how long since the address was last seen as a source.
    /// </summary>
    public static void ShowMacs(TextWriter output, BridgeDevice bridge)
    {
        output.WriteLine("port no\tmac addr\t\tis local?\tageing timer");
        long now = bridge.Simulation.Now;
        foreach (var entry in bridge.Fdb.Entries.OrderBy(e => e.Address.Value))
        {
            // Skipped: entries past their hold time the collector has not removed yet, and the
            // "pseudo entry" of the bridge's own address, which has no port.
            if (bridge.Fdb.HasExpired(entry) || entry.Port is null) continue;
            long age = entry.IsStatic ? 0 : now - entry.Updated;
            output.WriteLine($"{entry.Port.PortNo,3}\t{entry.Address}\t{(entry.IsLocal ? "yes" : "no")}\t\t{Timer(age)}");
        }
    }

    /// <summary><c>brctl showstp</c> (br_dump_info, dump_port_info).</summary>
    public static void ShowStp(TextWriter output, BridgeDevice bridge)
    {
        var o = output;
        o.Write($"{bridge.Name}\n");
        o.Write($" bridge id\t\t{bridge.BridgeId}");
        o.Write($"\n designated root\t{bridge.DesignatedRoot}");
        o.Write($"\n root port\t\t{bridge.RootPort,4}\t\t\t");
        o.Write($"path cost\t\t{bridge.RootPathCost,4}\n");
        o.Write($" max age\t\t{Timer(bridge.MaxAge)}\t\t\tbridge max age\t\t{Timer(bridge.BridgeMaxAge)}");
        o.Write($"\n hello time\t\t{Timer(bridge.HelloTime)}\t\t\tbridge hello time\t{Timer(bridge.BridgeHelloTime)}");
        o.Write($"\n forward delay\t\t{Timer(bridge.ForwardDelay)}\t\t\tbridge forward delay\t{Timer(bridge.BridgeForwardDelay)}");
        o.Write($"\n ageing time\t\t{Timer(bridge.AgeingTime)}");
        o.Write($"\n hello timer\t\t{Timer(bridge.HelloTimerRemaining)}\t\t\ttcn timer\t\t{Timer(bridge.TcnTimerRemaining)}");
        o.Write($"\n topology change timer\t{Timer(bridge.TopologyChangeTimerRemaining)}\t\t\tgc timer\t\t{Timer(bridge.GcTimerRemaining)}");
        o.Write("\n flags\t\t\t");
        if (bridge.TopologyChange) o.Write("TOPOLOGY_CHANGE ");
        if (bridge.TopologyChangeDetected) o.Write("TOPOLOGY_CHANGE_DETECTED ");
        o.Write("\n\n\n");
        foreach (var port in bridge.Ports.OrderBy(p => p.Device.Name, StringComparer.Ordinal))
        {
            o.Write($"{port.Device.Name} ({port.PortNo})\n");
            o.Write($" port id\t\t{port.PortId:x4}");
            o.Write($"\t\t\tstate\t\t{port.State.Name(),15}\n");
            o.Write($" designated root\t{port.DesignatedRoot}");
            o.Write($"\tpath cost\t\t{port.PathCost,4}\n");
            o.Write($" designated bridge\t{port.DesignatedBridge}");
            o.Write($"\tmessage age timer\t{Timer(port.MessageAgeTimerRemaining)}");
            o.Write($"\n designated port\t{port.DesignatedPort:x4}");
            o.Write($"\t\t\tforward delay timer\t{Timer(port.ForwardDelayTimerRemaining)}");
            o.Write($"\n designated cost\t{port.DesignatedCost,4}");
            o.Write($"\t\t\thold timer\t\t{Timer(port.HoldTimerRemaining)}");
            o.Write("\n flags\t\t\t");
            if (port.ConfigPending) o.Write("CONFIG_PENDING ");
            if (port.TopologyChangeAck) o.Write("TOPOLOGY_CHANGE_ACK ");
            if (port.Hairpin) o.Write($"\n hairpin mode\t\t{1,4}");
            o.Write("\n\n");
        }
    }
}
