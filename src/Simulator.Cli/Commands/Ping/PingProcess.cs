using System.Globalization;
using Simulator.Cli.Commands.Resolver;
using Simulator.Cli.Host;
using Simulator.Cli.Host.Processes;
using Simulator.Core.Engine;
using Simulator.Core.Wire;
using Simulator.Devices;
using Simulator.Devices.Ipv4.Sockets;
using Simulator.Devices.Links;
using Simulator.Devices.Namespaces;
using Timer = Simulator.Core.Engine.Timer;

namespace Simulator.Cli.Commands.Ping;

/// <summary>
/// ping's main loop as a process in simulated time (main_loop, pinger and __schedule_exit in
/// ping/ping_common.c of iputils 20221126). A probe goes out whenever the token count allows
/// (one per interval, <c>-l</c> at once to start); between probes ping waits on its socket as the
/// C code does (poll for short waits, recvmsg with a receive timeout of one interval otherwise),
/// and wakes for a packet, a timeout or a signal. The run ends when replies and errors reach
/// <c>-c</c>, when the <c>-w</c> deadline passes, when the linger after the last probe ends (twice
/// the longest round trip, at least one interval, if anything answered; <c>-W</c>, 10 s, if
/// nothing did), or on SIGINT; then ping prints its statistics.
/// </summary>
internal sealed class PingProcess : SimulatedProcess
{
    /// <summary>MIN_INTERVAL_MS: the shortest wait ping schedules.</summary>
    private const int MinIntervalMs = 10;
    /// <summary>HZ as ping reads it, sysconf(_SC_CLK_TCK): waits up to 1000/HZ ms are spun, not slept.</summary>
    private const int ClockTicksPerSecond = 100;
    /// <summary>Without -c or -w, NetSim interrupts ping when this many probes have gone and the next is due.</summary>
    public const int ProbesBeforeInterrupt = 4;
    /// <summary>How long NetSim lets a ping that cannot stop by itself (-W 0) wait before interrupting it.</summary>
    private const long StuckWait = 10 * Simulation.Second;
    private const int SigQuit = 3, SigAlrm = 14;

    private readonly Machine _machine;
    private readonly NetworkNamespace _namespace;
    private readonly RawSocket _socket;
    private readonly PingSetup _setup;
    private readonly PingOptions _options;
    private readonly PingStatistics _stats = new();
    private readonly EchoProbe _probe;
    private readonly PingReceiver _receiver;
    private readonly AddressPrinter _addresses;
    private readonly Queue<ReceivedPacket> _queue = new();
    private readonly Timer _timer;

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
    private bool _statusRequested;

    /// <summary>What ping does when its wait ends: true if a packet is there to read.</summary>
    private Action<bool>? _continuation;
    private long? _waitStop;
    private bool _waitStuck;
    private bool _wakePending;
    /// <summary>A probe whose sendto just failed, and the error count before it.</summary>
    private (Errno Error, long ErrorsBefore)? _failedSend;

    public PingProcess(PingSetup setup, RawSocket socket, StubResolver resolver)
    {
        _setup = setup;
        _machine = setup.Invocation.Machine;
        _namespace = setup.Invocation.Namespace;
        _socket = socket;
        _options = setup.Options;
        _probe = new EchoProbe(_options.DataLength, _options.Pattern);
        _addresses = new AddressPrinter(resolver, setup.Numeric);
        _receiver = new PingReceiver(_options, _stats, _probe, _addresses, setup.Target, setup.Identifier, setup.Multicast,
            setup.Invocation.Out, setup.Invocation.Err, setup.Program);
        _timer = new Timer(_machine.Simulation, OnTimer);
    }

    private long Now => _machine.Simulation.Now;
    private int Interval => _options.IntervalMs;
    private static int Schint(int interval) => interval <= MinIntervalMs ? MinIntervalMs : interval;

    /// <summary>setup()'s clock and deadline, then the first turn of the loop.</summary>
    public override void Start()
    {
        // Packets that came while ping resolved the name wait in the socket; from now on the
        // socket hands them over as they arrive.
        while (_socket.Received.TryDequeue(out var early)) _queue.Enqueue(early);
        _socket.Handler = OnPacket;
        _start = Now;
        if (_options.Deadline > 0) _alarm = _start + _options.Deadline * Simulation.Second;
        Run(Loop);
    }

    /// <summary>
    /// SIGINT and SIGALRM end the loop (sigexit) and ping prints its statistics; SIGQUIT prints
    /// the running totals (sigstatus); anything else kills ping silently, as the default action.
    /// </summary>
    public override void Signal(int signal)
    {
        if (HasExited) return;
        switch (signal)
        {
            case SigInt or SigAlrm:
                StopLooping();
                Interrupt();
                break;
            case SigQuit:
                _statusRequested = true;
                Interrupt();
                break;
            default:
                base.Signal(signal);
                break;
        }
    }

    protected override void OnExit()
    {
        _timer.Cancel();
        _continuation = null;
        _socket.Handler = null;
        _socket.Close();
    }

