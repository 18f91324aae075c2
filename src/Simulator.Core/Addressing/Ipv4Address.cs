using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Simulator.Core.Addressing;

/// <summary>
/// An IPv4 address as a value. The 32 address bits live in the low half of one
/// <see cref="ulong"/>; bit 32 marks the value as valid, so <c>default</c> is not an address
/// (as Go's <c>netip.Addr{}</c>) while 0.0.0.0 still is one.
/// </summary>
public readonly struct Ipv4Address : IEquatable<Ipv4Address>, IComparable<Ipv4Address>,
    ISpanFormattable, ISpanParsable<Ipv4Address>
{
    private const ulong ValidBit = 1UL << 32;
    private readonly ulong _bits;

    public Ipv4Address(uint value) => _bits = ValidBit | value;

    public Ipv4Address(byte a, byte b, byte c, byte d)
        : this((uint)(a << 24 | b << 16 | c << 8 | d)) { }

    public static Ipv4Address Any { get; } = new(0u);
    public static Ipv4Address Broadcast { get; } = new(0xFFFFFFFFu);
    public static Ipv4Address Loopback { get; } = new(127, 0, 0, 1);

    public bool IsValid => (_bits & ValidBit) != 0;

    /// <summary>The address in host order: 10.0.0.1 is 0x0A000001.</summary>
    public uint Value => (uint)_bits;

    public bool IsUnspecified => IsValid && Value == 0;
    public bool IsLimitedBroadcast => IsValid && Value == 0xFFFFFFFFu;
    public bool IsLoopback => IsValid && (Value >> 24) == 127;
    /// <summary>224.0.0.0/4 (RFC 5771).</summary>
    public bool IsMulticast => IsValid && (Value >> 28) == 0xE;
    /// <summary>0.0.0.0/8 ("this network", RFC 1122 3.2.1.3), never a valid destination.</summary>
    public bool IsZeroNet => IsValid && (Value >> 24) == 0;

    public static Ipv4Address Read(ReadOnlySpan<byte> source) => new(BinaryPrimitives.ReadUInt32BigEndian(source));

    public void Write(Span<byte> destination) => BinaryPrimitives.WriteUInt32BigEndian(destination, Value);

    public static Ipv4Address Parse(string s) => Parse(s.AsSpan(), null);
    public static Ipv4Address Parse(string s, IFormatProvider? provider) => Parse(s.AsSpan(), provider);

    public static Ipv4Address Parse(ReadOnlySpan<char> s, IFormatProvider? provider = null) =>
        TryParse(s, provider, out var address) ? address : throw new FormatException($"invalid IPv4 address \"{s}\"");

    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out Ipv4Address result) =>
        TryParse(s.AsSpan(), provider, out result);

    public static bool TryParse(string? s, out Ipv4Address result) => TryParse(s.AsSpan(), null, out result);

    public static bool TryParse(ReadOnlySpan<char> s, out Ipv4Address result) => TryParse(s, null, out result);

    /// <summary>Strict dotted-quad: four decimal octets 0-255, no leading '+', no empty parts.</summary>
    public static bool TryParse(ReadOnlySpan<char> s, IFormatProvider? provider, out Ipv4Address result)
    {
        result = default;
        uint value = 0;
        int octets = 0;
        int i = 0;
        while (octets < 4)
        {
            int start = i;
            uint octet = 0;
            while (i < s.Length && s[i] >= '0' && s[i] <= '9' && i - start < 3)
            {
                octet = octet * 10 + (uint)(s[i] - '0');
                i++;
            }
            if (i == start || octet > 255) return false;
            value = value << 8 | octet;
            octets++;
            if (octets < 4)
            {
                if (i >= s.Length || s[i] != '.') return false;
                i++;
            }
        }
        if (i != s.Length) return false;
        result = new Ipv4Address(value);
        return true;
    }

    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format = default,
        IFormatProvider? provider = null)
    {
        charsWritten = 0;
        if (!IsValid)
            return TryAppend(destination, ref charsWritten, "invalid IP");
        uint v = Value;
        for (int shift = 24; shift >= 0; shift -= 8)
        {
            if (!((v >> shift) & 0xFF).TryFormat(destination[charsWritten..], out int n, default, CultureInfo.InvariantCulture))
                return false;
            charsWritten += n;
            if (shift > 0 && !TryAppend(destination, ref charsWritten, "."))
                return false;
        }
        return true;
    }

    private static bool TryAppend(Span<char> destination, ref int written, string text)
    {
        if (!text.AsSpan().TryCopyTo(destination[written..])) return false;
        written += text.Length;
        return true;
    }

    public string ToString(string? format, IFormatProvider? formatProvider) => ToString();

    public override string ToString()
    {
        Span<char> buffer = stackalloc char[15];
        return TryFormat(buffer, out int n) ? new string(buffer[..n]) : "invalid IP";
    }

    public bool Equals(Ipv4Address other) => _bits == other._bits;
    public override bool Equals(object? obj) => obj is Ipv4Address other && Equals(other);
    public override int GetHashCode() => _bits.GetHashCode();
    public int CompareTo(Ipv4Address other) => _bits.CompareTo(other._bits);
    public static bool operator ==(Ipv4Address left, Ipv4Address right) => left.Equals(right);
    public static bool operator !=(Ipv4Address left, Ipv4Address right) => !left.Equals(right);
}
