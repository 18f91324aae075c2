using Simulator.Core.Addressing;

namespace Simulator.Cli.Commands.NetTools;

/// <summary>
/// net-tools' reading of an Ethernet address (lib/ether.c: in_ether): hex octets of one or two
/// digits, the colons between them optional; fewer than six octets leave the rest zero.
/// </summary>
public static class EtherAddress
{
    public static bool TryParse(string text, out MacAddress address)
    {
        address = default;
        ulong value = 0;
        int octets = 0, i = 0;
        while (i < text.Length && octets < 6)
        {
            int high = Hex(text[i++]);
            if (high < 0) return false;
            int octet = high;
            if (i < text.Length && text[i] != ':')
            {
                int low = Hex(text[i++]);
                if (low < 0) return false;
                octet = high << 4 | low;
            }
            value = value << 8 | (uint)octet;
            octets++;
            if (i < text.Length && text[i] == ':') i++;
        }
        if (octets == 6 && i < text.Length) return false;
        value <<= 8 * (6 - octets);
        address = new MacAddress(value);
        return true;
    }

    private static int Hex(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };
}
