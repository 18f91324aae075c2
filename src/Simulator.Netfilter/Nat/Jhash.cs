namespace Simulator.Netfilter.Nat;

/// <summary>Bob Jenkins' lookup3 hash as the kernel's jhash2 computes it for one 32-bit word (include/linux/jhash.h).</summary>
internal static class Jhash
{
    private const uint InitialValue = 0xdeadbeef;

    public static uint Hash1(uint word, uint initval)
    {
        uint a, b, c;
        a = b = c = InitialValue + (1u << 2) + initval;
        a += word;
        // __jhash_final
        c ^= b; c -= Rol(b, 14);
        a ^= c; a -= Rol(c, 11);
        b ^= a; b -= Rol(a, 25);
        c ^= b; c -= Rol(b, 16);
        a ^= c; a -= Rol(c, 4);
        b ^= a; b -= Rol(a, 14);
        c ^= b; c -= Rol(b, 24);
        return c;
    }

    private static uint Rol(uint value, int shift) => value << shift | value >> (32 - shift);
}
