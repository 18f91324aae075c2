namespace Simulator.Netfilter.Matches;

/// <summary>An inclusive range of TCP/UDP ports; a single port has Min == Max.</summary>
public readonly record struct PortRange(ushort Min, ushort Max)
{
    /// <summary>0:65535, what a tcp or udp match without that option tests.</summary>
    public static PortRange All => new(0, ushort.MaxValue);

    public static PortRange Single(ushort port) => new(port, port);

    public bool IsAll => Min == 0 && Max == ushort.MaxValue;
    public bool IsSingle => Min == Max;

    public bool Contains(ushort port) => port >= Min && port <= Max;
}
