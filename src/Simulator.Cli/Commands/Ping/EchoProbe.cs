using Simulator.Core.Wire;

namespace Simulator.Cli.Commands.Ping;

/// <summary>
/// The echo request ping4_send_probe sends: ICMP header, identifier, sequence number, then the
/// data ping filled at setup (bytes 0, 1, 2… or the -p pattern) with, when the data has room, the
/// send time as a struct timeval over its first 16 bytes.
/// </summary>
internal sealed class EchoProbe
{
    private readonly byte[] _data;

    public EchoProbe(int dataLength, byte[]? pattern)
    {
        _data = new byte[dataLength];
        if (pattern is null)
        {
            for (int i = 0; i < dataLength; i++) _data[i] = (byte)i;
        }
        else if (pattern.Length > 0)
        {
            for (int i = 0; i < dataLength; i++) _data[i] = pattern[i % pattern.Length];
        }
        Timing = dataLength >= WallClock.TimevalLength;
    }

    /// <summary>rts->timing: the data holds a timestamp, so replies can be timed.</summary>
    public bool Timing { get; }

    /// <summary>The data as filled at setup; replies are compared with it after the timestamp.</summary>
    public ReadOnlySpan<byte> Data => _data;

    /// <summary>The ICMP message for probe <paramref name="sequence"/> sent at <paramref name="now"/>.</summary>
    public byte[] Build(ushort identifier, ushort sequence, long now)
    {
        var echo = IcmpRepr.EchoRequest(identifier, sequence, _data.Length);
        var message = new byte[echo.BufferLength];
        var payload = (byte[])_data.Clone();
        if (Timing) WallClock.Write(payload, now);
        echo.Emit(message, payload);
        return message;
    }
}
