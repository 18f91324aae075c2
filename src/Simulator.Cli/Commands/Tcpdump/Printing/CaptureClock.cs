using System.Globalization;

namespace Simulator.Cli.Commands.Tcpdump.Printing;

/// <summary>
/// Packet times as tcpdump prints them. The model's clock starts at 0, so a capture is stamped
/// with the Unix time <see cref="EpochSeconds"/> (midnight UTC) plus virtual time: the first
/// second of a scenario reads <c>00:00:00.xxxxxx</c> and runs are identical. The machine's time
/// zone is UTC. tcpdump prints microseconds; nanoseconds are cut, as libpcap does when it opens
/// a capture with microsecond precision.
/// </summary>
internal static class CaptureClock
{
    /// <summary>2023-11-14 00:00:00 UTC.</summary>
    public const long EpochSeconds = 1_699_920_000;

    public const long NanosecondsPerSecond = 1_000_000_000;

    /// <summary>The Unix time in nanoseconds of virtual time <paramref name="virtualNs"/>.</summary>
    public static long ToUnixNanoseconds(long virtualNs) => EpochSeconds * NanosecondsPerSecond + virtualNs;

    /// <summary>The timestamp and the space after it, or nothing with -t.</summary>
    public static string Format(long unixNs, PrintContext context)
    {
        long micros = unixNs / 1000;
        var style = context.Options.Timestamps;
        context.FirstTime ??= micros;
        long previous = context.PreviousTime ?? micros;
        context.PreviousTime = micros;
        return style switch
        {
            TimestampStyle.None => "",
            TimestampStyle.Unix => string.Create(CultureInfo.InvariantCulture, $"{micros / 1_000_000}.{micros % 1_000_000:D6} "),
            TimestampStyle.SincePrevious => Delta(micros - previous),
            TimestampStyle.SinceFirst => Delta(micros - context.FirstTime.Value),
            TimestampStyle.DateAndTime => DateTimeOffset.FromUnixTimeSeconds(micros / 1_000_000)
                .ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + string.Create(CultureInfo.InvariantCulture, $".{micros % 1_000_000:D6} "),
            _ => TimeOfDay(micros) + " ",
        };
    }

    /// <summary><c>HH:MM:SS.uuuuuu</c> of a Unix time in microseconds.</summary>
    public static string TimeOfDay(long micros)
    {
        long seconds = micros / 1_000_000 % 86400;
        return string.Create(CultureInfo.InvariantCulture,
            $"{seconds / 3600:D2}:{seconds / 60 % 60:D2}:{seconds % 60:D2}.{micros % 1_000_000:D6}");
    }

    // A difference gets a sign column: a space, or '-' when time went backwards.
    private static string Delta(long micros)
    {
        char sign = micros < 0 ? '-' : ' ';
        micros = Math.Abs(micros);
        long seconds = micros / 1_000_000;
        return string.Create(CultureInfo.InvariantCulture,
            $"{sign}{seconds / 3600:D2}:{seconds / 60 % 60:D2}:{seconds % 60:D2}.{micros % 1_000_000:D6} ");
    }
}
