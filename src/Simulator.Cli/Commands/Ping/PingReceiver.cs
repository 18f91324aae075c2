using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using Simulator.Core.Addressing;
using Simulator.Core.Wire;
using Simulator.Devices.Ipv4.Sockets;

namespace Simulator.Cli.Commands.Ping;

/// <summary>
/// What ping does with each packet its raw socket returns (ping4_parse_reply and
/// gather_statistics in iputils 20221126). The socket hands over every ICMP packet the
/// namespace delivers; ping keeps the echo replies carrying its identifier, and the ICMP errors
/// that quote one of its echo requests to the target.
/// </summary>
/// <remarks>
/// With IP_RECVERR the kernel also queues each error about a probe on the socket's error queue
/// (raw_err), and ping reports it from there (ping4_receive_error_msg): "From X icmp_seq=N …",
/// counted in "+N errors". The raw copy of the same error only acknowledges the probe. NetSim's
/// raw socket has no error queue, so the copy is taken for the queued report: same line, same
/// count. Redirects and source quenches never reach the error queue; ping prints them from the
/// raw copy, "From X: icmp_seq=N …", without counting them.
/// </remarks>
internal sealed class PingReceiver(PingOptions options, PingStatistics stats, EchoProbe probe, AddressPrinter addresses,
    Ipv4Address target, ushort identifier, bool multicast, TextWriter stdout, TextWriter stderr, string program)
{
    /// <summary>-U, or switched on when a reply's timestamp lies in the future ("taking countermeasures").</summary>
    private bool _latency = options.Latency;

    /// <summary>The smallest MTU a "frag needed" error reported for a probe (the path MTU the kernel would learn).</summary>
    public int? LearnedPathMtu { get; private set; }

    /// <summary>Handles one received packet at <paramref name="now"/>.</summary>
    public void Receive(ReceivedPacket packet, long now)
    {
        var bytes = packet.Bytes;
        int cc = bytes.Length;
        if (cc < Ipv4Packet.MinHeaderLength) return;
        int hlen = (bytes[0] & 0x0F) * 4;
        if (cc < hlen + IcmpPacket.HeaderLength || hlen < Ipv4Packet.MinHeaderLength) return;
        var ip = new Ipv4Packet(bytes);
        int ttl = ip.Ttl;
        var from = ip.Source;
        cc -= hlen;
        var icmpBytes = bytes.AsSpan(hlen, cc);
        var icmp = new IcmpPacket(icmpBytes);
        bool checksumFailed = !icmp.IsChecksumValid;

        if (icmp.Type == IcmpType.EchoReply)
        {
            if (icmp.Identifier != identifier) return;
            bool wrongSource = !options.Broadcast && !multicast && from != target;
            long receivedAt = _latency ? now : packet.Time;
            if (GatherStatistics(icmpBytes, cc, icmp.SequenceNumber, ttl, checksumFailed, receivedAt, now, from, wrongSource))
                return;
            var line = new StringBuilder();
            if (options.Audible) line.Append('\a');
            line.Append('\n');
            stdout.Write(line.ToString());
            return;
        }

        if (icmp.Type is not (IcmpType.SourceQuench or IcmpType.Redirect or IcmpType.DestinationUnreachable
            or IcmpType.TimeExceeded or IcmpType.ParameterProblem))
            return;
        // The quoted datagram: an IPv4 header, then at least the 8 bytes of our echo header.
        var quoted = icmpBytes[IcmpPacket.HeaderLength..];
        if (cc < IcmpPacket.HeaderLength + Ipv4Packet.MinHeaderLength + 8) return;
        int quotedHeader = (quoted[0] & 0x0F) * 4;
        if (cc < IcmpPacket.HeaderLength + quotedHeader + 8) return;
        var quotedDestination = Ipv4Address.Read(quoted[Ipv4Packet.DestinationOffset..]);
        var inner = quoted[quotedHeader..];
        if ((IcmpType)inner[0] != IcmpType.EchoRequest || quotedDestination != target
            || BinaryPrimitives.ReadUInt16BigEndian(inner[4..]) != identifier)
            return;
        ushort sequence = BinaryPrimitives.ReadUInt16BigEndian(inner[6..]);

        if (icmp.Type is IcmpType.Redirect or IcmpType.SourceQuench)
        {
            if (options.Quiet) return;
            var gateway = icmp.Type == IcmpType.Redirect ? addresses.Format(icmp.Gateway) : null;
            stdout.Write($"{Timestamp(now)}From {addresses.Format(from)}: icmp_seq={sequence} "
                         + (checksumFailed ? "(BAD CHECKSUM)" : "")
                         + IcmpDescriptions.Describe(icmp.Type, icmp.Code, icmp.RestOfHeader, gateway));
            return;
        }

        // The error queue's report (ping4_receive_error_msg).
        stats.Acknowledge(sequence);
        stats.Errors++;
        uint info = icmp.Type switch
        {
            IcmpType.DestinationUnreachable when icmp.Code == (byte)IcmpUnreachableCode.FragmentationNeeded => icmp.NextHopMtu,
            IcmpType.ParameterProblem => icmp.Pointer,
            _ => 0,
        };
        if (icmp.Type == IcmpType.DestinationUnreachable && icmp.Code == (byte)IcmpUnreachableCode.FragmentationNeeded && info > 0)
            LearnedPathMtu = Math.Min(LearnedPathMtu ?? int.MaxValue, (int)info);
        if (options.Quiet) return;
        stdout.Write($"{Timestamp(now)}From {addresses.Format(from)} icmp_seq={sequence} "
                     + IcmpDescriptions.Describe(icmp.Type, icmp.Code, info));
    }

    /// <summary>gather_statistics: counts the reply, times it, and prints its line (all but the newline). True when quiet.</summary>
    private bool GatherStatistics(ReadOnlySpan<byte> icmp, int cc, ushort sequence, int ttl, bool checksumFailed,
        long receivedAt, long now, Ipv4Address from, bool wrongSource)
    {
        // pr_addr runs first, as an argument of the call: a name lookup happens even when quiet.
        var fromText = addresses.Format(from);
        stats.Received++;
        if (!checksumFailed) stats.Acknowledge(sequence);

        long triptime = 0;
        var data = icmp[IcmpPacket.HeaderLength..];
        if (probe.Timing && cc >= IcmpPacket.HeaderLength + WallClock.TimevalLength)
        {
            long sent = WallClock.Read(data);
            triptime = WallClock.Microseconds(receivedAt) - sent;
            while (triptime < 0)
            {
                stderr.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{program}: Warning: time of day goes back ({triptime}us), taking countermeasures"));
                triptime = 0;
                if (_latency) break;
                // Restamp with the time of reading, once.
                _latency = true;
                triptime = WallClock.Microseconds(now) - sent;
            }
            if (!checksumFailed) stats.AddRoundTrip(triptime);
        }

        bool duplicate = false;
        if (checksumFailed)
        {
            stats.Corrupted++;
            stats.Received--;
        }
        else if (stats.WasReceived(sequence))
        {
            stats.Repeats++;
            stats.Received--;
            duplicate = true;
        }
        else
        {
            stats.MarkReceived(sequence);
        }

        if (options.Quiet) return true;

        var line = new StringBuilder();
        line.Append(Timestamp(now));
        line.Append(CultureInfo.InvariantCulture, $"{cc} bytes from {fromText}: icmp_seq={sequence}");
        line.Append(CultureInfo.InvariantCulture, $" ttl={ttl}");
        if (cc < options.DataLength + IcmpPacket.HeaderLength)
        {
            line.Append(" (truncated)\n");
            stdout.Write(line.ToString());
            return true;
        }
        if (probe.Timing) line.Append($" time={PingStatistics.FormatTripTime(triptime)} ms");
        if (duplicate && !multicast) line.Append(" (DUP!)");
        if (checksumFailed) line.Append(" (BAD CHECKSUM!)");
        if (wrongSource) line.Append(" (DIFFERENT ADDRESS!)");
        CheckData(data, line);
        stdout.Write(line.ToString());
        return false;
    }

    /// <summary>The data after the timestamp must be what was sent; else ping dumps it.</summary>
    private void CheckData(ReadOnlySpan<byte> data, StringBuilder line)
    {
        var sent = probe.Data;
        for (int i = WallClock.TimevalLength; i < options.DataLength && i < data.Length; i++)
        {
            if (data[i] == sent[i]) continue;
            line.Append(CultureInfo.InvariantCulture, $"\nwrong data byte #{i} should be 0x{sent[i]:x} but was 0x{data[i]:x}");
            for (int j = WallClock.TimevalLength; j < options.DataLength && j < data.Length; j++)
            {
                if (j % 32 == WallClock.TimevalLength) line.Append(CultureInfo.InvariantCulture, $"\n#{j}\t");
                line.Append(CultureInfo.InvariantCulture, $"{data[j]:x} ");
            }
            return;
        }
    }

    /// <summary>print_timestamp: "[SECONDS.MICROS] " before a line, with -D.</summary>
    public string Timestamp(long now)
    {
        if (!options.Timestamps) return "";
        var (seconds, micros) = WallClock.Timeval(now);
        return string.Create(CultureInfo.InvariantCulture, $"[{seconds}.{micros:D6}] ");
    }
}
