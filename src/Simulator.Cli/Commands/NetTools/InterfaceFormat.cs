using System.Globalization;
using System.Text;
using Simulator.Devices.Links;

namespace Simulator.Cli.Commands.NetTools;

/// <summary>
/// ifconfig's two ways of printing an interface (lib/interface.c: ife_print_long, used by
/// ifconfig and netstat -ie, and ife_print_short, used by ifconfig -s and netstat -i). IPv6 is
/// not modelled, so no inet6 lines are printed.
/// </summary>
public static class InterfaceFormat
{
    private const int IffUp = 0x1, IffBroadcast = 0x2, IffDebug = 0x4, IffLoopback = 0x8, IffPointToPoint = 0x10,
        IffNoTrailers = 0x20, IffRunning = 0x40, IffNoArp = 0x80, IffPromisc = 0x100, IffAllMulti = 0x200,
        IffMaster = 0x400, IffSlave = 0x800, IffMulticast = 0x1000;

    /// <summary>The flag names of the long format, in its order.</summary>
    private static readonly (int Flag, string Name)[] LongFlagNames =
    [
        (IffUp, "UP"), (IffBroadcast, "BROADCAST"), (IffDebug, "DEBUG"), (IffLoopback, "LOOPBACK"),
        (IffPointToPoint, "POINTOPOINT"), (IffNoTrailers, "NOTRAILERS"), (IffRunning, "RUNNING"), (IffNoArp, "NOARP"),
        (IffPromisc, "PROMISC"), (IffAllMulti, "ALLMULTI"), (IffSlave, "SLAVE"), (IffMaster, "MASTER"),
        (IffMulticast, "MULTICAST"),
    ];

    /// <summary>The one-letter flags of the short format, in its order (P is printed for PROMISC and for POINTOPOINT).</summary>
    private static readonly (int Flag, char Letter)[] ShortFlagLetters =
    [
        (IffAllMulti, 'A'), (IffBroadcast, 'B'), (IffDebug, 'D'), (IffLoopback, 'L'), (IffMulticast, 'M'),
        (IffPromisc, 'P'), (IffNoTrailers, 'N'), (IffNoArp, 'O'), (IffPointToPoint, 'P'), (IffSlave, 's'),
        (IffMaster, 'm'), (IffRunning, 'R'), (IffUp, 'U'),
    ];

    public const string ShortHeader = "Iface      MTU    RX-OK RX-ERR RX-DRP RX-OVR    TX-OK TX-ERR TX-DRP TX-OVR Flg";

    public static void PrintLong(TextWriter writer, InterfaceSnapshot snapshot)
    {
        var device = snapshot.Device;
        int flags = snapshot.Flags;
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{snapshot.Interface.Name}: flags={flags}<");
        text.Append(string.Join(',', LongFlagNames.Where(f => (flags & f.Flag) != 0).Select(f => f.Name)));
        // With no flag at all the C code overwrites the '>' it just added.
        if (flags != 0) text.Append('>');
        text.Append(CultureInfo.InvariantCulture, $"  mtu {device.Mtu}");
        writer.WriteLine(text.ToString());

        if (snapshot.Address is { } address)
        {
            // SIOCGIFBRDADDR answers 0.0.0.0 for an address that has no broadcast.
            var broadcast = address.Broadcast.IsValid ? address.Broadcast.ToString() : "0.0.0.0";
            writer.WriteLine((flags & IffBroadcast) != 0
                ? $"        inet {address.Local}  netmask {address.Mask}  broadcast {broadcast}"
                : $"        inet {address.Local}  netmask {address.Mask}");
        }

        var queue = device.TxQueueLength.ToString(CultureInfo.InvariantCulture);
        writer.WriteLine(device is LoopbackDevice
            ? $"        loop  txqueuelen {queue}  (Local Loopback)"
            : $"        ether {device.Address}  txqueuelen {queue}  (Ethernet)");

        if (snapshot.Interface.HasStatistics)
        {
            var stats = device.Stats;
            writer.WriteLine(Invariant($"        RX packets {stats.RxPackets}  bytes {stats.RxBytes} ({Scaled(stats.RxBytes)})"));
            writer.WriteLine(Invariant($"        RX errors {stats.RxErrors}  dropped {stats.RxDropped}  overruns 0  frame 0"));
            writer.WriteLine(Invariant($"        TX packets {stats.TxPackets}  bytes {stats.TxBytes} ({Scaled(stats.TxBytes)})"));
            writer.WriteLine(Invariant($"        TX errors {stats.TxErrors}  dropped {stats.TxDropped} overruns 0  carrier 0  collisions 0"));
        }
        writer.WriteLine();
    }

    public static void PrintShort(TextWriter writer, InterfaceSnapshot snapshot)
    {
        var text = new StringBuilder();
        text.Append(Invariant($"{snapshot.Interface.Name,-15} {snapshot.Device.Mtu,5} "));
        if (snapshot.Interface.HasStatistics)
        {
            var s = snapshot.Device.Stats;
            text.Append(Invariant($"{s.RxPackets,8} {s.RxErrors,6} {s.RxDropped,6} {0,-6} "));
            text.Append(Invariant($"{s.TxPackets,8} {s.TxErrors,6} {s.TxDropped,6} {0,6} "));
        }
        else
        {
            text.Append("     - no statistics available -".PadRight(56));
        }
        int flags = snapshot.Flags;
        if (flags == 0) text.Append("[NO FLAGS]");
        foreach (var (flag, letter) in ShortFlagLetters)
            if ((flags & flag) != 0) text.Append(letter);
        writer.WriteLine(text.ToString());
    }

    /// <summary>The "(N.N KiB)" after a byte count: binary units, one decimal truncated.</summary>
    public static string Scaled(ulong bytes)
    {
        ulong tenths = bytes * 10;
        string unit = "B";
        (ulong Limit, string Unit)[] scales =
        [
            (1125899906842624UL, "PiB"), (1099511627776UL, "TiB"), (1073741824UL, "GiB"), (1048576UL, "MiB"), (1024UL, "KiB"),
        ];
        foreach (var (limit, name) in scales)
        {
            if (bytes <= limit) continue;
            tenths = bytes > ulong.MaxValue / 20 ? bytes / (limit / 10) : tenths / limit;
            unit = name;
            break;
        }
        return Invariant($"{tenths / 10}.{tenths % 10} {unit}");
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
