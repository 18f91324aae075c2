using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Simulator.Core.Addressing;

/// <summary>
/// A 48-bit Ethernet address as a value. The address bits live in the low 48 bits of one
/// <see cref="ulong"/>; bit 48 marks the value as valid, so <c>default</c> is not an address.
/// </summary>
public readonly struct MacAddress : IEquatable<MacAddress>, IComparable<MacAddress>,
    ISpanFormattable, ISpanParsable<MacAddress>
{
    private const ulong ValidBit = 1UL << 48;
    private const ulong AddressMask = ValidBit - 1;
    private readonly ulong _bits;

    public MacAddress(ulong value) => _bits = ValidBit | (value & AddressMask);

    public static MacAddress Broadcast { get; } = new(AddressMask);
    /// <summary>The all-zero address that loopback devices carry.</summary>
    public static MacAddress Zero { get; } = new(0UL);

    public bool IsValid => (_bits & ValidBit) != 0;
    public ulong Value => _bits & AddressMask;

    /// <summary>The I/G bit: the least significant bit of the first octet (IEEE 802-2014 8.2).</summary>
    public bool IsMulticast => (Value & (1UL << 40)) != 0;
    public bool IsBroadcast => IsValid && Value == AddressMask;
    public bool IsUnicast => IsValid && !IsMulticast;
    /// <summary>The U/L bit: set on addresses that were not assigned by a vendor (random ones).</summary>
    public bool IsLocallyAdministered => (Value & (1UL << 41)) != 0;

    /// <summary>
    /// A random unicast, locally administered address, as the kernel's <c>eth_random_addr</c>
    /// makes them: clear the multicast bit, set the local bit.
    /// </summary>
    public static MacAddress FromRandom(ulong random) =>
        new((random & AddressMask & ~(1UL << 40)) | (1UL << 41));

    public static MacAddress Read(ReadOnlySpan<byte> source)
    {
        ulong v = 0;
        for (int i = 0; i < 6; i++) v = v << 8 | source[i];
        return new MacAddress(v);
    }

    public void Write(Span<byte> destination)
    {
        ulong v = Value;
        for (int i = 5; i >= 0; i--)
        {
            destination[i] = (byte)v;
            v >>= 8;
        }
    }

    public byte this[int octet] => (byte)(Value >> (8 * (5 - octet)));

    public static MacAddress Parse(string s) => Parse(s.AsSpan(), null);
    public static MacAddress Parse(string s, IFormatProvider? provider) => Parse(s.AsSpan(), provider);

    public static MacAddress Parse(ReadOnlySpan<char> s, IFormatProvider? provider = null) =>
        TryParse(s, provider, out var mac) ? mac : throw new FormatException($"invalid MAC address \"{s}\"");

    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out MacAddress result) =>
        TryParse(s.AsSpan(), provider, out result);

    public static bool TryParse(string? s, out MacAddress result) => TryParse(s.AsSpan(), null, out result);

    /// <summary>Six colon-separated groups of one or two hex digits, as iproute2 accepts.</summary>
    public static bool TryParse(ReadOnlySpan<char> s, IFormatProvider? provider, out MacAddress result)
    {
        result = default;
        ulong v = 0;
        int i = 0;
        for (int octet = 0; octet < 6; octet++)
        {
            int start = i;
            uint value = 0;
            while (i < s.Length && i - start < 2 && HexValue(s[i]) is int digit and >= 0)
            {
                value = value << 4 | (uint)digit;
                i++;
            }
            if (i == start) return false;
            v = v << 8 | value;
            if (octet < 5)
            {
                if (i >= s.Length || s[i] != ':') return false;
                i++;
            }
        }
        if (i != s.Length) return false;
        result = new MacAddress(v);
        return true;
    }

    private static int HexValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };

    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format = default,
        IFormatProvider? provider = null)
    {
        charsWritten = 0;
        if (destination.Length < 17) return false;
        for (int i = 0; i < 6; i++)
        {
            if (i > 0) destination[charsWritten++] = ':';
            this[i].TryFormat(destination[charsWritten..], out _, "x2", CultureInfo.InvariantCulture);
            charsWritten += 2;
        }
        return true;
    }

    public string ToString(string? format, IFormatProvider? formatProvider) => ToString();

    public override string ToString()
    {
        if (!IsValid) return "invalid MAC";
        Span<char> buffer = stackalloc char[17];
        TryFormat(buffer, out _);
        return new string(buffer);
    }

    public bool Equals(MacAddress other) => _bits == other._bits;
    public override bool Equals(object? obj) => obj is MacAddress other && Equals(other);
    public override int GetHashCode() => _bits.GetHashCode();
    public int CompareTo(MacAddress other) => _bits.CompareTo(other._bits);
    public static bool operator ==(MacAddress left, MacAddress right) => left.Equals(right);
    public static bool operator !=(MacAddress left, MacAddress right) => !left.Equals(right);
}
