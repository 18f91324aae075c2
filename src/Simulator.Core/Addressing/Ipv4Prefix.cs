using System.Diagnostics.CodeAnalysis;

namespace Simulator.Core.Addressing;

/// <summary>
/// A network: an address with its host bits cleared and a prefix length 0-32
/// (<c>192.168.1.0/24</c>). Constructing one masks the address, as Go's <c>Prefix.Masked</c>.
/// </summary>
public readonly struct Ipv4Prefix : IEquatable<Ipv4Prefix>, ISpanFormattable
{
    public Ipv4Prefix(Ipv4Address address, int length)
    {
        if (!address.IsValid) throw new ArgumentException("invalid address", nameof(address));
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, 32);
        Network = new Ipv4Address(address.Value & MaskBits(length));
        Length = length;
    }

    public static Ipv4Prefix Default { get; } = new(Ipv4Address.Any, 0);

    public Ipv4Address Network { get; }
    public int Length { get; }
    public bool IsValid => Network.IsValid;
    public Ipv4Address Mask => new(MaskBits(Length));
    public bool IsDefault => IsValid && Length == 0;
    /// <summary>The directed broadcast address of this network.</summary>
    public Ipv4Address Broadcast => new(Network.Value | ~MaskBits(Length));

    public bool Contains(Ipv4Address address) =>
        address.IsValid && (address.Value & MaskBits(Length)) == Network.Value;

    public bool Contains(Ipv4Prefix other) => other.Length >= Length && Contains(other.Network);

    public static uint MaskBits(int length) => length == 0 ? 0u : 0xFFFFFFFFu << (32 - length);

    /// <summary>The prefix length of a contiguous netmask such as 255.255.255.0, or -1.</summary>
    public static int LengthOfMask(Ipv4Address mask)
    {
        uint bits = mask.Value;
        int length = System.Numerics.BitOperations.PopCount(bits);
        return MaskBits(length) == bits ? length : -1;
    }

    /// <summary>
    /// Parses <c>A.B.C.D</c>, <c>A.B.C.D/LEN</c> or <c>A.B.C.D/M.M.M.M</c>; without a length the
    /// prefix is a host route (/32). Host bits are cleared, as <see cref="Ipv4Prefix"/> always is;
    /// callers that must refuse host bits use <see cref="Ipv4InterfaceAddress"/> and compare.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> s, out Ipv4Prefix result)
    {
        result = default;
        if (!Ipv4InterfaceAddress.TryParse(s, out var interfaceAddress)) return false;
        result = interfaceAddress.Network;
        return true;
    }

    public static bool TryParse([NotNullWhen(true)] string? s, out Ipv4Prefix result) => TryParse(s.AsSpan(), out result);

    public static Ipv4Prefix Parse(string s) =>
        TryParse(s, out var prefix) ? prefix : throw new FormatException($"invalid IPv4 prefix \"{s}\"");

    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format = default,
        IFormatProvider? provider = null) =>
        destination.TryWrite($"{Network}/{Length}", out charsWritten);

    public string ToString(string? format, IFormatProvider? formatProvider) => ToString();
    public override string ToString() => IsValid ? $"{Network}/{Length}" : "invalid prefix";

    public bool Equals(Ipv4Prefix other) => Network == other.Network && Length == other.Length;
    public override bool Equals(object? obj) => obj is Ipv4Prefix other && Equals(other);
    public override int GetHashCode() => HashCode.Combine(Network, Length);
    public static bool operator ==(Ipv4Prefix left, Ipv4Prefix right) => left.Equals(right);
    public static bool operator !=(Ipv4Prefix left, Ipv4Prefix right) => !left.Equals(right);
}
