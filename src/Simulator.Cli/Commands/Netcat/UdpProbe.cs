using Simulator.Core.Engine;
using Simulator.Devices;
using Simulator.Devices.Ipv4.Sockets;
using Timer = Simulator.Core.Engine.Timer;

namespace Simulator.Cli.Commands.Netcat;

/// <summary>
/// udptest() as Debian patches it (-v or -z with -u): UDP has no handshake, so netcat writes an
/// "X" twice, then once a second for three seconds (-w N: N seconds), and calls the port closed
/// when a write fails with ECONNREFUSED — the port-unreachable answer to an earlier X. A capture of
/// the real one shows the X's at 0, 0.09 ms, 1, 2 and 3 s; the second comes late enough for the
/// answer to the first to be back when the port is closed, as it is here.
/// </summary>
internal sealed class UdpProbe
{
    private static readonly byte[] Probe = "X"u8.ToArray();
    /// <summary>The gap between the first two X's in the real capture.</summary>
    private const long SecondProbeDelay = 90 * Simulation.Microsecond;
    /// <summary>UDP_SCAN_TIMEOUT.</summary>
    private const int DefaultSeconds = 3;

    private readonly UdpSocket _socket;
    private readonly Timer _timer;
    private readonly int _seconds;
    private readonly Action<bool> _done;
    private int _step;

    /// <param name="done">Called with true when the port looks open, false when it refused.</param>
    public UdpProbe(UdpSocket socket, Simulation simulation, int? timeout, Action<Action> dispatch, Action<bool> done)
    {
        _socket = socket;
        _seconds = timeout ?? DefaultSeconds;
        _done = done;
        _timer = new Timer(simulation, () => dispatch(Next));
    }

    public void Start()
    {
        if (_socket.Send(Probe) != null)
        {
            _done(false);
            return;
        }
        _timer.Arm(SecondProbeDelay);
    }

    private void Next()
    {
        if (_socket.Send(Probe) == Errno.ECONNREFUSED)
        {
            _done(false);
            return;
        }
        if (_step++ < _seconds)
        {
            _timer.Arm(Simulation.Second);
            return;
        }
        _done(true);
    }

    public void Cancel() => _timer.Cancel();
}
