using Simulator.Core.Addressing;

namespace Simulator.Cli.Commands.Resolver;

/// <summary>
/// glibc's inet_aton: the numbers-and-dots forms a host name may take before anything is looked
/// up. One to four parts, each decimal, octal (leading 0) or hex (leading 0x); the last part fills
/// the bytes the others left, so <c>10.0.2</c> is 10.0.0.2 and <c>0x0a000002</c> is too.
/// </summary>
public static class InetAton
{
    /// <summary>
    /// Parses <paramref name="text"/> exactly, as getaddrinfo does (__inet_aton_exact): nothing may
    /// follow the address.
    /// </summary>
    public static bool TryParse(string text, out Ipv4Address address)
    {
        address = default;
        Span<ulong> parts = stackalloc ulong[4];
        int count = 0;
        int i = 0;
        while (true)
        {
            if (i >= text.Length || !char.IsAsciiDigit(text[i])) return false;
            if (!TryReadNumber(text, ref i, out ulong value)) return false;
            if (count == 4) return false;
            parts[count++] = value;
            if (i == text.Length) break;
            if (text[i] != '.') return false;
            i++;
        }
        // Each leading part is one byte; the last holds whatever bytes remain.
        for (int p = 0; p < count - 1; p++)
            if (parts[p] > 0xFF) return false;
        ulong last = parts[count - 1];
        ulong lastMax = count switch { 1 => 0xFFFFFFFF, 2 => 0xFFFFFF, 3 => 0xFFFF, _ => 0xFF };
        if (last > lastMax) return false;
        ulong result = last;
        for (int p = 0; p < count - 1; p++) result |= parts[p] << (24 - 8 * p);
        address = new Ipv4Address((uint)result);
        return true;
    }

    /// <summary>strtoul with base 0: 0x → hex, leading 0 → octal, else decimal.</summary>
    private static bool TryReadNumber(string text, ref int i, out ulong value)
    {
        value = 0;
        int radix = 10;
        if (text[i] == '0')
        {
            radix = 8;
            i++;
            if (i < text.Length && (text[i] == 'x' || text[i] == 'X'))
            {
                radix = 16;
                i++;
                if (i >= text.Length || !char.IsAsciiHexDigit(text[i])) return false;
            }
        }
        while (i < text.Length)
        {
            int digit = char.IsAsciiDigit(text[i]) ? text[i] - '0'
                : char.IsAsciiHexDigit(text[i]) ? char.ToLowerInvariant(text[i]) - 'a' + 10
                : -1;
            if (digit < 0 || digit >= radix)
            {
                // A digit the base does not have ends the number, and then the address ("08").
                if (digit >= radix) return false;
                break;
            }
            value = value * (ulong)radix + (ulong)digit;
            if (value > 0xFFFFFFFF) return false;
            i++;
        }
        return true;
    }
}
