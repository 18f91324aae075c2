using System.Globalization;
using Simulator.Cli.Commands.Resolver;
using Simulator.Cli.Host;
using Simulator.Core.Addressing;
using Simulator.Core.Engine;
using Simulator.Devices;
using Simulator.Devices.Ipv4.Sockets;
using Simulator.Devices.Namespaces;

namespace Simulator.Cli.Commands.Ping;

/// <summary>
/// ping's main loop in simulated time (main_loop, pinger and __schedule_exit in
/// ping/ping_common.c of iputils 20221126). A probe goes out whenever the token count allows
/// (one per interval, <c>-l</c> at once to start); between probes ping waits on its socket as the
/// C code does (poll for short waits, recvmsg with a receive timeout of one interval otherwise),
/// and the simulation runs while it waits. The run ends when replies and errors reach
/// <c>-c</c>, when the <c>-w</c> deadline passes, or when the linger after the last probe ends:
/// twice the longest round trip (at least one interval) if anything answered, <c>-W</c> (10 s)
/// if nothing did.
/// </summary>
internal sealed class PingSession
{
    /// <summary>MIN_INTERVAL_MS: the shortest wait ping schedules.</summary>
    private const int MinIntervalMs = 10;
    /// <summary>HZ as ping reads it, sysconf(_SC_CLK_TCK): waits up to 1000/HZ ms are spun, not slept.</summary>
    private const int ClockTicksPerSecond = 100;
    /// <summary>Without -c or -w, NetSim interrupts ping when this many probes have gone and the next is due.</summary>
    public const int ProbesBeforeInterrupt = 4;
    /// <summary>How long NetSim lets a ping that cannot stop by itself (-W 0) wait before interrupting it.</summary>
    private const long StuckWait = 10 * Simulation.Second;

    private readonly Machine _machine;
    private readonly NetworkNamespace _namespace;
    private readonly RawSocket _socket;
    private readonly PingOptions _options;
    private readonly PingStatistics _stats;
    private readonly EchoProbe _probe;
    private readonly PingReceiver _receiver;
    private readonly AddressPrinter _addresses;
    private readonly Ipv4Address _target;
    private readonly ushort _identifier;
    private readonly TextWriter _stdout;
    private readonly TextWriter _stderr;
    private readonly string _program;

    private long _start;
    /// <summary>cur_time: when the last probe was sent (or was due, after a local error).</summary>
    private long _current;
    private bool _started;
    private long _tokens;
    /// <summary>The ITIMER_REAL alarm: the -w deadline, or the end of the linger; null when disarmed.</summary>
    private long? _alarm;
    private bool _lingerScheduled;
    private bool _exiting;
    private bool _interrupted;

    public PingSession(Machine machine, NetworkNamespace ns, RawSocket socket, PingOptions options, PingStatistics stats,
        EchoProbe probe, PingReceiver receiver, AddressPrinter addresses, Ipv4Address target, ushort identifier,
        TextWriter stdout, TextWriter stderr, string program)
    {
        _machine = machine;
        _namespace = ns;
        _socket = socket;
        _options = options;
        _stats = stats;
        _probe = probe;
        _receiver = receiver;
        _addresses = addresses;
        _target = target;
        _identifier = identifier;
        _stdout = stdout;
        _stderr = stderr;
        _program = program;
    }

    private long Now => _machine.Simulation.Now;
    private int Interval => _options.IntervalMs;
    private static int Schint(int interval) => interval <= MinIntervalMs ? MinIntervalMs : interval;