    /// <summary>One turn of main_loop's for(;;), from the exit checks to the wait.</summary>
    private void Loop()
    {
        if (_alarm is { } alarm && Now >= alarm) StopLooping();
        if (_statusRequested) PrintStatus();
        if (_exiting
            || (_options.Count > 0 && _stats.Received + _stats.Errors >= _options.Count)
            || (_options.Deadline > 0 && _stats.Errors > 0))
        {
            Finish();
            return;
        }

        int next;
        do
        {
            next = Pinger();
            if (_failedSend is var (error, errorsBefore))
            {
                _failedSend = null;
                _machine.Simulation.Schedule(3 * LoopbackDevice.LoopDelay,
                    () => Run(() => ReadErrorQueueAfterFailedSend(error, errorsBefore)));
                return;
            }
            next = ScheduleExit(next);
        } while (next <= 0);
        if (_exiting)
        {
            Finish();
            return;
        }

        if (next < Schint(Interval))
        {
            if (next <= 1000 / ClockTicksPerSecond)
            {
                if (_stats.InFlight == 0)
                {
                    // ping spins (sched_yield, non-blocking reads) until the probe is due; in
                    // simulated time that is sleeping until then, woken by a packet.
                    Wait(next, _ => Receive(nonBlocking: true));
                    return;
                }
                next = MinIntervalMs;
            }
            if (Interval != 0)
            {
                Wait(next, packet =>
                {
                    if (packet) Receive(nonBlocking: true);
                    else Loop();
                });
                return;
            }
        }
        Receive(nonBlocking: false);
    }

    /// <summary>The recvmsg loop: read while packets are there and probes are in flight.</summary>
    private void Receive(bool nonBlocking)
    {
        while (true)
        {
            if (_queue.Count == 0)
            {
                if (nonBlocking)
                {
                    Loop();
                    return;
                }
                // recvmsg blocks for at most SO_RCVTIMEO, one interval.
                Wait(Schint(Interval), packet =>
                {
                    if (packet) Receive(nonBlocking: false);
                    else Loop();
                });
                return;
            }
            nonBlocking = true;
            _receiver.Receive(_queue.Dequeue(), Now);
            if (_stats.InFlight == 0)
            {
                Loop();
                return;
            }
        }
    }

    /// <summary>finish(): the statistics, and the exit status.</summary>
    private void Finish()
    {
        _setup.Invocation.Out.Write(_stats.Summary(_setup.Hostname, _current - _start, _probe.Timing, showIpg: Interval == 0));
        Exit(_stats.Received == 0 || (_options.Deadline > 0 && _stats.Received < _options.Count) ? 1 : 0);
    }

    /// <summary>status(), for SIGQUIT: one line of totals on stderr.</summary>
    private void PrintStatus()
    {
        _statusRequested = false;
        var c = CultureInfo.InvariantCulture;
        long loss = _stats.Transmitted == 0 ? 0 : (_stats.Transmitted - _stats.Received) * 100 / _stats.Transmitted;
        var line = string.Create(c, $"\r{_stats.Received}/{_stats.Transmitted} packets, {loss}% loss");
        if (_stats.Received != 0 && _probe.Timing)
        {
            long average = (long)(_stats.Tsum / (_stats.Received + _stats.Repeats));
            line += string.Create(c,
                $", min/avg/ewma/max = {_stats.Tmin / 1000}.{_stats.Tmin % 1000:D3}/{average / 1000}.{average % 1000:D3}/" +
                $"{_stats.Rtt / 8000}.{_stats.Rtt / 8 % 1000:D3}/{_stats.Tmax / 1000}.{_stats.Tmax % 1000:D3} ms");
        }
        _setup.Invocation.Err.WriteLine(line);
    }

