namespace Simulator.Devices.Ipv4.Sockets.Tcp;

/// <summary>
/// Sequence-number comparisons modulo 2^32 (RFC 9293 section 3.4), as include/net/tcp.h's
/// before(), after() and between().
/// </summary>
internal static class SequenceNumbers
{
    public static bool Before(uint a, uint b) => (int)(a - b) < 0;

    public static bool After(uint a, uint b) => Before(b, a);

    /// <summary>low &lt;= seq &lt;= high, modulo 2^32.</summary>
    public static bool Between(uint seq, uint low, uint high) => high - low >= seq - low;

    public static uint Max(uint a, uint b) => After(a, b) ? a : b;
}
