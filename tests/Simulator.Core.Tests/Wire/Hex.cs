namespace Simulator.Core.Tests.Wire;

/// <summary>Golden bytes written as commented hex, and junk-filled buffers for emit tests.</summary>
internal static class Hex
{
    public const byte JunkByte = 0xA5;

    /// <summary>Hex digits with whitespace and <c>//</c> comments (to the end of a line) ignored.</summary>
    public static byte[] Parse(string text)
    {
        var digits = new System.Text.StringBuilder();
        foreach (var line in text.Split('\n'))
        {
            int comment = line.IndexOf("//", StringComparison.Ordinal);
            foreach (char c in comment < 0 ? line : line[..comment])
                if (!char.IsWhiteSpace(c)) digits.Append(c);
        }
        return Convert.FromHexString(digits.ToString());
    }

    public static string Format(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(bytes);

    /// <summary>A buffer full of 0xA5, so a field an emitter forgets shows up in a comparison.</summary>
    public static byte[] Junk(int length)
    {
        var buffer = new byte[length];
        Array.Fill(buffer, JunkByte);
        return buffer;
    }
}