    /// <summary>setup() and main_loop(); returns what finish() returns (the exit status).</summary>
    public int Run(string hostname)
    {
        _start = Now;
        if (_options.Deadline > 0) _alarm = _start + _options.Deadline * Simulation.Second;

        while (true)
        {
            if (_alarm is { } alarm && Now >= alarm) Exit();
            if (_exiting) break;
            if (_options.Count > 0 && _stats.Received + _stats.Errors >= _options.Count) break;
            if (_options.Deadline > 0 && _stats.Errors > 0) break;

            int next;
            do
            {
                next = Pinger();
                next = ScheduleExit(next);
            } while (next <= 0);

            bool nonBlocking = false;
            if (next < Schint(Interval))
            {
                int due = next;
                if (next <= 1000 / ClockTicksPerSecond)
                {
                    if (_stats.InFlight != 0)
                    {
                        next = MinIntervalMs;
                    }
                    else
                    {
                        // ping spins (sched_yield, non-blocking reads) until the probe is due;
                        // in simulated time that is sleeping until then, woken by a packet.
                        nonBlocking = true;
                        WaitForPacket(due);
                    }
                }
                if (!nonBlocking && Interval != 0)
                {
                    if (!WaitForPacket(next)) continue;
                    nonBlocking = true;
                }
            }

            while (true)
            {
                if (_socket.Received.Count == 0)
                {
                    if (nonBlocking) break;
                    // recvmsg blocks for at most SO_RCVTIMEO, one interval.
                    if (!WaitForPacket(Schint(Interval))) break;
                }
                nonBlocking = true;
                _receiver.Receive(_socket.Received.Dequeue(), Now);
                if (_stats.InFlight == 0) break;
            }
        }

        _stdout.Write(_stats.Summary(hostname, _current - _start, _probe.Timing, showIpg: Interval == 0));
        return _stats.Received == 0 || (_options.Deadline > 0 && _stats.Received < _options.Count) ? 1 : 0;
    }

    /// <summary>SIGALRM or SIGINT: ping stops at the top of its loop, and stops looking names up.</summary>
    private void Exit()
    {
        _exiting = true;
        _addresses.Exiting = true;
    }

    /// <summary>
    /// pinger(): sends the next probe if the tokens allow, else says how many milliseconds until
    /// they will. A send that fails locally still counts as transmitted (iputils 20221126 prints
    /// nothing for it when no ICMP error is queued, as for an OUTPUT DROP's EPERM).
    /// </summary>
    private int Pinger()
    {
        if (_exiting || (_options.Count > 0 && _stats.Transmitted >= _options.Count && _options.Deadline == 0))
            return 1000;
        long now = Now;
        if (!_started)
        {
            _started = true;
            _current = now;
            _tokens = (long)Interval * (_options.Preload - 1);
        }
        else
        {
            // Whole milliseconds, computed from seconds and nanoseconds as the C code does.
            long ntokens = (now / Simulation.Second - _current / Simulation.Second) * 1000
                           + (now % Simulation.Second - _current % Simulation.Second) / Simulation.Millisecond;
            if (Interval == 0 && ntokens < MinIntervalMs && _stats.InFlight >= _options.Preload)
                return (int)(MinIntervalMs - ntokens);
            ntokens += _tokens;
            long cap = (long)Interval * _options.Preload;
            if (cap < ntokens) ntokens = cap;
            if (ntokens < Interval) return (int)(Interval - ntokens);
            if (RunsUntilInterrupted && _stats.Transmitted >= ProbesBeforeInterrupt)
            {
                Interrupt();
                return 1000;
            }
            _current = now;
            _tokens = ntokens - Interval;
        }

        if (_options.Outstanding && _stats.Transmitted > 0 && !_stats.WasReceived((ushort)_stats.Transmitted))
            _stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{_receiver.Timestamp(now)}no answer yet for icmp_seq={_stats.Transmitted % PingStatistics.MaxDupCheck}"));

        var error = SendProbe();
        _stats.AdvanceTransmitted();
        if (error is null) return (int)(Interval - _tokens);
        _tokens = 0;
        return Schint(Interval);
    }

