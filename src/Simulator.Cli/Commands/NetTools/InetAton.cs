using Simulator.Core.Addressing;

namespace Simulator.Cli.Commands.NetTools;

/// <summary>
/// glibc's inet_aton and inet_network, which net-tools uses to read addresses: one to four
/// parts, each decimal, octal (leading 0) or hex (0x); "10.1" is 10.0.0.1 and "0x0a000001" is
/// 10.0.0.1 too.
/// </summary>
public static class InetAton
{
    /// <summary>inet_aton: the last part fills the bits the earlier parts leave.</summary>
    public static bool TryParse(string text, out Ipv4Address address)
    {
        address = default;
        if (!TryParts(text, out var parts)) return false;
        uint value = parts[^1];
        int n = parts.Count;
        for (int i = 0; i < n - 1; i++)
            if (parts[i] > 0xFF) return false;
        switch (n)
        {
            case 1:
                break;
            case 2:
                if (value > 0xFFFFFF) return false;
                value |= parts[0] << 24;
                break;
            case 3:
                if (value > 0xFFFF) return false;
                value |= parts[0] << 24 | parts[1] << 16;
                break;
            case 4:
                if (value > 0xFF) return false;
                value |= parts[0] << 24 | parts[1] << 16 | parts[2] << 8;
                break;
        }
        address = new Ipv4Address(value);
        return true;
    }

    /// <summary>inet_network (the numbers of /etc/networks): the parts shift in from the right, "127" is 0x7F.</summary>
    public static bool TryParseNetwork(string text, out uint network)
    {
        network = 0;
        if (!TryParts(text, out var parts)) return false;
        foreach (var part in parts)
        {
            if (part > 0xFF && parts.Count > 1) return false;
            network = network << 8 | part;
        }
        return true;
    }

    /// <summary>
    /// INET_getnetmask: the prefix length after an address's '/', read by strtoul; the mask is
    /// ~(0xffffffff &gt;&gt; length) with the shift count taken modulo 32 as x86 does, so /32 gives
    /// 0.0.0.0 and /33 128.0.0.0 (measured). <paramref name="length"/> is the value read.
    /// </summary>
    public static bool TryPrefixNetmask(string text, out Ipv4Address mask, out int length)
    {
        ulong value = CNumbers.Strtoul(text, out int end);
        length = unchecked((int)value);
        mask = new Ipv4Address(~(0xFFFFFFFFu >> (int)(value & 31)));
        return end == text.Length;
    }

    private static bool TryParts(string text, out List<uint> parts)
    {
        parts = [];
        int i = 0;
        while (true)
        {
            if (i >= text.Length || !char.IsAsciiDigit(text[i])) return false;
            uint radix = 10;
            if (text[i] == '0')
            {
                i++;
                if (i < text.Length && text[i] is 'x' or 'X')
                {
                    radix = 16;
                    i++;
                }
                else
                {
                    radix = 8;
                }
            }
            ulong value = 0;
            while (i < text.Length)
            {
                int digit = Digit(text[i], radix);
                if (digit < 0) break;
                value = value * radix + (uint)digit;
                if (value > uint.MaxValue) return false;
                i++;
            }
            if (radix == 8 && i < text.Length && text[i] is '8' or '9') return false;
            parts.Add((uint)value);
            if (i < text.Length && text[i] == '.')
            {
                if (parts.Count == 4) return false;
                i++;
                continue;
            }
            // Anything after the address must be white space.
            return i == text.Length || char.IsWhiteSpace(text[i]);
        }
    }

    private static int Digit(char c, uint radix) => radix switch
    {
        16 when char.IsAsciiHexDigit(c) => Convert.ToInt32(c.ToString(), 16),
        10 when char.IsAsciiDigit(c) => c - '0',
        8 when c is >= '0' and <= '7' => c - '0',
        _ => -1,
    };
}
