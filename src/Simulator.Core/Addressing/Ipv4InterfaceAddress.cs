using System.Diagnostics.CodeAnalysis;

namespace Simulator.Core.Addressing;

/// <summary>
/// An address as configured on an interface: it keeps its host bits (<c>10.0.0.1/24</c>) and
/// exposes the network it belongs to.
/// </summary>
public readonly record struct Ipv4InterfaceAddress(Ipv4Address Address, int PrefixLength)
{
    public bool IsValid => Address.IsValid && PrefixLength is >= 0 and <= 32;
    public Ipv4Prefix Network => new(Address, PrefixLength);
    public Ipv4Address Mask => new(Ipv4Prefix.MaskBits(PrefixLength));
    public bool HasHostBits => (Address.Value & ~Ipv4Prefix.MaskBits(PrefixLength)) != 0;

    /// <summary>
    /// Parses <c>A.B.C.D</c> (a /32), <c>A.B.C.D/LEN</c>, or <c>A.B.C.D/M.M.M.M</c> with a
    /// contiguous netmask, which iproute2 accepts too (seed 004 writes
    /// <c>192.168.45.2/255.255.255.0</c>).
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> s, out Ipv4InterfaceAddress result)
    {
        result = default;
        int slash = s.IndexOf('/');
        var addressPart = slash < 0 ? s : s[..slash];
        if (!Ipv4Address.TryParse(addressPart, out var address)) return false;
        int length = 32;
        if (slash >= 0)
        {
            var lengthPart = s[(slash + 1)..];
            if (Ipv4Address.TryParse(lengthPart, out var mask))
            {
                length = Ipv4Prefix.LengthOfMask(mask);
                if (length < 0) return false;
            }
            else if (!int.TryParse(lengthPart, System.Globalization.NumberStyles.None,
                         System.Globalization.CultureInfo.InvariantCulture, out length) || length > 32)
            {
                return false;
            }
        }
        result = new Ipv4InterfaceAddress(address, length);
        return true;
    }

    public static bool TryParse([NotNullWhen(true)] string? s, out Ipv4InterfaceAddress result) =>
        TryParse(s.AsSpan(), out result);

    public override string ToString() => $"{Address}/{PrefixLength}";
}
