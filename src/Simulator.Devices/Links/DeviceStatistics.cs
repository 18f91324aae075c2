namespace Simulator.Devices.Links;

/// <summary>The counters <c>ip -s link</c>, <c>ifconfig</c> and <c>netstat -i</c> show.</summary>
public sealed class DeviceStatistics
{
    public ulong RxPackets, RxBytes, RxErrors, RxDropped;
    public ulong TxPackets, TxBytes, TxErrors, TxDropped;
    public ulong Multicast;
}
