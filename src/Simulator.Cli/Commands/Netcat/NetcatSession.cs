using System.Text;
using Simulator.Core.Engine;
using Timer = Simulator.Core.Engine.Timer;

namespace Simulator.Cli.Commands.Netcat;

/// <summary>
/// netcat's readwrite(): stdin goes to the network, the network to stdout, until the exchange
/// ends as netcat-openbsd 1.219 ends it (measured between namespaces on Linux 6.18):
/// <list type="bullet">
/// <item>when both inputs are gone: stdin ended and the peer closed (or reset) the connection;</item>
/// <item>for a listener, as soon as the peer's side is gone, even if stdin is still open;</item>
/// <item>with -q N, N seconds after stdin ended (0: at once) — the program then quits;</item>
/// <item>with -w N, after N seconds with nothing to read or write.</item>
/// </list>
/// Without -N or -q the end of stdin does not end the connection: <c>echo x | nc host port</c>
/// waits for the peer to close. With -N the end of stdin sends a FIN (shutdown SHUT_WR).
/// </summary>
internal sealed class NetcatSession
{
    /// <summary>BUFSIZE in netcat.c: what one read of stdin takes, so one UDP datagram at most.</summary>
    private const int BufferSize = 16384;

    private readonly INetcatChannel _channel;
    private readonly NetcatOptions _options;
    private readonly bool _listening;
    private readonly TextWriter _stdout;
    private readonly Decoder _decoder = new UTF8Encoding(false).GetDecoder();
    private readonly Timer _quitTimer;
    private readonly Timer _idleTimer;
    private readonly Action<bool> _finished;
    private byte[] _stdin;
    private bool _stdinGone;
    private bool _networkInGone;
    private bool _networkOutGone;
    private bool _ended;

    /// <param name="finished">Called once when the exchange ends; true when -q's timer ended it (nc then quits).</param>
    public NetcatSession(INetcatChannel channel, byte[] stdin, NetcatOptions options, bool listening, TextWriter stdout,
        Simulation simulation, Action<bool> finished)
    {
        _channel = channel;
        _stdin = stdin;
        _options = options;
        _listening = listening;
        _stdout = stdout;
        _finished = finished;
        _quitTimer = new Timer(simulation, () => End(quit: true));
        _idleTimer = new Timer(simulation, () => End(quit: false));
    }

    public void Start(Action<Action> dispatch)
    {
        _channel.Wakeup = () => dispatch(Pump);
        Pump();
    }

    /// <summary>One turn of readwrite's poll loop: whatever can move, moves; then the exit checks.</summary>
    private void Pump()
    {
        if (_ended) return;
        bool active = false;

        if (!_stdinGone)
        {
            // drainbuf: stdin to the network, BUFSIZE at a time.
            for (int offset = 0; offset < _stdin.Length && !_networkOutGone; offset += BufferSize)
            {
                active = true;
                if (!_channel.Write(_stdin.AsSpan(offset, Math.Min(BufferSize, _stdin.Length - offset)))) _networkOutGone = true;
            }
            _stdin = [];
            _stdinGone = true;
            StdinEnded();
            if (_ended) return;
        }

        if (!_networkInGone)
        {
            var received = _channel.ReadAvailable();
            if (received.Length > 0)
            {
                active = true;
                WriteStdout(received);
            }
            if (_channel.ReadEnded)
            {
                _networkInGone = true;
                active = true;
            }
        }

        // netcat.c: both inputs gone; or, listening, the network input gone; or both outputs gone.
        if ((_stdinGone && _networkInGone) || (_listening && _networkInGone) || (_networkOutGone && _networkInGone))
        {
            End(quit: false);
            return;
        }
        if (active || !_idleTimer.IsArmed) ArmIdleTimer();
    }

    /// <summary>"stdin gone and queue empty": -N shuts the connection's sending side; -q starts its timer.</summary>
    private void StdinEnded()
    {
        if (_options.ShutdownOnEof && !_networkOutGone) _channel.ShutdownWrite();
        _networkOutGone = true;
        if (_options.QuitAfterEof == 0)
        {
            End(quit: true);
            return;
        }
        if (_options.QuitAfterEof > 0) _quitTimer.Arm(_options.QuitAfterEof * Simulation.Second);
    }

    /// <summary>-w: poll() with a timeout; a poll that times out ends readwrite.</summary>
    private void ArmIdleTimer()
    {
        if (_options.Timeout is int seconds) _idleTimer.Arm(seconds * Simulation.Second);
    }

    private void WriteStdout(byte[] data)
    {
        var chars = new char[_decoder.GetCharCount(data, 0, data.Length)];
        _decoder.GetChars(data, 0, data.Length, chars, 0);
        _stdout.Write(chars);
        _stdout.Flush();
    }

    private void End(bool quit)
    {
        if (_ended) return;
        _ended = true;
        _quitTimer.Cancel();
        _idleTimer.Cancel();
        _channel.Wakeup = null;
        _finished(quit);
    }

    /// <summary>The process was killed: stop without another word.</summary>
    public void Abort()
    {
        _ended = true;
        _quitTimer.Cancel();
        _idleTimer.Cancel();
        _channel.Wakeup = null;
    }
}
