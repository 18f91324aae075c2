namespace Simulator.Cli.Commands.Netcat;

/// <summary>
/// The network end of netcat's readwrite(): a connected TCP or UDP socket as poll() and
/// read()/write() see it.
/// </summary>
internal interface INetcatChannel
{
    /// <summary>Called (at the current instant, after the event that caused it) when poll() would return.</summary>
    Action? Wakeup { set; }

    /// <summary>read() returned 0 or an error: the network input is gone.</summary>
    bool ReadEnded { get; }

    /// <summary>Everything that can be read now (TCP bytes, or UDP datagrams one after another).</summary>
    byte[] ReadAvailable();

    /// <summary>write(); false when it failed and the network output is gone.</summary>
    bool Write(ReadOnlySpan<byte> data);

    /// <summary>shutdown(SHUT_WR), for -N.</summary>
    void ShutdownWrite();

    void Close();
}
