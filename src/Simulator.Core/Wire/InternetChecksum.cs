using System.Buffers.Binary;
using Simulator.Core.Addressing;

namespace Simulator.Core.Wire;

/// <summary>
/// The Internet checksum (RFC 1071): the 16-bit one's complement of the one's complement sum of
/// the data taken as big-endian 16-bit words, an odd last byte padded with zero.
/// </summary>
/// <remarks>
/// Partial sums (<see cref="Sum"/>, <see cref="PseudoHeaderSum"/>) are kept folded to 16 bits and
/// can be added with <see cref="Add"/>, because one's complement addition is associative and
/// commutative (RFC 1071 section 1). Only the last chunk of a message may have odd length.
/// </remarks>
public static class InternetChecksum
{
    /// <summary>The one's complement sum of <paramref name="data"/>, folded to 16 bits (not complemented).</summary>
    public static ushort Sum(ReadOnlySpan<byte> data)
    {
        // A 64-bit accumulator of 32-bit words cannot overflow for any span .NET can hold;
        // the carries are folded back in at the end (RFC 1071 section 2, "deferred carries").
        ulong sum = 0;
        int i = 0;
        for (; i + 4 <= data.Length; i += 4)
            sum += BinaryPrimitives.ReadUInt32BigEndian(data[i..]);
        if (i + 2 <= data.Length)
        {
            sum += BinaryPrimitives.ReadUInt16BigEndian(data[i..]);
            i += 2;
        }
        if (i < data.Length)
            sum += (uint)data[i] << 8;
        return Fold(sum);
    }

    /// <summary>One's complement addition of two folded partial sums.</summary>
    public static ushort Add(ushort a, ushort b) => Fold((ulong)a + b);

    /// <summary>Folds the carries of a wide sum into 16 bits ("end around carry").</summary>
    public static ushort Fold(ulong sum)
    {
        while (sum > 0xFFFF)
            sum = (sum & 0xFFFF) + (sum >> 16);
        return (ushort)sum;
    }

    /// <summary>The checksum to put in a header: the complement of the sum of <paramref name="data"/>.</summary>
    public static ushort Compute(ReadOnlySpan<byte> data) => (ushort)~Sum(data);

    /// <summary>
    /// True when <paramref name="data"/>, checksum field included, sums to all ones, the receiver's
    /// test of RFC 1071 section 1 (it holds for both representations of zero, 0x0000 and 0xFFFF).
    /// </summary>
    public static bool IsValid(ReadOnlySpan<byte> data) => Sum(data) == 0xFFFF;

    /// <summary>
    /// The sum of the IPv4 pseudo-header that UDP (RFC 768) and TCP (RFC 793 section 3.1) prefix to
    /// their checksum: source, destination, zero, protocol, and the transport length.
    /// </summary>
    public static ushort PseudoHeaderSum(Ipv4Address source, Ipv4Address destination, IpProtocol protocol, int length)
    {
        ulong sum = (source.Value >> 16) + (source.Value & 0xFFFF)
                    + (destination.Value >> 16) + (destination.Value & 0xFFFF)
                    + (uint)(byte)protocol + (uint)(ushort)length;
        return Fold(sum);
    }

    /// <summary>The checksum of a transport segment, its pseudo-header included.</summary>
    public static ushort Compute(Ipv4Address source, Ipv4Address destination, IpProtocol protocol,
        ReadOnlySpan<byte> segment) =>
        (ushort)~Add(PseudoHeaderSum(source, destination, protocol, segment.Length), Sum(segment));

    /// <summary>True when a transport segment, checksum field included, sums to all ones with its pseudo-header.</summary>
    public static bool IsValid(Ipv4Address source, Ipv4Address destination, IpProtocol protocol,
        ReadOnlySpan<byte> segment) =>
        Add(PseudoHeaderSum(source, destination, protocol, segment.Length), Sum(segment)) == 0xFFFF;

    /// <summary>
    /// The checksum after one 16-bit word of the covered data changed from <paramref name="oldValue"/>
    /// to <paramref name="newValue"/>, without touching the rest: RFC 1624 equation 3,
    /// HC' = ~(~HC + ~m + m'), which (unlike RFC 1141's form) never yields 0x0000 from a nonzero sum.
    /// </summary>
    public static ushort Update(ushort checksum, ushort oldValue, ushort newValue) =>
        (ushort)~Fold((ulong)(ushort)~checksum + (ushort)~oldValue + newValue);

    /// <summary>
    /// <see cref="Update(ushort, ushort, ushort)"/> for an address that NAT rewrites: it is two words
    /// of the IPv4 header and of the UDP/TCP pseudo-header. A UDP checksum of zero means "none"
    /// (RFC 768) and the caller must leave it zero.
    /// </summary>
    public static ushort Update(ushort checksum, Ipv4Address oldAddress, Ipv4Address newAddress)
    {
        uint oldValue = oldAddress.Value, newValue = newAddress.Value;
        return (ushort)~Fold((ulong)(ushort)~checksum
                             + (ushort)~(ushort)(oldValue >> 16) + (ushort)~(ushort)oldValue
                             + (newValue >> 16) + (newValue & 0xFFFF));
    }
}
