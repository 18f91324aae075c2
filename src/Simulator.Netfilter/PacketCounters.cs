namespace Simulator.Netfilter;

/// <summary>A packet and byte counter pair, as each rule and each built-in chain policy keeps.</summary>
public readonly record struct PacketCounters(ulong Packets, ulong Bytes)
{
    public static PacketCounters Zero => default;

    /// <summary>One more packet of <paramref name="length"/> bytes. Wraps like the kernel's u64.</summary>
    public PacketCounters Add(uint length) => new(unchecked(Packets + 1), unchecked(Bytes + length));
}