    /// <summary>ping4_send_probe: the next sequence number, the send time in the data, sendto().</summary>
    private Errno? SendProbe()
    {
        ushort sequence = (ushort)(_stats.Transmitted + 1);
        _stats.ClearReceived(sequence);
        var message = _probe.Build(_identifier, sequence, Now);
        int size = Core.Wire.Ipv4Packet.MinHeaderLength + message.Length;
        // raw_sendmsg refuses what no IPv4 packet can hold, fragmentation or not.
        if (size > Core.Wire.Ipv4Packet.MaxTotalLength) return Errno.EMSGSIZE;
        if (_receiver.LearnedPathMtu is int pathMtu && size > pathMtu)
            throw new NotModelledException(
                $"a {size}-byte probe is larger than the path MTU {pathMtu} a router reported; the kernel would " +
                "fragment it, and IPv4 fragmentation is not modelled");
        var error = _socket.SendTo(_target, message);
        if (error == Errno.EMSGSIZE)
        {
            var mtu = _namespace.Ipv4.Routes.ResolveOutput(_target, _socket.BoundAddress, _socket.BoundDevice?.IfIndex ?? 0,
                out var route) is null ? $" {route.Device.Mtu}-byte MTU of {route.Device.Name}" : " MTU";
            throw new NotModelledException(
                $"a {size}-byte probe does not fit the{mtu}; the kernel would fragment it, and IPv4 fragmentation is not modelled");
        }
        return error;
    }

    private bool RunsUntilInterrupted => _options.Count == 0 && _options.Deadline == 0;

    /// <summary>
    /// A ping without -c or -w runs until the user presses Ctrl-C; a script cannot, so NetSim does
    /// it for them, and says so.
    /// </summary>
    private void Interrupt()
    {
        if (!_interrupted)
        {
            _interrupted = true;
            _stderr.WriteLine($"netsim: {_program} runs until interrupted; NetSim interrupted it as Ctrl-C would, " +
                              "when the next probe was due (give -c COUNT or -w SECONDS to choose when it stops)");
        }
        Exit();
    }

    /// <summary>
    /// __schedule_exit: once the last probe of -c has gone (and there is no -w), the alarm is set
    /// to end the wait for replies, once.
    /// </summary>
    private int ScheduleExit(int next)
    {
        if (!(_options.Count > 0 && _stats.Transmitted >= _options.Count && _options.Deadline == 0)) return next;
        if (_lingerScheduled) return next;
        ulong waittime;
        unchecked
        {
            if (_stats.Received > 0)
            {
                waittime = 2 * (ulong)_stats.Tmax;
                if (waittime < 1000 * (ulong)Interval) waittime = 1000 * (ulong)Interval;
            }
            else
            {
                waittime = (ulong)_options.LingerMs * 1000;
            }
        }
        if (next < 0 || (ulong)next < waittime / 1000) next = (int)Math.Min(waittime / 1000, int.MaxValue);
        // A zero wait disarms the timer (setitimer with a zero value), and is computed afresh next time.
        _lingerScheduled = waittime != 0;
        _alarm = waittime == 0 ? null : Now + (long)Math.Min(waittime, long.MaxValue / 1000) * Simulation.Microsecond;
        return next;
    }

    /// <summary>
    /// Waits up to <paramref name="milliseconds"/> for a packet on the socket, running the
    /// simulation meanwhile. The alarm cuts the wait short and makes ping exit; it wins a tie with
    /// a probe that falls due at the same instant.
    /// </summary>
    private bool WaitForPacket(long milliseconds)
    {
        if (_socket.Received.Count > 0) return true;
        if (_exiting) return false;
        long until = Now + milliseconds * Simulation.Millisecond;
        long? stop = _alarm;
        bool stuck = false;
        if (stop is null && _options.Count > 0 && _stats.Transmitted >= _options.Count && _options.Deadline == 0)
        {
            stop = _current + StuckWait;
            stuck = true;
        }
        if (stop is { } s && s <= until) until = s;
        _machine.Advance(until, () => _socket.Received.Count > 0);
        if (_socket.Received.Count > 0)
        {
            // ping runs once the kernel has finished this instant's work: a burst of errors that
            // one ARP failure sends is all queued before ping reads the first.
            _machine.Advance(Now);
            return true;
        }
        if (stop is { } end && Now >= end)
        {
            if (stuck) Interrupt();
            else Exit();
        }
        return false;
    }
}
