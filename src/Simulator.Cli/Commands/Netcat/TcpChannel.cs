using Simulator.Devices.Ipv4.Sockets.Tcp;

namespace Simulator.Cli.Commands.Netcat;

/// <summary>A connected TCP socket as netcat reads and writes it.</summary>
internal sealed class TcpChannel(TcpSocket socket) : INetcatChannel
{
    private bool _readFailed;

    public TcpSocket Socket => socket;

    public Action? Wakeup
    {
        set => socket.Wakeup = value is null ? null : _ => value();
    }

    public bool ReadEnded => _readFailed || (socket.BytesAvailable == 0 && (socket.IsEndOfStream || socket.Error != null));

    public byte[] ReadAvailable()
    {
        var data = socket.ReceiveAll();
        // read() reports a reset or a timeout once the data before it is read.
        if (data.Length == 0 && socket.TakeError() != null) _readFailed = true;
        return data;
    }

    public bool Write(ReadOnlySpan<byte> data) => socket.Send(data) is null;

    public void ShutdownWrite() => socket.Shutdown(TcpShutdown.Send);

    public void Close()
    {
        socket.Wakeup = null;
        socket.Close();
    }
}
