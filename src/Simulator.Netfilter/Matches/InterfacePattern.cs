namespace Simulator.Netfilter.Matches;

/// <summary>
/// An interface name as iptables matches it: the exact name, or a prefix when written with a
/// trailing '+' (<c>br+</c> matches br0, br-lan, ...). <see cref="Any"/> (no <c>-i</c>, or a lone
/// <c>+</c>) matches every packet, even one without that device. The kernel compares the names
/// through a byte mask (ifname_compare_aligned); this is the same test spelled out.
/// </summary>
public readonly record struct InterfacePattern
{
    private readonly string? _text;

    private InterfacePattern(string text) => _text = text;

    public static InterfacePattern Any => default;

    /// <summary>The name as written, with its '+' if any; empty for <see cref="Any"/>.</summary>
    public string Text => _text ?? "";

    public bool IsAny => Text.Length == 0;
    public bool IsWildcard => Text.EndsWith('+');

    /// <summary>
    /// The pattern for <paramref name="text"/>. A lone "+" has an empty mask in the kernel and
    /// matches anything, so it is <see cref="Any"/>.
    /// </summary>
    public static InterfacePattern Parse(string text) => text is "" or "+" ? Any : new InterfacePattern(text);

    /// <summary>Does the device name (null or empty when the packet has no such device) match?</summary>
    public bool Matches(string? device)
    {
        if (IsAny) return true;
        device ??= "";
        return IsWildcard
            ? device.AsSpan().StartsWith(Text.AsSpan(0, Text.Length - 1), StringComparison.Ordinal)
            : string.Equals(device, Text, StringComparison.Ordinal);
    }

    public override string ToString() => Text;
}
