namespace Simulator.Netfilter.Matches;

/// <summary>
/// <c>-p icmp [!] --icmp-type type[/code]</c> (net/ipv4/netfilter/ip_tables.c icmp_match). Type
/// 255 ("any") matches every type; without a code the whole 0-255 code range matches.
/// </summary>
public sealed record IcmpMatch(byte Type, byte CodeMin, byte CodeMax, bool Invert) : IMatch
{
    public const byte ProtocolNumber = 1;
    public const byte AnyType = 0xFF;

    public static IcmpMatch ForType(byte type, bool invert = false) => new(type, 0, 0xFF, invert);
    public static IcmpMatch ForTypeAndCode(byte type, byte code, bool invert = false) => new(type, code, code, invert);

    public string Name => "icmp";
    public byte RequiredProtocol => ProtocolNumber;

    public bool Matches(in PacketContext packet)
    {
        if (packet.IsFragment || packet.Protocol != ProtocolNumber) return false;
        bool hit = (Type == AnyType || packet.IcmpType == Type)
                   && packet.IcmpCode >= CodeMin && packet.IcmpCode <= CodeMax;
        return hit != Invert;
    }
}
