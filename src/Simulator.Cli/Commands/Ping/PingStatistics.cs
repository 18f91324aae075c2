using System.Collections;
using System.Globalization;
using System.Text;

namespace Simulator.Cli.Commands.Ping;

/// <summary>
/// ping's counters and round-trip arithmetic (ping/ping_common.c and ping.h of iputils 20221126):
/// the sequence bookkeeping (acknowledge, in_flight, the received bitmap), gather_statistics'
/// sums in whole microseconds, and finish()'s summary, integer division and all.
/// </summary>
public sealed class PingStatistics
{
    /// <summary>MAX_DUP_CHK: sequence numbers remembered for duplicate detection.</summary>
    public const int MaxDupCheck = 0x10000;

    private readonly BitArray _received = new(MaxDupCheck);

    public long Transmitted { get; private set; }
    public long Received { get; set; }
    public long Repeats { get; set; }
    public long Corrupted { get; set; }
    public long Errors { get; set; }

    /// <summary>tmin, tmax: microseconds.</summary>
    public long Tmin { get; private set; } = long.MaxValue;
    public long Tmax { get; private set; }
    public double Tsum { get; private set; }
    public double Tsum2 { get; private set; }
    /// <summary>rtt: eight times the smoothed round trip (the ewma), in microseconds.</summary>
    public int Rtt { get; private set; }

    public ushort Acked { get; private set; }
    public int PipeSize { get; private set; } = -1;

    /// <summary>in_flight: probes sent and not yet answered (or failed), from the highest sequence acknowledged.</summary>
    public long InFlight
    {
        get
        {
            ushort diff = (ushort)((ushort)Transmitted - Acked);
            return diff <= 0x7FFF ? diff : Transmitted - Received - Errors;
        }
    }

    /// <summary>advance_ntransmitted: one more probe sent (or pretended sent after a local error).</summary>
    public void AdvanceTransmitted()
    {
        Transmitted++;
        if ((ushort)((ushort)Transmitted - Acked) > 0x7FFF) Acked = (ushort)((ushort)Transmitted + 1);
    }

    /// <summary>acknowledge: an answer (reply or error) for <paramref name="sequence"/> arrived; the pipe grows to cover it.</summary>
    public void Acknowledge(ushort sequence)
    {
        ushort diff = (ushort)((ushort)Transmitted - sequence);
        if (diff > 0x7FFF) return;
        if (diff + 1 > PipeSize) PipeSize = diff + 1;
        if ((short)(sequence - Acked) > 0 || (ushort)((ushort)Transmitted - Acked) > 0x7FFF) Acked = sequence;
    }

    public bool WasReceived(ushort sequence) => _received[sequence % MaxDupCheck];
    public void MarkReceived(ushort sequence) => _received[sequence % MaxDupCheck] = true;
    public void ClearReceived(ushort sequence) => _received[sequence % MaxDupCheck] = false;

    /// <summary>The round-trip sums gather_statistics keeps for a good (not corrupted) reply.</summary>
    public void AddRoundTrip(long triptime)
    {
        Tsum += triptime;
        Tsum2 += (double)(triptime * triptime);
        if (triptime < Tmin) Tmin = triptime;
        if (triptime > Tmax) Tmax = triptime;
        Rtt = Rtt == 0 ? (int)(triptime * 8) : Rtt + (int)(triptime - Rtt / 8);
    }

    /// <summary>
    /// The " time=…" of a reply line: three decimals below 1 ms, two below 10 ms, one below
    /// 100 ms, none above; rounded as iputils rounds (the thresholds sit half a unit below).
    /// </summary>
    public static string FormatTripTime(long triptime)
    {
        var c = CultureInfo.InvariantCulture;
        if (triptime >= 100000 - 50) return ((triptime + 500) / 1000).ToString(c);
        if (triptime >= 10000 - 5) return string.Create(c, $"{(triptime + 50) / 1000}.{(triptime + 50) % 1000 / 100}");
        if (triptime >= 1000) return string.Create(c, $"{(triptime + 5) / 1000}.{(triptime + 5) % 1000 / 10:D2}");
        return string.Create(c, $"{triptime / 1000}.{triptime % 1000:D3}");
    }

    /// <summary>
    /// finish(): the summary after the blank line. <paramref name="elapsed"/> is the time from the
    /// start to the last probe (cur_time - start_time), in nanoseconds.
    /// </summary>
    public string Summary(string hostname, long elapsed, bool timing, bool showIpg)
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.Append('\n');
        text.Append(c, $"--- {hostname} ping statistics ---\n");
        text.Append(c, $"{Transmitted} packets transmitted, {Received} received");
        if (Repeats != 0) text.Append(c, $", +{Repeats} duplicates");
        if (Corrupted != 0) text.Append(c, $", +{Corrupted} corrupted");
        if (Errors != 0) text.Append(c, $", +{Errors} errors");
        long seconds = elapsed / 1_000_000_000, nanoseconds = elapsed % 1_000_000_000;
        if (Transmitted != 0)
        {
            float loss = (float)((Transmitted - Received) * 100.0 / Transmitted);
            text.Append(c, $", {CFormat.G(loss)}% packet loss");
            text.Append(c, $", time {1000 * seconds + (nanoseconds + 500000) / 1000000}ms");
        }
        text.Append('\n');

        var comma = "";
        if (Received != 0 && timing)
        {
            long total = Received + Repeats;
            long average = (long)(Tsum / total);
            long variance = Tsum < int.MaxValue
                // "This slightly clumsy computation order is important to avoid integer rounding
                // errors for small ping times." (finish() in ping_common.c)
                ? (long)((Tsum2 - Tsum * Tsum / total) / total)
                : (long)(Tsum2 / total - (double)(average * average));
            long deviation = IntegerSquareRoot(variance);
            text.Append(c, $"rtt min/avg/max/mdev = {Tmin / 1000}.{Tmin % 1000:D3}/{average / 1000}.{average % 1000:D3}/");
            text.Append(c, $"{Tmax / 1000}.{Tmax % 1000:D3}/{deviation / 1000}.{deviation % 1000:D3} ms");
            comma = ", ";
        }
        if (PipeSize > 1)
        {
            text.Append(c, $"{comma}pipe {PipeSize}");
            comma = ", ";
        }
        if (Received != 0 && showIpg && Transmitted > 1)
        {
            int ipg = (int)((1_000_000 * seconds + nanoseconds / 1000) / (Transmitted - 1));
            text.Append(c, $"{comma}ipg/ewma {ipg / 1000}.{ipg % 1000:D3}/{Rtt / 8000}.{Rtt / 8 % 1000:D3} ms");
        }
        text.Append('\n');
        return text.ToString();
    }

    /// <summary>llsqrt: Newton's method on integers, which rounds down.</summary>
    public static long IntegerSquareRoot(long a)
    {
        long previous = long.MaxValue;
        long x = a;
        if (x > 0)
        {
            while (x < previous)
            {
                previous = x;
                x = (x + a / x) / 2;
            }
        }
        return x;
    }
}
