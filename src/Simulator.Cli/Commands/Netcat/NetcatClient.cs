using Simulator.Core.Addressing;
using Simulator.Core.Engine;
using Simulator.Devices;
using Simulator.Devices.Ipv4.Sockets;
using Simulator.Devices.Ipv4.Sockets.Tcp;
using Timer = Simulator.Core.Engine.Timer;

namespace Simulator.Cli.Commands.Netcat;

/// <summary>
/// netcat connecting (main's port loop and remote_connect): for each port, each address of the
/// host in turn until one connects; then, with -z, close at once, else the readwrite exchange.
/// With -v each failure and success is told. With -u there is no handshake: -v or -z probe the
/// port with udptest first. The exit status is 0 if any port connected.
/// </summary>
internal sealed class NetcatClient : NetcatProcess
{
    private readonly Timer _connectTimer;
    private int _portIndex;
    private int _addressIndex;
    private int _status = 1;
    private TcpSocket? _connecting;
    private UdpSocket? _udp;
    private UdpProbe? _probe;

    public NetcatClient(NetcatSetup setup) : base(setup)
    {
        _connectTimer = new Timer(Simulation, () => Dispatch(ConnectTimedOut));
    }

    private ushort Port => Setup.Ports[_portIndex];
    private Ipv4Address Address => Setup.Addresses[_addressIndex];

    public override void Start() => Dispatch(NextPort);

    private void NextPort()
    {
        if (_portIndex >= Setup.Ports.Count)
        {
            Quit(_status);
            return;
        }
        _addressIndex = 0;
        TryAddress();
    }

    private void PortDone()
    {
        _portIndex++;
        NextPort();
    }

    private void TryAddress()
    {
        if (_addressIndex >= Setup.Addresses.Count)
        {
            PortDone();
            return;
        }
        if (Options.Udp) ConnectUdp();
        else ConnectTcp();
    }

    private void AddressFailed()
    {
        _addressIndex++;
        TryAddress();
    }

    // ----- TCP -----

    private void ConnectTcp()
    {
        var socket = Namespace.Ipv4.Sockets.OpenTcp();
        if (!BindSource(socket.Bind))
        {
            socket.Close();
            return;
        }
        var error = socket.Connect(Address, Port);
        if (error != null)
        {
            socket.Close();
            Failed(error.Value);
            return;
        }
        _connecting = socket;
        socket.Wakeup = _ => Dispatch(ConnectProgress);
        if (Options.Timeout is int seconds) _connectTimer.Arm(seconds * Simulation.Second);
    }

    /// <summary>
    /// connect() returned, in success or failure (timeout_connect: poll, then SO_ERROR; a
    /// connection reset before netcat looked fails with ECONNRESET).
    /// </summary>
    private void ConnectProgress()
    {
        var socket = _connecting;
        if (socket is null || socket.State == TcpState.SynSent) return;
        _connectTimer.Cancel();
        _connecting = null;
        socket.Wakeup = null;
        if (socket.State != TcpState.Close)
        {
            Connected(new TcpChannel(socket));
            return;
        }
        var error = socket.TakeError() ?? Errno.ECONNREFUSED;
        socket.Close();
        Failed(error);
    }

    private void ConnectTimedOut()
    {
        var socket = _connecting;
        if (socket is null) return;
        _connecting = null;
        socket.Wakeup = null;
        socket.Close();
        if (Options.Verbose) Report.ConnectTimedOut(Setup.Host, Address, Port);
        AddressFailed();
    }

    private void Failed(Errno error)
    {
        if (Options.Verbose) Report.ConnectFailed(Setup.Host, Address, Port, error);
        AddressFailed();
    }

    private void Connected(INetcatChannel channel)
    {
        _status = 0;
        if (Options.Verbose) Report.Succeeded(Setup.Host, Address, Port);
        if (Options.ZeroIo)
        {
            channel.Close();
            PortDone();
            return;
        }
        Exchange(channel, listening: false, PortDone);
    }

    // ----- UDP -----

    private void ConnectUdp()
    {
        var socket = Namespace.Ipv4.Sockets.OpenUdp();
        socket.AllowBroadcast = Options.Broadcast;
        if (!BindSource(socket.Bind))
        {
            socket.Close();
            return;
        }
        var error = socket.Connect(Address, Port);
        if (error != null)
        {
            socket.Close();
            Failed(error.Value);
            return;
        }
        if (!Options.Verbose && !Options.ZeroIo)
        {
            Connected(new UdpChannel(socket, Simulation));
            return;
        }
        _udp = socket;
        _probe = new UdpProbe(socket, Simulation, Options.Timeout, Dispatch, open =>
        {
            _probe = null;
            _udp = null;
            if (open)
            {
                Connected(new UdpChannel(socket, Simulation));
                return;
            }
            // udptest failed: "ret = 1; continue" to the next port, without a word.
            socket.Close();
            _status = 1;
            PortDone();
        });
        _probe.Start();
    }

    /// <summary>
    /// -s and -p: bind before connecting. A failure ends netcat: <c>nc: bind failed: Address already in use</c>.
    /// </summary>
    private bool BindSource(Func<Ipv4Address, ushort, Errno?> bind)
    {
        if (Setup.LocalAddress.IsUnspecified && Setup.LocalPort == 0) return true;
        var error = bind(Setup.LocalAddress, Setup.LocalPort);
        if (error is null) return true;
        Err.WriteLine($"nc: bind failed: {error.Value.Message()}");
        Quit(1);
        return false;
    }

    protected override void CloseAll()
    {
        _connectTimer.Cancel();
        _probe?.Cancel();
        _probe = null;
        _connecting?.Close();
        _connecting = null;
        _udp?.Close();
        _udp = null;
    }
}
