using Simulator.Core.Engine;
using Simulator.Devices.Ipv4.Sockets;

namespace Simulator.Cli.Commands.Netcat;

/// <summary>
/// A UDP socket as netcat reads and writes it: each write one datagram; an ICMP error reported on
/// the socket (port unreachable is ECONNREFUSED) fails the next read, which ends the network input.
/// </summary>
internal sealed class UdpChannel : INetcatChannel, IEventTarget
{
    private readonly UdpSocket _socket;
    private readonly Simulation _simulation;
    private Action? _wakeup;
    private bool _wakePending;
    private bool _readFailed;

    public UdpChannel(UdpSocket socket, Simulation simulation)
    {
        _socket = socket;
        _simulation = simulation;
    }

    public UdpSocket Socket => _socket;

    public Action? Wakeup
    {
        set
        {
            _wakeup = value;
            _socket.DataReady = value is null ? null : _ => ScheduleWakeup();
            _socket.ErrorReport = value is null ? null : _ => ScheduleWakeup();
        }
    }

    /// <summary>The process runs after the softirq that queued the datagram or the error, not inside it.</summary>
    private void ScheduleWakeup()
    {
        if (_wakePending) return;
        _wakePending = true;
        _simulation.Schedule(0, this);
    }

    void IEventTarget.OnEvent(object? payload, long argument)
    {
        _wakePending = false;
        _wakeup?.Invoke();
    }

    public bool ReadEnded => _readFailed;

    public byte[] ReadAvailable()
    {
        var data = new List<byte>();
        while (_socket.Received.TryDequeue(out var datagram)) data.AddRange(datagram.Data);
        if (data.Count == 0 && _socket.TakeError() != null) _readFailed = true;
        return data.ToArray();
    }

    public bool Write(ReadOnlySpan<byte> data) => _socket.Send(data) is null;

    /// <summary>shutdown(SHUT_WR) on a UDP socket changes nothing on the wire.</summary>
    public void ShutdownWrite() { }

    public void Close()
    {
        Wakeup = null;
        _socket.Close();
    }
}
