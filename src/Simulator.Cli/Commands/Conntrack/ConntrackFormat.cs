using System.Globalization;
using System.Text;
using Simulator.Core.Engine;
using Simulator.Netfilter.Conntrack;

namespace Simulator.Cli.Commands.Conntrack;

/// <summary>
/// How conntrack-tools 1.4.7 prints a connection (libnetfilter_conntrack's default output):
/// <c>icmp     1 29 src=… dst=… type=8 code=0 id=… src=… dst=… type=0 code=0 id=… mark=0 use=1</c>.
/// Listings end with mark and use; events leave them out (a zero mark is not reported) and
/// DESTROY events leave out a timeout that has run to zero.
/// </summary>
internal static class ConntrackFormat
{
    public static string ProtocolName(byte protocol) => protocol switch
    {
        1 => "icmp",
        6 => "tcp",
        17 => "udp",
        _ => "unknown",
    };

    /// <summary>A line of <c>conntrack -L</c>.</summary>
    public static string Listing(ConntrackEntry entry, long now, bool extended)
    {
        var line = new StringBuilder(200);
        if (extended) line.Append("ipv4     2 ");
        Body(line, entry, Remaining(entry, now), showTimeout: true);
        line.Append("mark=").Append(entry.Mark.ToString(CultureInfo.InvariantCulture)).Append(" use=1");
        return line.ToString();
    }

    /// <summary>A line of <c>conntrack -E</c>.</summary>
    public static string Event(ConntrackEvent ev, long now, bool extended)
    {
        var line = new StringBuilder(200);
        line.Append(ev.Kind switch
        {
            ConntrackEventKind.New => "    [NEW] ",
            ConntrackEventKind.Update => " [UPDATE] ",
            _ => "[DESTROY] ",
        });
        if (extended) line.Append("ipv4     2 ");
        long remaining = Remaining(ev.Entry, now);
        Body(line, ev.Entry, remaining, showTimeout: ev.Kind != ConntrackEventKind.Destroy || remaining > 0);
        if (ev.Entry.Mark != 0) line.Append("mark=").Append(ev.Entry.Mark.ToString(CultureInfo.InvariantCulture)).Append(' ');
        if (ev.DeletedBy is int portId)
            line.Append("[USERSPACE] portid=").Append(((uint)portId).ToString(CultureInfo.InvariantCulture)).Append(' ');
        return line.ToString().TrimEnd();
    }

    /// <summary>nf_ct_expires / HZ: whole seconds left, never negative.</summary>
    private static long Remaining(ConntrackEntry entry, long now) => Math.Max(0, entry.Timeout - now) / Simulation.Second;

    private static void Body(StringBuilder line, ConntrackEntry entry, long remaining, bool showTimeout)
    {
        var invariant = CultureInfo.InvariantCulture;
        line.Append(ProtocolName(entry.Protocol).PadRight(8)).Append(' ').Append(entry.Protocol.ToString(invariant)).Append(' ');
        if (showTimeout) line.Append(remaining.ToString(invariant)).Append(' ');
        if (entry.Protocol == ConntrackTuple.Tcp) line.Append(entry.TcpState.Name()).Append(' ');
        line.Append(entry.Original).Append(' ');
        if (!entry.HasStatus(ConntrackStatus.SeenReply)) line.Append("[UNREPLIED] ");
        line.Append(entry.Reply).Append(' ');
        if (entry.HasStatus(ConntrackStatus.Assured)) line.Append("[ASSURED] ");
    }
}
