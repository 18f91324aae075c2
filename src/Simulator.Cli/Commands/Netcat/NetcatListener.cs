using Simulator.Devices;
using Simulator.Devices.Ipv4.Sockets;
using Simulator.Devices.Ipv4.Sockets.Tcp;

namespace Simulator.Cli.Commands.Netcat;

/// <summary>
/// netcat listening (-l; local_listen and main's accept loop). TCP: a socket with SO_REUSEADDR and
/// SO_REUSEPORT (so a second <c>nc -l</c> on the port binds too), listen(1), then one connection at
/// a time — others wait in the kernel's accept queue, and are reset when netcat exits. UDP: the
/// first datagram's sender becomes the peer (the socket is connected to it, unless -k). After an
/// exchange, -k waits for the next connection; otherwise netcat exits 0.
/// </summary>
internal sealed class NetcatListener(NetcatSetup setup) : NetcatProcess(setup)
{
    /// <summary>listen(s, 1) in local_listen.</summary>
    private const int Backlog = 1;

    private TcpSocket? _listener;
    private UdpSocket? _udp;

    public override void Start() => Dispatch(Options.Udp ? ListenUdp : ListenTcp);

    private void ListenTcp()
    {
        var socket = Namespace.Ipv4.Sockets.OpenTcp();
        socket.ReuseAddress = true;
        socket.ReusePort = true;
        var error = socket.Bind(Setup.LocalAddress, Setup.LocalPort) ?? socket.Listen(Backlog);
        if (error != null)
        {
            socket.Close();
            Fail(error.Value);
            return;
        }
        _listener = socket;
        if (Options.Verbose) Report.Socket("Listening", socket.LocalAddress, socket.LocalPort);
        socket.Wakeup = _ => Dispatch(Accept);
        Accept();
    }

    private void Accept()
    {
        if (Session != null || _listener is null) return;
        var connection = _listener.Accept();
        if (connection is null) return;
        if (Options.Verbose) Report.Socket("Connection received", connection.RemoteAddress, connection.RemotePort);
        Exchange(new TcpChannel(connection), listening: true, ExchangeDone);
    }

    private void ListenUdp()
    {
        var socket = Namespace.Ipv4.Sockets.OpenUdp();
        socket.AllowBroadcast = Options.Broadcast;
        var error = socket.Bind(Setup.LocalAddress, Setup.LocalPort);
        if (error != null)
        {
            socket.Close();
            Fail(error.Value);
            return;
        }
        _udp = socket;
        if (Options.Verbose) Report.Socket("Bound", socket.LocalAddress, socket.LocalPort);
        if (Options.KeepListening)
        {
            // -u -k: the socket stays unconnected and takes datagrams from anyone.
            Exchange(new UdpChannel(socket, Simulation), listening: true, ExchangeDone);
            return;
        }
        socket.DataReady = _ => Simulation.Schedule(0, () => Dispatch(FirstDatagram));
        FirstDatagram();
    }

    /// <summary>recvfrom(MSG_PEEK) then connect() to whoever sent the first datagram.</summary>
    private void FirstDatagram()
    {
        var socket = _udp;
        if (Session != null || socket is null || !socket.Received.TryPeek(out var first)) return;
        socket.DataReady = null;
        socket.Connect(first.Source, first.SourcePort);
        if (Options.Verbose) Report.Socket("Connection received", first.Source, first.SourcePort);
        Exchange(new UdpChannel(socket, Simulation), listening: true, ExchangeDone);
    }

    private void ExchangeDone()
    {
        if (!Options.KeepListening)
        {
            Quit(0);
            return;
        }
        if (Options.Udp) Quit(0);
        else Accept();
    }

    /// <summary>local_listen failed: <c>nc: Address already in use</c>, status 1.</summary>
    private void Fail(Errno error)
    {
        Err.WriteLine($"nc: {error.Message()}");
        Quit(1);
    }

    protected override void CloseAll()
    {
        _listener?.Close();
        _listener = null;
        _udp?.Close();
        _udp = null;
    }
}