    /// <summary>sigexit: the loop ends at its top, and pr_addr stops looking names up.</summary>
    private void StopLooping()
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
            if (_setup.InterruptWhenUnbounded && _options.Count == 0 && _options.Deadline == 0
                && _stats.Transmitted >= ProbesBeforeInterrupt)
            {
                InterruptAsCtrlC();
                return 1000;
            }
            _current = now;
            _tokens = ntokens - Interval;
        }

        if (_options.Outstanding && _stats.Transmitted > 0 && !_stats.WasReceived((ushort)_stats.Transmitted))
            _setup.Invocation.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{_receiver.Timestamp(now)}no answer yet for icmp_seq={_stats.Transmitted % PingStatistics.MaxDupCheck}"));

        var error = SendProbe();
        _stats.AdvanceTransmitted();
        if (error is null) return (int)(Interval - _tokens);
        _tokens = 0;
        _failedSend = (error.Value, _stats.Errors);
        return Schint(Interval);
    }

    /// <summary>
    /// pinger's hard_local_error: after a failed sendto, ping reads the socket's error queue. When
    /// an ICMP error about the probe is there (REJECT in OUTPUT answers with one, addressed to this
    /// host), receive_error_msg prints its "From ..." line and ping adds "sendmsg: ERRNO"; when the
    /// queue is empty (DROP) it prints nothing. The kernel has queued the error before sendto
    /// returns, in the softirq that runs the loopback; here the loopback takes a few microseconds,
    /// so the loop pauses that long before ping reads the queue and goes on.
    /// </summary>
    private void ReadErrorQueueAfterFailedSend(Errno error, long errorsBefore)
    {
        while (_queue.Count > 0) _receiver.Receive(_queue.Dequeue(), Now);
        if (_stats.Errors > errorsBefore && !_options.Quiet)
            _setup.Invocation.Err.WriteLine($"{_setup.Program}: sendmsg: {error.Message()}");
        Loop();
    }

    /// <summary>ping4_send_probe: the next sequence number, the send time in the data, sendto().</summary>
    private Errno? SendProbe()
    {
        ushort sequence = (ushort)(_stats.Transmitted + 1);
        _stats.ClearReceived(sequence);
        var message = _probe.Build(_setup.Identifier, sequence, Now);
        int size = Ipv4Packet.MinHeaderLength + message.Length;
        // raw_sendmsg refuses what no IPv4 packet can hold, fragmentation or not.
        if (size > Ipv4Packet.MaxTotalLength) return Errno.EMSGSIZE;
        if (_receiver.LearnedPathMtu is int pathMtu && size > pathMtu)
            throw new NotModelledException(
                $"a {size}-byte probe is larger than the path MTU {pathMtu} a router reported; the kernel would " +
                "fragment it, and IPv4 fragmentation is not modelled");
        var error = _socket.SendTo(_setup.Target, message);
        if (error == Errno.EMSGSIZE)
        {
            var mtu = _namespace.Ipv4.Routes.ResolveOutput(_setup.Target, _socket.BoundAddress, _socket.BoundDevice?.IfIndex ?? 0,
                out var route) is null ? $" {route.Device.Mtu}-byte MTU of {route.Device.Name}" : " MTU";
            throw new NotModelledException(
                $"a {size}-byte probe does not fit the{mtu}; the kernel would fragment it, and IPv4 fragmentation is not modelled");
        }
        return error;
    }

    /// <summary>
    /// A ping without -c or -w runs until the user presses Ctrl-C; a script in the foreground
    /// cannot, so NetSim does it for them, and says so.
    /// </summary>
    private void InterruptAsCtrlC()
    {
        if (!_interrupted)
        {
            _interrupted = true;
            _setup.Invocation.Err.WriteLine($"netsim: {_setup.Program} runs until interrupted; NetSim interrupted it as Ctrl-C " +
                                            "would, when the next probe was due (give -c COUNT or -w SECONDS to choose when it stops)");
        }
        StopLooping();
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
    /// Waits up to <paramref name="milliseconds"/> for a packet, then goes on with
    /// <paramref name="then"/>. The alarm cuts the wait short and makes ping exit; it wins a tie
    /// with a probe that falls due at the same instant.
    /// </summary>
    private void Wait(long milliseconds, Action<bool> then)
    {
        if (_queue.Count > 0)
        {
            then(true);
            return;
        }
        if (_exiting)
        {
            then(false);
            return;
        }
        long until = Now + milliseconds * Simulation.Millisecond;
        long? stop = _alarm;
        bool stuck = false;
        if (stop is null && _setup.InterruptWhenUnbounded && _options.Count > 0 && _stats.Transmitted >= _options.Count
            && _options.Deadline == 0)
        {
            stop = _current + StuckWait;
            stuck = true;
        }
        if (stop is { } s && s <= until) until = s;
        _continuation = then;
        _waitStop = stop;
        _waitStuck = stuck;
        _timer.Arm(Math.Max(0, until - Now));
    }

    /// <summary>The raw socket's delivery: queue a copy, and wake ping if it waits.</summary>
    private void OnPacket(ReadOnlySpan<byte> packet, int interfaceIndex)
    {
        _queue.Enqueue(new ReceivedPacket(Now, interfaceIndex, packet.ToArray()));
        if (_continuation is null || _wakePending) return;
        // ping runs once the kernel has finished this instant's work: a burst of errors that one
        // ARP failure sends is all queued before ping reads the first.
        _wakePending = true;
        _machine.Simulation.Schedule(0, () =>
        {
            _wakePending = false;
            if (_continuation is null) return;
            _timer.Cancel();
            Resume(true);
        });
    }

    private void OnTimer()
    {
        if (_continuation is null) return;
        bool packet = _queue.Count > 0;
        if (!packet && _waitStop is { } stop && Now >= stop)
        {
            if (_waitStuck) InterruptAsCtrlC();
            else StopLooping();
        }
        Resume(packet);
    }

    /// <summary>A signal interrupts the wait (EINTR): ping goes back to the top of its loop.</summary>
    private void Interrupt()
    {
        if (_continuation is null) return;
        _timer.Cancel();
        Resume(false);
    }

    private void Resume(bool packet)
    {
        var then = _continuation!;
        _continuation = null;
        Run(() => then(packet));
    }

    /// <summary>Runs a step of the loop; something the model cannot do ends ping with a clear message.</summary>
    private void Run(Action step)
    {
        try
        {
            step();
        }
        catch (NotModelledException unmodelled)
        {
            _setup.Invocation.Err.WriteLine($"netsim: {_setup.Program}: {unmodelled.Message}");
            Exit(2);
        }
    }
}
